import { beforeAll, describe, expect, it } from "vitest";
import { schemaNames } from "../schema/names.js";
import { emitCustomer } from "./customer-rows.js";
import { compactDate, cycleId, dayInMonth, dayOf, isoDate, monthOf } from "./dates.js";
import { managersPerRegion } from "./key-account-rows.js";
import { networkSpelling } from "./network-rows.js";
import type { CustomerPlan, World } from "./plan.js";

/** Lines removed for arrears (欠费拆机), as every system's rows show them, over a population drawn in memory. */

const CUSTOMERS = 5_000;
const asOfDay = dayOf("2026-11-15");
const world: World = { seed: 3, customers: CUSTOMERS, asOfDay, lastCycle: monthOf(asOfDay) - 1 };
const names = schemaNames();

type Row = unknown[];
/** Each customer's rows by table. */
const rows = new Map<number, Map<string, Row[]>>();
const plans: CustomerPlan[] = [];

beforeAll(() => {
  const managers = managersPerRegion(world);
  for (let index = 1; index <= CUSTOMERS; index++) {
    const tables = new Map<string, Row[]>();
    const sink = { row: (_schema: string, table: string, values: unknown[]) => tables.set(table, [...(tables.get(table) ?? []), values]) };
    plans.push(emitCustomer(world, index, managers, sink, names).plan);
    rows.set(index, tables);
  }
});

const of = (plan: CustomerPlan, table: string) => rows.get(plan.index)?.get(table) ?? [];
const removed = () => plans.flatMap((plan) => plan.services.filter((s) => s.removedForArrears).map((service) => ({ plan, service })));

describe("lines removed for arrears, as generated", () => {
  it("are a customer in a few dozen: customers who stopped paying, their post-paid lines, all on one day before the as-of date", () => {
    const customers = new Set(removed().map(({ plan }) => plan.index));
    expect(customers.size / CUSTOMERS).toBeGreaterThan(0.005);
    expect(customers.size / CUSTOMERS).toBeLessThan(0.05);
    for (const { plan, service } of removed()) {
      expect(plan.habit).toBe("ARREARS");
      expect(plan.accounts[service.accountIndex]?.payMethod).not.toBe("P");
      expect(service.removedDay!).toBeLessThan(asOfDay);
      expect(new Set(plan.services.filter((s) => s.removedForArrears).map((s) => s.removedDay)).size).toBe(1);
    }
  });

  it("come after the whole dunning ladder of the first unpaid bill and its double barring, which the removal ends", () => {
    for (const { plan, service } of removed()) {
      const day = service.removedDay as number;
      const acctId = plan.accounts[service.accountIndex]!.acctId;
      const owed = of(plan, "ACCT_ITEM_OWE").filter((o) => o[2] === acctId);
      expect(owed.length, plan.custNo).toBeGreaterThan(0);
      const firstOwed = owed.map((o) => o[3] as string).sort()[0]!;
      const dunned = of(plan, "DUNNING").filter((d) => d[1] === acctId && d[2] === firstOwed);
      expect(Math.max(...dunned.map((d) => d[4] as number))).toBe(5);
      expect(dunned.every((d) => (d[5] as string) < compactDate(day))).toBe(true);
      const stops = of(plan, "SERV_STOP").filter((s) => s[1] === service.servId && (s[2] === "1" || s[2] === "2"));
      expect(stops.map((s) => s[2]).sort()).toEqual(["1", "2"]);
      for (const stop of stops) {
        expect(stop[4]).toBe(compactDate(day));
        expect((stop[3] as string) < compactDate(day)).toBe(true);
      }
    }
  });

  it("are removed in every system: billing's SERV and no charge after the removal month, the hall's line and removal order for arrears, the network's line", () => {
    for (const { plan, service } of removed()) {
      const day = service.removedDay as number;
      const serv = of(plan, "SERV").find((s) => s[0] === service.servId)!;
      expect([serv[4], serv[5]]).toEqual(["F0X", "0"]);
      const billed = new Set(of(plan, "ACCT_ITEM").filter((i) => i[2] === service.servId).map((i) => i[1]));
      const cycles = of(plan, "BILL").filter((b) => billed.has(b[0])).map((b) => b[2] as string);
      expect(cycles.every((c) => c <= cycleId(monthOf(day))), plan.custNo).toBe(true);
      expect(of(plan, "tb_user").find((u) => u[2] === service.accNbr)?.[6]).toBe("4");
      const order = of(plan, "tb_work_order").find((o) => o[2] === service.accNbr && o[3] === "02")!;
      expect([order[5], order[6], order[7], order[8]]).toEqual([isoDate(day), "2", "05", null]);
      expect(of(plan, "line").find((l) => l[0] === networkSpelling(service))?.[1]).toBe(9);
    }
  });

  it("leave alone the lines started after the customer stopped paying, those on prepaid accounts and those removed before", () => {
    for (const plan of plans.filter((p) => p.services.some((s) => s.removedForArrears))) {
      const removal = plan.services.find((s) => s.removedForArrears)!.removedDay as number;
      // The cycle the customer stopped paying at: its first bill left owing.
      const cycle = of(plan, "ACCT_ITEM_OWE").map((o) => o[3] as string).sort()[0]!;
      const stopped = dayInMonth(Number(cycle.slice(0, 4)) * 12 + Number(cycle.slice(4)) - 1, 1);
      for (const service of plan.services.filter((s) => !s.removedForArrears)) {
        const prepaid = plan.accounts[service.accountIndex]?.payMethod === "P";
        const before = service.removedDay !== null && service.removedDay <= removal;
        expect(prepaid || before || service.startDay >= stopped, `${plan.custNo} ${service.accNbr}`).toBe(true);
      }
    }
  });
});
