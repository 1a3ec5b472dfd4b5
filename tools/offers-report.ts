/**
 * The offers part of `npm run insights:report`: how many offers customers hold, which, and for how many customers
 * each offer valid where they live is open (config/offers.json). Its own query, in pages of 50: a customer's
 * eligibility is a list per offer valid in its local network.
 */
const OFFER_PAGE = 50;

export const OFFERS_QUERY = `query ReportOffers($after: String) {
  customers(first: ${OFFER_PAGE}, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      offers(first: 100) { offerCode startDate endDate effect { discountFen } }
      offerEligibility { offer { code name } eligible factors { name met } }
    } }
  }
}`;

export type OfferNode = {
  offers: { offerCode: string; startDate: string; endDate: string | null; effect: { discountFen: number } | null }[];
  offerEligibility: { offer: { code: string; name: string }; eligible: boolean; factors: { name: string; met: boolean }[] }[];
};

export function printOffers(nodes: OfferNode[], asOf: string): void {
  const table = (title: string, values: string[]) => {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    console.log(title);
    for (const [value, count] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
      const share = (count / Math.max(1, values.length)) * 100;
      console.log(`  ${value.padEnd(40)} ${String(count).padStart(8)}  ${share.toFixed(1).padStart(5)}%  ${"#".repeat(Math.round(share / 2))}`);
    }
    console.log("");
  };
  const inForce = (o: OfferNode["offers"][number]) => o.startDate <= asOf && (o.endDate === null || o.endDate >= asOf);
  const names = new Map(nodes.flatMap((x) => x.offerEligibility.map((e) => [e.offer.code, e.offer.name] as const)));
  const label = (code: string) => `${code} ${names.get(code) ?? ""}`.trim();
  const taken = nodes.flatMap((x) => x.offers);
  const discounts = taken.reduce((sum, o) => sum + (o.effect?.discountFen ?? 0), 0);
  console.log(`\noffers taken: ${taken.length} over ${nodes.length} customers, ${taken.filter(inForce).length} in force on ${asOf}; their discounts ${(discounts / 100).toLocaleString("en")} yuan\n`);
  table("offers taken per customer (ever)", nodes.map((x) => (x.offers.length >= 4 ? "4 or more" : String(x.offers.length))));
  table("offers in force per customer", nodes.map((x) => String(x.offers.filter(inForce).length)));
  table("most held offers (in force)", taken.filter(inForce).map((o) => label(o.offerCode)));
  const judged = nodes.flatMap((x) => x.offerEligibility);
  table("eligible customers per offer (of those where it is valid)", judged.filter((e) => e.eligible).map((e) => label(e.offer.code)));
  table("eligibility verdicts", judged.map((e) => (e.eligible ? "eligible" : "not eligible")));
  table("unmet conditions", judged.flatMap((e) => e.factors.filter((f) => !f.met).map((f) => f.name)));
}
