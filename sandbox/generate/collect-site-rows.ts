import type { AccountPlan, World } from "./plan.js";
import { REGIONS, type Region } from "./regions.js";
import { Rng } from "./rng.js";
import type { RowSink } from "./sink.js";
import { DISTRICTS, STREETS } from "./vocabulary.js";

/**
 * Billing's collection points (COLLECT_SITE, 收费点) and which of them took each generated payment. The code
 * table is fixed by the regions alone; the choice of a payment's point draws from a stream of its own per
 * account, so adding places moved no other row.
 */

/** Added to the seed for the payment places' streams. */
const PLACE_STREAM = 0x706c6163;
/** COLLECT_SITE.SITE_TYPE: business hall, agent point, bank branch. */
type SiteType = "H" | "A" | "B";

export interface CollectSite {
  siteId: string;
  latnId: string;
  type: SiteType;
  name: string;
  /** The bank of a branch (ACCT.BANK_ID's codes); "" for halls and agent points. */
  bankId: string;
}

/** The banks that debit accounts (ACCT.BANK_ID), by the codes billing keeps. */
export const BANK_NAMES: Record<string, string> = {
  "0102": "中国工商银行",
  "0103": "中国农业银行",
  "0104": "中国银行",
  "0105": "中国建设银行",
  "0301": "交通银行",
};
/** Branches each bank keeps in a local network, in its first districts. */
const BRANCHES_PER_BANK = 2;
/** Agent points (代办点) per district. */
const AGENTS_PER_DISTRICT = 2;

const siteId = (region: Region, type: SiteType, n: number) => `${region.code}${type}${String(n).padStart(3, "0")}`;

/** A local network's collection points: a hall per district, agent points on its streets, two branches of each bank. */
export function collectSites(region: Region): CollectSite[] {
  const city = region.city.replace("市", "");
  const districts = DISTRICTS[region.code] ?? ["市辖区"];
  const sites: CollectSite[] = [];
  districts.forEach((district, i) => {
    sites.push({ siteId: siteId(region, "H", i + 1), latnId: region.code, type: "H", name: `${city}${district.replace("区", "")}营业厅`, bankId: "" });
  });
  districts.forEach((district, i) => {
    for (let k = 0; k < AGENTS_PER_DISTRICT; k++) {
      const n = i * AGENTS_PER_DISTRICT + k;
      sites.push({ siteId: siteId(region, "A", n + 1), latnId: region.code, type: "A", name: `${district}${STREETS[n % STREETS.length]}代办点`, bankId: "" });
    }
  });
  Object.entries(BANK_NAMES).forEach(([bankId, bank], b) => {
    for (let k = 0; k < BRANCHES_PER_BANK; k++) {
      const district = districts[k % districts.length] as string;
      sites.push({ siteId: siteId(region, "B", b * BRANCHES_PER_BANK + k + 1), latnId: region.code, type: "B", name: `${bank}${city}${district.replace("区", "")}支行`, bankId });
    }
  });
  return sites;
}

const SITES = new Map(REGIONS.map((r) => [r.code, collectSites(r)]));

export function emitCollectSites(sink: RowSink, schema: string): void {
  for (const sites of SITES.values()) for (const s of sites) sink.row(schema, "COLLECT_SITE", [s.siteId, s.latnId, s.type, s.name, s.bankId]);
}

/**
 * Where an account's payments are made: a customer pays at the same hall or agent point most of the time (its
 * "own" point, chosen once per account), now and then at another one of its local network; a bank debit is made
 * by a branch of the account's bank. Web payments and prepaid deductions have no place. Call `next` once per
 * payment, in the payments' order, with the payment's channel code (PAYMENT.PAY_CHANNEL).
 */
export function paymentPlaces(world: World, region: Region, account: Pick<AccountPlan, "acctId">, bankId: string): { next(channel: string): string | null } {
  const rng = new Rng(world.seed + PLACE_STREAM, account.acctId);
  const sites = SITES.get(region.code) ?? [];
  const counters = sites.filter((s) => s.type !== "B");
  const halls = counters.filter((s) => s.type === "H");
  const branches = sites.filter((s) => s.type === "B" && s.bankId === bankId);
  const own = rng.chance(0.75) || halls.length === counters.length ? rng.pick(halls) : rng.pick(counters.filter((s) => s.type === "A"));
  const ownBranch = branches.length > 0 ? rng.pick(branches) : undefined;
  return {
    next(channel) {
      const elsewhere = rng.chance(0.2);
      const other = rng.pick(counters);
      if (channel === "H") return (elsewhere ? other : own)?.siteId ?? null;
      if (channel === "B") return ownBranch?.siteId ?? null;
      return null;
    },
  };
}
