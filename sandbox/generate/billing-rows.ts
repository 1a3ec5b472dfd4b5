import { removeForArrears } from "./arrears-removals.js";
import { paymentPlaces } from "./collect-site-rows.js";
import { emitCreditGrades } from "./credit-grade-rows.js";
import { offerDiscounts, offersTaken } from "./offer-rows.js";
import { compactDate, cycleId, dayInMonth, monthOf } from "./dates.js";
import type { AccountPlan, CustomerPlan, ProductCode, ServicePlan, World } from "./plan.js";
import { Rng } from "./rng.js";
import type { RowSink } from "./sink.js";
import { emitUsage } from "./usage-rows.js";

/** What the billing history did to each service, which the hall and network then show. */
export type Barring = "NONE" | "SINGLE" | "DOUBLE";

const PRODUCT_ID: Record<ProductCode, number> = { GH: 10, YD: 20, KD: 30, ZX: 40 };
/** Share of an account's charges each product draws, before usage noise. */
const PRODUCT_WEIGHT: Record<ProductCode, number> = { GH: 1, YD: 1.2, KD: 1, ZX: 4 };
const USAGE_ITEM: Record<ProductCode, string | null> = { GH: "LC", YD: "DT", KD: "DT", ZX: null };
const BANKS = ["0102", "0103", "0104", "0105", "0301"];
const CHANNEL: Record<AccountPlan["payMethod"], string> = { C: "H", B: "B", P: "P", A: "W" };
/** Dunning ladder: days past due → method (A automatic, M manual). */
const DUNNING_STEPS: readonly (readonly [number, "A" | "M"])[] = [[3, "A"], [10, "A"], [25, "M"], [50, "M"], [80, "M"]];
/** Id slots per parent record, so ids derive from the parent's id without shared counters. */
export const BILL_SLOTS = 16;
const ITEM_SLOTS = 64;
const STOP_SLOTS = 16;
/** Added to the seed for the accounts' dunning streams. */
const DUNNING_STREAM = 0x64756e;
/** Write-offs per account: at most one per bill plus one per payment (36), in slots of 64. */
const WRITE_OFF_SLOTS = 64;

export function emitBilling(world: World, plan: CustomerPlan, rng: Rng, sink: RowSink, schema: string): Map<number, Barring> {
  const barring = new Map<number, Barring>();
  for (const service of plan.services) barring.set(service.servId, "NONE");
  sink.row(schema, "CUST", [plan.index, `${plan.custNo.slice(0, 4)}-${plan.custNo.slice(4)}`, plan.name, plan.region.code]);
  // Customers who stopped paying stopped at one cycle, the same for all their accounts.
  const stopFrom = plan.habit === "ARREARS" ? world.lastCycle - Math.floor(rng.float() ** 1.5 * 12) : Infinity;
  // Lines still unpaid past every dunning step are removed (its own stream); the history below then follows.
  removeForArrears(world, plan, stopFrom);

  plan.accounts.forEach((account, k) => {
    const services = plan.services.filter((s) => s.accountIndex === k);
    const stops = emitAccount(world, plan, account, services, stopFrom, rng, sink, schema);
    for (const service of services) {
      const level = stops.get(service.servId);
      if (level) barring.set(service.servId, level);
    }
  });

  let stainDay: number | null = null;
  if (plan.stain) {
    const service = plan.services[0] as ServicePlan;
    const from = world.asOfDay - rng.int(10, 360);
    stainDay = from;
    const stillStopped = rng.chance(0.3);
    const until = stillStopped ? "00000000" : compactDate(Math.min(world.asOfDay, from + rng.int(3, 30)));
    sink.row(schema, "SERV_STOP", [service.servId * STOP_SLOTS + 14, service.servId, plan.stain === "ILLEGAL_USE" ? "3" : "4", compactDate(from), until]);
    if (stillStopped && service.removedDay === null) barring.set(service.servId, "DOUBLE");
  }

  for (const service of plan.services) {
    const level = barring.get(service.servId) ?? "NONE";
    const state = service.removedDay !== null ? "F0X" : level === "NONE" ? "F0A" : "F0T";
    const stopFlag = service.removedDay !== null ? "0" : { NONE: "0", SINGLE: "1", DOUBLE: "2" }[level];
    sink.row(schema, "SERV", [service.servId, service.accNbr, plan.index, PRODUCT_ID[service.product], state, stopFlag, compactDate(service.startDay)]);
    sink.row(schema, "SERV_ACCT", [service.servId, (plan.accounts[service.accountIndex] as AccountPlan).acctId, "00", "A"]);
  }
  // The first bill left unpaid falls due on the 20th of the month after the cycle the customer stopped paying at.
  emitCreditGrades(world, plan, { stainDay, unpaidDueDay: Number.isFinite(stopFrom) ? dayInMonth(stopFrom + 1, 20) : null }, sink, schema);
  return barring;
}

/** A bill as the account's history made it, before the write-offs settle it. */
interface BillPlan {
  billId: number;
  month: number;
  amount: number;
  issueDay: number;
  dueDay: number;
  active: ServicePlan[];
}

/** Money received on the account: posted to the account, not to a bill, as real billing posts it. */
interface PaymentPlan {
  paymentId: number;
  day: number;
  amount: number;
}

function emitAccount(
  world: World,
  plan: CustomerPlan,
  account: AccountPlan,
  services: ServicePlan[],
  stopFrom: number,
  rng: Rng,
  sink: RowSink,
  schema: string,
): Map<number, Barring> {
  const prepaid = account.payMethod === "P";
  const bank = account.payMethod === "B" ? rng.pick(BANKS) : "";
  const creditLimit = prepaid ? 0 : { "01": rng.int(1, 5) * 10_000, "02": rng.int(5, 50) * 10_000, "03": rng.int(10, 30) * 100_000, "04": rng.int(10, 100) * 100_000 }[plan.kind];
  const drawnBalance = prepaid ? rng.int(0, 20_000) : rng.chance(0.1) ? rng.int(1, 50) * 1_000 : 0;
  const bankAccount = bank ? "62" + rng.digits(17) : "";

  const firstCycle = Math.max(world.lastCycle - 11, monthOf(account.openedDay));
  const bills: BillPlan[] = [];
  const payments: PaymentPlan[] = [];
  for (let month = firstCycle; month <= world.lastCycle; month++) {
    const monthStart = dayInMonth(month, 1);
    const monthEnd = dayInMonth(month + 1, 1) - 1;
    const active = services.filter((s) => s.startDay <= monthEnd && (s.removedDay === null || s.removedDay >= monthStart));
    if (active.length === 0) continue;
    const billId = account.acctId * BILL_SLOTS + (month - (world.lastCycle - 11));
    const amount = emitItems(world, plan, account, active, month, billId, rng, sink, schema);
    const dueDay = dayInMonth(month + 1, 20);
    const issueDay = dayInMonth(month + 1, 1);

    // What the holder paid for this month's bill, and when; the write-off run decides which bill it settles.
    let paid = amount;
    let payDay = dueDay - rng.int(0, 18);
    if (prepaid) payDay = issueDay;
    else if (month >= stopFrom) paid = 0;
    else if (plan.habit === "LATE" || plan.habit === "ARREARS") payDay = rng.chance(0.6) ? dueDay + rng.int(1, 45) : payDay;
    else if (plan.habit === "PARTIAL" && rng.chance(0.3)) paid = Math.floor((amount * rng.int(30, 80)) / 100);
    payDay = Math.max(payDay, issueDay);
    if (payDay > world.asOfDay) paid = 0;
    bills.push({ billId, month, amount, issueDay, dueDay, active });
    if (paid > 0) payments.push({ paymentId: billId, day: payDay, amount: paid });
  }

  const { owed, writeOffs, held } = settle(bills, payments);
  const places = paymentPlaces(world, plan.region, account, bank);
  for (const p of payments) {
    const channel = CHANNEL[account.payMethod];
    sink.row(schema, "PAYMENT", [p.paymentId, account.acctId, null, p.amount, compactDate(p.day), channel, null, "W", places.next(channel)]);
  }
  const settledDay = new Map<number, number>();
  writeOffs.forEach((w, n) => {
    const bill = bills[w.bill] as BillPlan;
    sink.row(schema, "WRITE_OFF", [account.acctId * WRITE_OFF_SLOTS + n, account.acctId, bill.billId, w.amount, compactDate(w.day)]);
    settledDay.set(w.bill, w.day);
  });

  // Dunning outcomes come from a stream of the account's own: which bills stay owed depends on the whole
  // history, and the customer's main stream must not shift with it (everything drawn after it would).
  const dunningRng = new Rng(world.seed + DUNNING_STREAM, account.acctId);
  let oldestOverdueDue = Infinity;
  bills.forEach((bill, i) => {
    const stillOwed = owed[i] as number;
    const state = stillOwed <= 0 ? "P" : stillOwed === bill.amount ? "U" : "A";
    sink.row(schema, "BILL", [bill.billId, account.acctId, cycleId(bill.month), bill.amount, compactDate(bill.dueDay), state]);
    if (stillOwed > 0) {
      sink.row(schema, "ACCT_ITEM_OWE", [bill.billId, bill.billId, account.acctId, cycleId(bill.month), stillOwed]);
      if (bill.dueDay < world.asOfDay) oldestOverdueDue = Math.min(oldestOverdueDue, bill.dueDay);
      DUNNING_STEPS.forEach(([days, method], n) => {
        if (world.asOfDay - bill.dueDay < days) return;
        sink.row(schema, "DUNNING", [bill.billId * 8 + n, account.acctId, cycleId(bill.month), method, n + 1, compactDate(bill.dueDay + days), dunningRng.chance(0.6) ? "S" : "F", null]);
      });
      return;
    }
    const settled = settledDay.get(i);
    if (settled !== undefined && settled > bill.dueDay + 30) {
      // Settled late enough to have been barred for a while, then resumed on settlement.
      for (const s of bill.active) {
        if (s.removedDay === null) sink.row(schema, "SERV_STOP", [s.servId * STOP_SLOTS + (bill.month - firstCycle), s.servId, "1", compactDate(bill.dueDay + 30), compactDate(settled)]);
      }
    }
  });

  // Money held on an account that still owes would be written off by billing's next run: there is none.
  const balance = owed.some((o) => o > 0) ? held : drawnBalance + held;
  sink.row(schema, "ACCT", [
    account.acctId, account.acctNbr, plan.index, plan.name, account.payMethod, bank,
    bankAccount, creditLimit, balance, "A", compactDate(account.openedDay),
  ]);
  return barArrears(world, services, oldestOverdueDue, sink, schema);
}

/**
 * Billing's write-off run over the account's history, as it settles (sandbox/billing): each day's money
 * goes to the oldest bill issued and still owed, and money with no such bill is held until the next one.
 * Bills are in month order, so their issue days ascend.
 */
export function settle(bills: readonly Pick<BillPlan, "amount" | "issueDay">[], payments: readonly Pick<PaymentPlan, "day" | "amount">[]) {
  const owed = bills.map((b) => Math.max(0, b.amount));
  const writeOffs: { bill: number; day: number; amount: number }[] = [];
  // On one day a bill is issued before the day's money is applied.
  const events = [...bills.map((b, i) => ({ day: b.issueDay, bill: i, amount: 0 })), ...payments.map((p) => ({ day: p.day, bill: -1, amount: p.amount }))];
  events.sort((a, b) => a.day - b.day || b.bill - a.bill);
  let issued = 0;
  let held = 0;
  for (const event of events) {
    if (event.bill >= 0) issued = Math.max(issued, event.bill + 1);
    held += event.amount;
    for (let i = 0; i < issued && held > 0; i++) {
      const take = Math.min(owed[i] as number, held);
      if (take === 0) continue;
      owed[i] = (owed[i] as number) - take;
      held -= take;
      writeOffs.push({ bill: i, day: event.day, amount: take });
    }
  }
  return { owed, writeOffs, held };
}

/** Bill items: per product on the account, a basic fee and a usage item, sometimes long distance and value-added; the offers' discounts. */
function emitItems(
  world: World,
  plan: CustomerPlan,
  account: AccountPlan,
  active: ServicePlan[],
  month: number,
  billId: number,
  rng: Rng,
  sink: RowSink,
  schema: string,
): number {
  let scale = (1 + plan.trend) ** (month - world.lastCycle) * (0.85 + rng.float() * 0.3);
  if (plan.abnormalMonthFactor !== null && month === world.lastCycle) scale *= plan.abnormalMonthFactor;
  const total = Math.max(100, Math.round(account.monthlyFen * scale));
  const byProduct = new Map<ProductCode, ServicePlan>();
  const lines = new Map<ProductCode, ServicePlan[]>();
  for (const s of active) {
    if (!byProduct.has(s.product)) byProduct.set(s.product, s);
    lines.set(s.product, [...(lines.get(s.product) ?? []), s]);
  }
  let weights = 0;
  for (const product of byProduct.keys()) weights += PRODUCT_WEIGHT[product];

  let item = 0;
  let sum = 0;
  const charged = new Map<number, number>();
  const localCalls = new Map<number, number>();
  const push = (servId: number, type: string, amount: number, offerId: number | null = null) => {
    if (amount === 0) return;
    if (item === ITEM_SLOTS) throw new Error(`bill ${billId} needs more than ${ITEM_SLOTS} items`);
    sink.row(schema, "ACCT_ITEM", [billId * ITEM_SLOTS + item++, billId, servId, type, amount, offerId]);
    sum += amount;
    charged.set(servId, (charged.get(servId) ?? 0) + amount);
    if (type === "LC") localCalls.set(servId, (localCalls.get(servId) ?? 0) + amount);
    emitUsage(world, active.find((s) => s.servId === servId) as ServicePlan, month, type, amount, sink, schema);
  };
  for (const [product, service] of byProduct) {
    const share = Math.round((total * PRODUCT_WEIGHT[product]) / weights);
    const usageType = USAGE_ITEM[product];
    let basic = usageType ? Math.round(share * 0.4) : share;
    let usage = share - basic;
    // The product's other lines take their part of its charges with no draw of their own (every later row stays put).
    const others = otherLines(lines.get(product) ?? [], basic, usageType ? usage : 0);
    for (const [other, part] of others) {
      push(other.servId, "BF", part.basic);
      if (usageType) push(other.servId, usageType, part.usage);
      basic -= part.basic;
      usage -= part.usage;
    }
    push(service.servId, "BF", basic);
    if (!usageType) continue;
    if (product === "GH" && rng.chance(0.3)) {
      const longDistance = Math.round(usage * 0.3);
      push(service.servId, usageType, usage - longDistance);
      push(service.servId, "LD", longDistance);
    } else if (product === "YD" && rng.chance(0.2)) {
      const valueAdded = Math.round(usage * 0.2);
      push(service.servId, usageType, usage - valueAdded);
      push(service.servId, "VA", valueAdded);
    } else push(service.servId, usageType, usage);
  }
  // The draws of the discount bills had before offers made them: every later row of the customer stays where it was.
  if (rng.chance(0.15)) rng.int(5, 15);
  for (const d of offerDiscounts(offersTaken(world, plan), month, charged, localCalls)) push(d.servId, "DS", -d.amount, d.offerId);
  return sum;
}

/**
 * A product's second and later lines on the account, sharing its charges (the bill's total does not move): the basic
 * fee evenly, the usage by a weight hashed from the line, most far below the first line's and some next to nothing,
 * as real extra lines are.
 */
function otherLines(lines: readonly ServicePlan[], basic: number, usage: number): [ServicePlan, { basic: number; usage: number }][] {
  const others = lines.slice(1);
  if (others.length === 0) return [];
  const weight = (s: ServicePlan) => (((Math.imul(s.servId, 0x9e3779b1) >>> 0) % 1000) / 1000) ** 2;
  const total = 1 + others.reduce((sum, s) => sum + weight(s), 0);
  const basicEach = Math.floor(basic / lines.length);
  return others.map((s) => [s, { basic: basicEach, usage: Math.floor((usage * weight(s)) / total) }]);
}

/**
 * Arrears older than 30 days bar outgoing calls; older than 60 days bar both directions. A line removed for the
 * arrears was barred the same way until its removal, which ended the stops.
 */
function barArrears(world: World, services: ServicePlan[], oldestOverdueDue: number, sink: RowSink, schema: string): Map<number, Barring> {
  const levels = new Map<number, Barring>();
  const overdueDays = world.asOfDay - oldestOverdueDue;
  if (!(overdueDays >= 30)) return levels;
  for (const s of services) {
    if (s.removedDay !== null && !s.removedForArrears) continue;
    const end = s.removedDay ?? Infinity;
    const until = s.removedDay === null ? "00000000" : compactDate(s.removedDay);
    if (oldestOverdueDue + 30 < end) sink.row(schema, "SERV_STOP", [s.servId * STOP_SLOTS + 12, s.servId, "1", compactDate(oldestOverdueDue + 30), until]);
    if (overdueDays >= 60 && oldestOverdueDue + 60 < end) sink.row(schema, "SERV_STOP", [s.servId * STOP_SLOTS + 13, s.servId, "2", compactDate(oldestOverdueDue + 60), until]);
    if (s.removedDay === null) levels.set(s.servId, overdueDays >= 60 ? "DOUBLE" : "SINGLE");
  }
  return levels;
}
