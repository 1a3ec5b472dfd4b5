import { dayInMonth, monthOf } from "./dates.js";
import { accountNumber, customerNumber, MAX_ACCOUNTS, MAX_SERVICES, MOST_ACCOUNTS, MOST_SERVICES, serviceNumber } from "./ids.js";
import { REGIONS, type Region } from "./regions.js";
import type { Rng } from "./rng.js";
import { COMPANY_SUFFIX, COMPANY_WORDS, GIVEN_NAMES, INDUSTRIES, PRODUCT_NAMES, SURNAMES } from "./vocabulary.js";

/** Hall customer type codes: residential, unit, individual KA, enterprise KA. */
export type KindCode = "01" | "02" | "03" | "04";
export type ProductCode = keyof typeof PRODUCT_NAMES;
/** How an account's holder pays: on time, late, stopped paying at some point, pays only part. */
export type PayerHabit = "PUNCTUAL" | "LATE" | "ARREARS" | "PARTIAL";

export interface ServicePlan {
  servId: number;
  accNbr: string;
  product: ProductCode;
  productName: string;
  startDay: number;
  /** Day the service was removed (拆机), or null while in use. */
  removedDay: number | null;
  /** Set when billing's arrears history removed it (欠费拆机, arrears-removals.ts) rather than the customer's own request. */
  removedForArrears?: true;
  accountIndex: number;
}

export interface AccountPlan {
  acctId: number;
  acctNbr: string;
  payMethod: "C" | "B" | "P" | "A";
  openedDay: number;
  /** Typical monthly charge in fen before month-to-month noise. */
  monthlyFen: number;
}

export interface CustomerPlan {
  index: number;
  custNo: string;
  region: Region;
  kind: KindCode;
  name: string;
  createdDay: number;
  habit: PayerHabit;
  /** Relative change of spend per month (-0.04 … +0.04): usage trend. */
  trend: number;
  /** A few customers spend far from their own normal in one recent month. */
  abnormalMonthFactor: number | null;
  /** Stains on the record: suspension for illegal use or for facility damage. */
  stain: "ILLEGAL_USE" | "FACILITY_DAMAGE" | null;
  /** 0–1, how the customer feels about the carrier; drives surveys, complaints and competitor use. */
  mood: number;
  industry: readonly [string, string];
  accounts: AccountPlan[];
  services: ServicePlan[];
}

/** Sandbox-wide facts every customer plan is drawn against. */
export interface World {
  seed: number;
  customers: number;
  asOfDay: number;
  /** Month index of the newest closed billing cycle (the month before as-of). */
  lastCycle: number;
}

const REGION_CHOICES = REGIONS.map((r) => [r, r.weight] as const);

export function planCustomer(world: World, index: number, rng: Rng): CustomerPlan {
  const region = rng.weighted(REGION_CHOICES);
  const kind = rng.weighted<KindCode>([["01", 70], ["02", 22], ["03", 3], ["04", 5]]);
  const industry = rng.pick(INDUSTRIES);
  const person = kind === "01" || kind === "03";
  const name = person
    ? rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES)
    : region.city.replace("市", "") + rng.pick(COMPANY_WORDS) + (COMPANY_SUFFIX[industry[0]] ?? "有限公司");
  // Two percent are brand new: joined within the last two months, so they have few or no bills.
  const tenureDays = rng.chance(0.02) ? rng.int(1, 60) : rng.int(90, 20 * 365);
  const createdDay = world.asOfDay - tenureDays;
  const keyAccount = kind === "03" || kind === "04";
  const habit = rng.weighted<PayerHabit>(
    keyAccount ? [["PUNCTUAL", 80], ["LATE", 14], ["ARREARS", 4], ["PARTIAL", 2]] : [["PUNCTUAL", 68], ["LATE", 19], ["ARREARS", 9], ["PARTIAL", 4]],
  );
  const plan: CustomerPlan = {
    index,
    custNo: customerNumber(region, index),
    region,
    kind,
    name,
    createdDay,
    habit,
    trend: (rng.float() - 0.5) * 0.08,
    abnormalMonthFactor: rng.chance(0.005) ? rng.pick([0.08, 6, 9, 12]) : null,
    stain: rng.chance(0.006) ? (rng.chance(0.6) ? "ILLEGAL_USE" : "FACILITY_DAMAGE") : null,
    mood: rng.float(),
    industry,
    accounts: [],
    services: [],
  };
  plan.accounts = planAccounts(plan, rng);
  plan.services = planServices(world, plan, rng);
  return plan;
}

function planAccounts(plan: CustomerPlan, rng: Rng): AccountPlan[] {
  const count = { "01": 1, "02": rng.int(1, 2), "03": 1, "04": rng.int(1, MOST_ACCOUNTS) }[plan.kind];
  const potentialKeyAccount = plan.kind === "02" && rng.chance(0.04);
  return Array.from({ length: count }, (_, k) => {
    const seq = plan.index * MAX_ACCOUNTS + k;
    const payMethod =
      plan.kind === "01"
        ? rng.weighted<AccountPlan["payMethod"]>([["C", 35], ["B", 30], ["P", 25], ["A", 10]])
        : plan.kind === "02"
          ? rng.weighted<AccountPlan["payMethod"]>([["B", 60], ["C", 30], ["A", 10]])
          : rng.weighted<AccountPlan["payMethod"]>([["B", 80], ["C", 20]]);
    return {
      acctId: seq,
      acctNbr: accountNumber(plan.region, plan.index, k),
      payMethod,
      openedDay: plan.createdDay + (k === 0 ? 0 : rng.int(0, 200)),
      monthlyFen: monthlySpend(plan.kind, potentialKeyAccount, count, rng),
    };
  });
}

/**
 * Typical monthly charges per account. The key-account threshold is 10,000 yuan a year
 * (1,000,000 fen); a few units sit just under it (9,000–10,000 yuan), the seed's potential key accounts.
 */
function monthlySpend(kind: KindCode, potentialKeyAccount: boolean, accounts: number, rng: Rng): number {
  switch (kind) {
    case "01":
      return rng.int(3_000, 30_000);
    case "02":
      return potentialKeyAccount ? Math.round(rng.int(76_000, 82_500) / accounts) : rng.int(12_000, 70_000);
    case "03":
      return rng.int(90_000, 300_000);
    case "04":
      return Math.round(rng.int(200_000, 5_000_000) / accounts);
  }
}

function planServices(world: World, plan: CustomerPlan, rng: Rng): ServicePlan[] {
  const products: ProductCode[] = [];
  const add = (code: ProductCode, n: number) => {
    for (let i = 0; i < n; i++) products.push(code);
  };
  switch (plan.kind) {
    case "01":
      add("YD", rng.chance(0.9) ? rng.int(1, 2) : 0);
      add("GH", rng.chance(0.5) ? 1 : 0);
      add("KD", rng.chance(0.5) ? 1 : 0);
      break;
    case "02":
      add("GH", rng.int(1, 3));
      add("KD", rng.chance(0.6) ? 1 : 0);
      add("ZX", rng.chance(0.1) ? 1 : 0);
      add("YD", rng.int(0, 2));
      break;
    case "03":
      add("YD", rng.int(1, 4));
      add("KD", rng.chance(0.7) ? 1 : 0);
      add("GH", rng.chance(0.4) ? 1 : 0);
      break;
    case "04":
      add("GH", rng.int(2, MOST_SERVICES.GH));
      add("ZX", rng.int(1, MOST_SERVICES.ZX));
      add("KD", rng.int(1, MOST_SERVICES.KD));
      add("YD", rng.int(0, MOST_SERVICES.YD));
      break;
  }
  if (products.length === 0) products.push("YD");
  const ofProduct = new Map<ProductCode, number>();
  return products.slice(0, MAX_SERVICES).map((product, j) => {
    const ordinal = ofProduct.get(product) ?? 0;
    ofProduct.set(product, ordinal + 1);
    const seq = plan.index * MAX_SERVICES + j;
    const accountIndex = j % plan.accounts.length;
    const account = plan.accounts[accountIndex] as AccountPlan;
    const startDay = Math.min(world.asOfDay - 1, account.openedDay + (j === 0 ? 0 : rng.int(0, 900)));
    const removed = rng.chance(0.04) && startDay < world.asOfDay - 60;
    return {
      servId: seq,
      accNbr: serviceNumber(product, plan.region, plan.index, { position: j, ordinal }, rng),
      product,
      productName: rng.pick(PRODUCT_NAMES[product]),
      startDay,
      removedDay: removed ? rng.int(Math.max(startDay + 30, dayInMonth(monthOf(world.asOfDay) - 12, 1)), world.asOfDay - 1) : null,
      accountIndex,
    };
  });
}
