import { beforeAll, describe, expect, it } from "vitest";
import { schemaNames } from "../schema/names.js";
import { emitCustomer } from "./customer-rows.js";
import { compactDate, dayOf, monthOf } from "./dates.js";
import { managersPerRegion } from "./key-account-rows.js";
import type { CustomerPlan, World } from "./plan.js";

/** Credit grades set by hand (CREDIT_GRADE_HIS) as the generator writes them, over a population drawn in memory. */

const CUSTOMERS = 20_000;
const asOfDay = dayOf("2026-11-15");
const world: World = { seed: 1, customers: CUSTOMERS, asOfDay, lastCycle: monthOf(asOfDay) - 1 };

type Row = unknown[];
const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
const grades: Row[] = [];
const stops = new Map<number, Row[]>();
const plans = new Map<number, CustomerPlan>();

beforeAll(() => {
  const managers = managersPerRegion(world);
  const names = schemaNames();
  const sink = {
    row(_schema: string, table: string, values: unknown[]) {
      if (table === "CREDIT_GRADE_HIS") grades.push(values);
      if (table === "SERV_STOP") stops.set(values[1] as number, [...(stops.get(values[1] as number) ?? []), values]);
    },
  };
  for (let index = 1; index <= CUSTOMERS; index++) {
    const { plan } = emitCustomer(world, index, managers, sink, names);
    plans.set(index, plan);
  }
});

const byCustomer = () => {
  const map = new Map<number, Row[]>();
  for (const row of grades) map.set(row[1] as number, [...(map.get(row[1] as number) ?? []), row]);
  return map;
};

describe("credit grades set by hand, as generated", () => {
  it("are set for few customers, most of them former customers removed for arrears, for each of credit control's reasons", () => {
    const customers = byCustomer();
    const share = customers.size / CUSTOMERS;
    expect(share).toBeGreaterThan(0.001);
    expect(share).toBeLessThan(0.02);
    const former = grades.filter((row) => row[4] === "拆机后欠费未清，列入非在用客户黑名单");
    expect(former.length).toBeGreaterThan(customers.size / 2);
    const settings = grades.filter((row) => row[2] !== "0");
    expect(new Set(settings.map((row) => `${row[2]}${row[3]}`))).toEqual(new Set(["EB", "DG", "A0", "B0"]));
    // A fifth or so are lifted later, each by a row of its own.
    const lifted = grades.filter((row) => row[2] === "0");
    expect(lifted.length).toBeGreaterThan(0);
    expect(lifted.length).toBeLessThan(settings.length / 2);
    for (const row of lifted) expect(row[3]).toBe("0");
  });

  it("are set after what they react to, never after the as-of date, each with a reason and who set it", () => {
    const asOf = compactDate(asOfDay);
    for (const [index, rows] of byCustomer()) {
      const plan = plans.get(index)!;
      const [set, lift] = rows as [Row, Row | undefined];
      expect(set[6] as string <= asOf).toBe(true);
      expect(set[6] as string >= compactDate(plan.createdDay + 30)).toBe(true);
      expect(String(set[4]).length).toBeGreaterThan(0);
      expect(set[5]).toMatch(new RegExp(`^XK${plan.region.code}\\d{3}$`));
      if (lift) expect(lift[6] as string > (set[6] as string)).toBe(true);
      if (set[4] === "违章使用业务，经稽核确认，人工列入黑名单") {
        const illegal = plan.services.flatMap((s) => stops.get(s.servId) ?? []).filter((stop) => stop[2] === "3");
        expect(illegal.length).toBeGreaterThan(0);
        expect(illegal.some((stop) => (stop[3] as string) < (set[6] as string))).toBe(true);
      }
      if (set[4] === "拆机后欠费未清，列入非在用客户黑名单") {
        expect(plan.habit).toBe("ARREARS");
        expect(plan.services.every((service) => service.removedDay !== null && service.removedDay < dayOf(iso(set[6] as string)))).toBe(true);
      }
      if (set[2] === "A") expect(["03", "04"]).toContain(plan.kind);
      if (set[2] === "D") expect(plan.habit).toBe("ARREARS");
    }
  });

  it("take ids from their customer's own slots", () => {
    for (const row of grades) expect(Math.floor((row[0] as number) / 4)).toBe(row[1]);
    expect(new Set(grades.map((row) => row[0])).size).toBe(grades.length);
  });
});
