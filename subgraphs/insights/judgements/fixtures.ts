import type { BillingFacts, CustomerFacts, KeyAccountFacts, NetworkFacts, ProfileFacts } from "../facts.js";
import { dayNumber, isoDate, isoMonth, monthNumber } from "./dates.js";

/** Hand-made facts for the judgements' tests: a plain, well-behaved customer, and ways to bend it. */
export const AS_OF = "2026-11-15";
export const ACCOUNT = "88025000000001";
export const MOBILE = "13300000001";
export const BROADBAND = "AD02500000002";

export type Bill = BillingFacts["bills"][number];
export type Service = BillingFacts["services"][number];
export type Survey = ProfileFacts["surveys"][number];

export interface FactsPatch {
  asOf?: string;
  billing?: Partial<BillingFacts>;
  profile?: Partial<ProfileFacts>;
  network?: Partial<NetworkFacts>;
  keyAccount?: Partial<KeyAccountFacts>;
}

export function shiftDays(iso: string, days: number): string {
  return isoDate(dayNumber(iso) + days);
}

/** A bill of `month`, due on the 20th of the next month, settled in full by one write-off five days early unless told otherwise. */
export function bill(month: string, overrides: Partial<Bill> = {}): Bill {
  const amountFen = overrides.amountFen ?? 10_000;
  const paidFen = overrides.paidFen ?? amountFen;
  const dueDate = overrides.dueDate ?? `${isoMonth(monthNumber(month) + 1)}-20`;
  return {
    accountNo: ACCOUNT,
    billNo: `B${(overrides.accountNo ?? ACCOUNT).slice(-4)}${month.replace("-", "")}`,
    month,
    amountFen,
    paidFen,
    dueDate,
    state: paidFen >= amountFen ? "PAID" : paidFen === 0 ? "UNPAID" : "PARTLY_PAID",
    settlements: paidFen > 0 ? [{ on: shiftDays(dueDate, -5), amountFen: paidFen }] : [],
    serviceNos: [MOBILE, BROADBAND],
    ...overrides,
  };
}

/** One bill per month for the `count` closed months before the as-of month, newest first, amounts by month index (0 = oldest). */
export function monthlyBills(count: number, amount: (i: number) => number = () => 10_000, asOf = AS_OF, overrides: Partial<Bill> = {}): Bill[] {
  const last = monthNumber(asOf) - 1;
  return Array.from({ length: count }, (_, k) => {
    const i = count - 1 - k;
    return bill(isoMonth(last - (count - 1) + i), { amountFen: amount(i), ...overrides });
  });
}

export function survey(overrides: Partial<Survey> = {}, answer = 4): Survey {
  return {
    surveyDate: "2026-06-01",
    image: answer,
    attitude: answer,
    serviceQuality: answer,
    care: answer,
    reliability: answer,
    timeliness: answer,
    security: answer,
    qualityForPrice: answer,
    priceForQuality: answer,
    scale: "FIVE_POINT",
    usesOtherCarrier: false,
    ...overrides,
  };
}

export function service(serviceNo: string, product: Service["product"], overrides: Partial<Service> = {}): Service {
  return { serviceNo, product, status: "ACTIVE", barring: "NONE", startedOn: "2020-03-01", ...overrides };
}

/**
 * A residential customer since March 2020 with a mobile and broadband on one bank-debit account,
 * twelve bills of 100 yuan all paid early, one survey answered 4 throughout, no complaints, faults,
 * suspensions or key-account standing.
 */
export function makeFacts(patch: FactsPatch = {}): CustomerFacts {
  const asOf = patch.asOf ?? AS_OF;
  return {
    customerId: "025000000001",
    asOf,
    billing: {
      accounts: [{ accountNo: ACCOUNT, paymentMethod: "BANK_DEBIT", creditLimitFen: 50_000, balanceFen: 0, status: "ACTIVE" }],
      bills: monthlyBills(12, undefined, asOf),
      services: [service(MOBILE, "MOBILE"), service(BROADBAND, "BROADBAND", { startedOn: "2021-06-01" })],
      suspensions: [],
      dunning: [],
      manualCredit: [],
      ...patch.billing,
    },
    profile: {
      kind: "RESIDENTIAL",
      createdAt: "2020-03-01T09:30:00+08:00",
      category: "ORDINARY",
      subscriptions: [
        { serviceNo: MOBILE, productCode: "MOBILE", status: "ACTIVE", startDate: "2020-03-01" },
        { serviceNo: BROADBAND, productCode: "BROADBAND", status: "ACTIVE", startDate: "2021-06-01" },
      ],
      complaints: [],
      surveys: [survey()],
      workOrders: [],
      ...patch.profile,
    },
    network: {
      lines: [
        { serviceNo: MOBILE, status: "UP" },
        { serviceNo: BROADBAND, status: "UP" },
      ],
      tickets: [],
      activeAlarms: 0,
      ...patch.network,
    },
    keyAccount: {
      isKeyAccount: false,
      level: null,
      relationship: null,
      activeContracts: 0,
      contractValueFen: 0,
      visitDates: [],
      ...patch.keyAccount,
    },
  };
}

/** A tiny seeded generator (mulberry32), so the property-style tests are reproducible without Math.random. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}

export type Random = ReturnType<typeof seededRandom>;

/**
 * What the write-off runs settled of `paidFen`: one to three runs from 15 days before the due date to 90
 * after, oldest first; now and then part of it (or all) paid without a write-off record, as in old data.
 */
function randomSettlements(random: Random, paidFen: number, dueDate: string): Bill["settlements"] {
  const unrecorded = random.chance(0.15) ? random.int(0, paidFen) : 0;
  let left = paidFen - unrecorded;
  const days = Array.from({ length: random.int(1, 3) }, () => random.int(-15, 90)).sort((a, b) => a - b);
  const settlements: Bill["settlements"] = [];
  days.forEach((day, i) => {
    const amountFen = i === days.length - 1 ? left : random.int(0, left);
    if (amountFen <= 0) return;
    settlements.push({ on: shiftDays(dueDate, day), amountFen });
    left -= amountFen;
  });
  return settlements;
}

const PRODUCTS = ["FIXED_LINE", "MOBILE", "BROADBAND", "LEASED_LINE"] as const;
const KINDS = ["RESIDENTIAL", "BUSINESS", "INDIVIDUAL_KEY_ACCOUNT", "ENTERPRISE_KEY_ACCOUNT"] as const;

/** Facts drawn at random over the whole space the types allow, odd corners included (no bills, zero limits, stains, future dates). */
export function randomFacts(random: Random): CustomerFacts {
  const asOf = random.pick(["2026-11-15", "2026-03-31", "2025-01-01"]);
  const asOfDay = dayNumber(asOf);
  const date = (fromDaysAgo: number, toDaysAgo: number) => isoDate(asOfDay - random.int(toDaysAgo, fromDaysAgo));
  const accounts = Array.from({ length: random.int(0, 3) }, (_, i) => ({
    accountNo: `8802500000${String(i).padStart(4, "0")}`,
    paymentMethod: random.pick(["CASH", "BANK_DEBIT", "PREPAID", "AGENT"] as const),
    creditLimitFen: random.chance(0.2) ? 0 : random.int(1, 100) * 10_000,
    balanceFen: random.int(0, 50_000),
    status: random.chance(0.85) ? ("ACTIVE" as const) : ("CLOSED" as const),
  }));
  const services = Array.from({ length: random.int(0, 6) }, (_, i) => ({
    serviceNo: `SVC${i}`,
    product: random.pick(PRODUCTS),
    status: random.pick(["ACTIVE", "ACTIVE", "BARRED", "REMOVED"] as const),
    barring: random.pick(["NONE", "NONE", "SINGLE", "DOUBLE"] as const),
    startedOn: date(4000, 0),
  }));
  const bills: Bill[] = [];
  for (const account of accounts) {
    for (let m = 1; m <= 13; m++) {
      if (random.chance(0.2)) continue;
      const month = isoMonth(monthNumber(asOf) - m);
      const amountFen = random.int(0, 600_000);
      const paidFen = random.pick([amountFen, amountFen, 0, random.int(0, amountFen)]);
      const dueDate = `${isoMonth(monthNumber(month) + 1)}-20`;
      bills.push({
        accountNo: account.accountNo,
        billNo: `${account.accountNo}-${month}`,
        month,
        amountFen,
        paidFen,
        dueDate,
        state: paidFen >= amountFen ? "PAID" : paidFen === 0 ? "UNPAID" : "PARTLY_PAID",
        settlements: randomSettlements(random, paidFen, dueDate),
        serviceNos: services.filter(() => random.chance(0.5)).map((s) => s.serviceNo),
      });
    }
  }
  const serviceNo = () => (services.length > 0 ? random.pick(services).serviceNo : "SVC0");
  const facts: CustomerFacts = {
    customerId: "025000000002",
    asOf,
    billing: {
      accounts,
      bills,
      services,
      suspensions: Array.from({ length: random.int(0, 3) }, () => {
        const from = date(2000, 0);
        return {
          serviceNo: serviceNo(),
          reason: random.pick(["ARREARS_SINGLE", "ARREARS_DOUBLE", "ILLEGAL_USE", "FACILITY_DAMAGE"] as const),
          from,
          until: random.chance(0.3) ? null : shiftDays(from, random.int(1, 60)),
        };
      }),
      dunning: bills
        .filter((b) => b.paidFen < b.amountFen && random.chance(0.7))
        .map((b, i) => ({
          accountNo: b.accountNo,
          month: b.month,
          method: random.pick(["AUTOMATIC", "MANUAL"] as const),
          attempt: i + 1,
          date: shiftDays(b.dueDate, random.int(1, 90)),
          result: random.pick(["REACHED", "FAILED"] as const),
        })),
      manualCredit: [],
    },
    profile: {
      kind: random.pick(KINDS),
      createdAt: `${date(6000, 0)}T10:00:00+08:00`,
      category: "ORDINARY",
      subscriptions: [],
      complaints: Array.from({ length: random.int(0, 5) }, () => ({
        type: random.pick(["BILLING", "NETWORK_QUALITY", "SERVICE_ATTITUDE", "INSTALLATION", "OTHER"] as const),
        acceptedAt: `${date(700, 0)}T14:00:00+08:00`,
        status: random.pick(["ACCEPTED", "IN_PROGRESS", "CLOSED"] as const),
      })),
      surveys: Array.from({ length: random.int(0, 2) }, () => {
        const answer = () => random.int(1, 5);
        return {
          surveyDate: date(1000, -30),
          image: answer(),
          attitude: answer(),
          serviceQuality: answer(),
          care: answer(),
          reliability: answer(),
          timeliness: answer(),
          security: answer(),
          qualityForPrice: answer(),
          priceForQuality: answer(),
          scale: "FIVE_POINT" as const,
          usesOtherCarrier: random.chance(0.3),
        };
      }),
      workOrders: [],
    },
    network: {
      lines: [],
      tickets: Array.from({ length: random.int(0, 4) }, () => ({
        serviceNo: serviceNo(),
        openedAt: `${date(500, 0)}T08:00:00+08:00`,
        closedAt: null,
        state: "OPEN" as const,
      })),
      activeAlarms: random.int(0, 2),
    },
    keyAccount: (() => {
      const isKeyAccount = random.chance(0.2);
      return {
        isKeyAccount,
        level: isKeyAccount ? random.pick(["NATIONAL", "PROVINCIAL", "MUNICIPAL"] as const) : null,
        relationship: isKeyAccount ? random.pick(["BUY_OUT", "COOPERATIVE"] as const) : null,
        activeContracts: isKeyAccount ? random.int(0, 3) : 0,
        contractValueFen: isKeyAccount ? random.int(0, 80_000_000) : 0,
        visitDates: [],
      };
    })(),
  };
  // Drawn last, so the draws above are those they were before credit grades set by hand were facts.
  if (random.chance(0.1)) facts.billing.manualCredit = randomManualCredit(random, asOf);
  return facts;
}

/** One to three credit grades set by hand, newest first: each sets a level (with or without a list) or lifts it. */
function randomManualCredit(random: Random, asOf: string): BillingFacts["manualCredit"] {
  const days = Array.from({ length: random.int(1, 3) }, () => random.int(0, 900)).sort((a, b) => a - b);
  return days.map((back) => {
    const lifted = random.chance(0.25);
    return {
      level: lifted ? null : random.pick(["VERY_HIGH", "HIGH", "MEDIUM", "LOW", "VERY_LOW"] as const),
      list: lifted || random.chance(0.5) ? null : random.pick(["RED", "GREY", "BLACK"] as const),
      reason: lifted ? "恢复系统评定" : "信控人工调整",
      setBy: "XK3201001",
      setOn: shiftDays(asOf, -back),
    };
  });
}

