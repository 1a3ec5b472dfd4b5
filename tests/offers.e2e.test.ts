import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signedHeaders, type Caller } from "../schema/caller.js";
import { schemaNames } from "../sandbox/schema/names.js";
import { num } from "../subgraphs/insights/judgements/format.js";
import { loadOfferRules, ruleOf } from "../subgraphs/insights/offer-rules.js";
import { allCustomers } from "./support/customers.js";
import { startTestStack, type TestStack } from "./support/stack.js";

/**
 * Offers through the graph (seed 002 §3.2.1.7), against billing's and the hall's tables read directly: billing's
 * catalogue by period and region, each offer's effect (its discount items) over the caller's customers, each
 * customer's offers as the hall recorded them with what they took off the bills, eligibility factor by factor;
 * under each role's scope, and with billing or the hall sick.
 */
const sandbox = inject("sandbox");
const s = schemaNames(sandbox.schemaPrefix);
const b = `"${s.billing}"`;
const AS_OF = sandbox.asOf;
const METHOD: Record<string, string> = { P: "PERCENT_OFF", F: "FIXED_REDUCTION", M: "FREE_MINUTES" };
const PRODUCT: Record<number, string> = { 10: "FIXED_LINE", 20: "MOBILE", 30: "BROADBAND", 40: "LEASED_LINE" };
const KIND: Record<string, string> = { "01": "RESIDENTIAL", "02": "BUSINESS", "03": "INDIVIDUAL_KEY_ACCOUNT", "04": "ENTERPRISE_KEY_ACCOUNT" };
const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
const month = (cycle: string) => `${cycle.slice(0, 4)}-${cycle.slice(4, 6)}`;
/** The billing cycle "YYYYMM" `back` months before the as-of month. */
const cycleBack = (back: number) => {
  const m = Number(AS_OF.slice(0, 4)) * 12 + Number(AS_OF.slice(5, 7)) - 1 - back;
  return `${Math.floor(m / 12)}${String((m % 12) + 1).padStart(2, "0")}`;
};
const custCode = (id: string) => `${id.slice(0, 4)}-${id.slice(4)}`;

const OFFER_FIELDS = `code name purpose { code name } product method percentOff reductionFen freeMinutes termMonths target validFrom validTo regions { code name }`;
const EFFECT = `effect(months: 12) { fromMonth toMonth discountFen customers services byMonth { month discountFen customers } }`;

let stack: TestStack;
let pool: pg.Pool;
/** Billing's generated catalogue as the graph should serve it, in code order. */
let catalogue: Record<string, any>[];
let held: Record<string, any>[];
let nodes: Record<string, any>[];

const rows = async <R = Record<string, any>>(sql: string, values: unknown[] = []) => (await pool.query(sql, values)).rows as R[];
const validOn = (o: Record<string, any>, day: string) => o.validFrom <= day && (o.validTo === null || o.validTo >= day);

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  stack = await startTestStack(sandbox.databaseUrl, sandbox.schemaPrefix, AS_OF);
  const offers = await rows(`SELECT o.*, p."PURPOSE_NAME" FROM ${b}."OFFER" o JOIN ${b}."OFFER_PURPOSE" p USING ("PURPOSE_CODE") WHERE o."OFFER_CODE" LIKE 'YH%' ORDER BY o."OFFER_CODE"`);
  const regions = await rows(`SELECT l."OFFER_ID", l."LATN_ID", n."LATN_NAME" FROM ${b}."OFFER_LATN" l JOIN ${b}."LATN" n USING ("LATN_ID") ORDER BY l."LATN_ID"`);
  catalogue = offers.map((o) => ({
    code: o.OFFER_CODE,
    name: o.OFFER_NAME,
    purpose: { code: o.PURPOSE_CODE, name: o.PURPOSE_NAME },
    product: PRODUCT[o.PRODUCT_ID],
    method: METHOD[o.METHOD],
    percentOff: o.METHOD === "P" ? Number(o.METHOD_VALUE) : null,
    reductionFen: o.METHOD === "F" ? Number(o.METHOD_VALUE) : null,
    freeMinutes: o.METHOD === "M" ? Number(o.METHOD_VALUE) : null,
    termMonths: o.TERM_MONTHS === 0 ? null : o.TERM_MONTHS,
    target: o.TARGET_DESC,
    validFrom: iso(o.EFF_DATE),
    validTo: o.EXP_DATE === "99991231" ? null : iso(o.EXP_DATE),
    regions: regions.filter((r) => r.OFFER_ID === o.OFFER_ID).map((r) => ({ code: r.LATN_ID, name: r.LATN_NAME })),
  }));
  held = await rows(
    `SELECT offer_inst_id::text AS id, cust_no, serv_no, offer_code, to_char(accept_time, 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') AS accepted,
            to_char(eff_date, 'YYYY-MM-DD') AS eff, to_char(exp_date, 'YYYY-MM-DD') AS exp
     FROM ${s.hall}.tb_user_offer ORDER BY cust_no, accept_time, offer_inst_id`,
  );
  // Every customer, in pages the gateway's cost limit lets through.
  nodes = await allCustomers(
    stack,
    `id kind region { code }
    offers(first: 100) { id serviceNo offerCode acceptedAt startDate endDate offer { code } effect { discountFen months firstMonth lastMonth } }`,
  );
}, 180_000);

afterAll(async () => {
  await stack?.close();
  await pool?.end();
});

/** Every generated offer the graph finds with these arguments, page after page. */
async function findAll(args: Record<string, unknown>, token?: string, first = 8): Promise<Record<string, any>[]> {
  const found: Record<string, any>[] = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors }: { data?: any; errors?: unknown } = await stack.graphql(
      `query($validOn: LocalDate, $from: LocalDate, $to: LocalDate, $regionCode: String, $first: Int!, $after: String) {
        offers(validOn: $validOn, from: $from, to: $to, regionCode: $regionCode, first: $first, after: $after) { ${OFFER_FIELDS} } }`,
      { validOn: null, from: null, to: null, regionCode: null, ...args, first, after },
      token,
    );
    expect(errors).toBeUndefined();
    found.push(...data.offers);
    if (data.offers.length < first) return found.filter((o) => o.code.startsWith("YH"));
    after = data.offers.at(-1).code;
  }
}

describe("billing's offer catalogue", () => {
  it("serves the catalogue as billing's tables hold it, found by period and region, a page at a time", async () => {
    expect(await findAll({ from: "2000-01-01" })).toEqual(catalogue);
    expect(await findAll({ validOn: AS_OF, regionCode: "3201" })).toEqual(catalogue.filter((o) => validOn(o, AS_OF) && o.regions.some((r: any) => r.code === "3201")));
    expect(await findAll({ from: "2024-01-01", to: "2024-06-30", regionCode: "44" }, undefined, 3)).toEqual(
      catalogue.filter((o) => o.validFrom <= "2024-06-30" && (o.validTo === null || o.validTo >= "2024-01-01") && o.regions.some((r: any) => r.code.startsWith("44"))),
    );
    expect(catalogue.some((o) => !validOn(o, AS_OF))).toBe(true);
    expect(catalogue.some((o) => o.regions.length === 1)).toBe(true);
  });

  it("refuses arguments it cannot read before asking billing", async () => {
    for (const args of [`validOn: "2026-11-15", from: "2026-01-01"`, `regionCode: "3"`, `from: "2026-02-01", to: "2026-01-01"`, `first: 201`, `after: "x"`]) {
      stack.roundTrips.reset();
      const { data, errors } = await stack.graphql(`{ offers(${args}) { code } }`);
      expect(data?.offers ?? null, args).toBeNull();
      expect(errors![0]!.extensions?.code, args).toBe("BAD_USER_INPUT");
      expect(stack.roundTrips.get("billing")).toBe(0);
    }
  });

  it("adds up each offer's discount items over the customers the caller may see, in one round trip for all the offers", async () => {
    const effects = async (token?: string) => {
      stack.roundTrips.reset();
      const { data, errors } = await stack.graphql(`{ offers(from: "2000-01-01", first: 200) { code ${EFFECT} } }`, {}, token);
      expect(errors).toBeUndefined();
      // One to find the offers, one for all their effects.
      expect(stack.roundTrips.get("billing")).toBe(2);
      return new Map<string, any>(data!.offers.filter((o: any) => o.code.startsWith("YH")).map((o: any) => [o.code, o.effect]));
    };
    const direct = async (prefix: string) => {
      const sums = await rows(
        `SELECT o."OFFER_CODE" AS code, b."BILLING_CYCLE_ID" AS cycle, -sum(i."AMOUNT")::bigint AS discount, count(DISTINCT c."CUST_ID")::int AS customers,
                count(DISTINCT i."SERV_ID")::int AS services
         FROM ${b}."ACCT_ITEM" i JOIN ${b}."OFFER" o USING ("OFFER_ID") JOIN ${b}."BILL" b USING ("BILL_ID") JOIN ${b}."ACCT" a ON a."ACCT_ID" = b."ACCT_ID"
         JOIN ${b}."CUST" c ON c."CUST_ID" = a."CUST_ID"
         WHERE b."BILLING_CYCLE_ID" BETWEEN $1 AND $2 AND c."CUST_CODE" LIKE $3
         GROUP BY GROUPING SETS ((1, 2), (1))`,
        [cycleBack(12), cycleBack(1), `${prefix}%`],
      );
      return new Map(
        catalogue.map((o) => {
          const mine = sums.filter((r) => r.code === o.code);
          const whole = mine.find((r) => r.cycle === null);
          return [
            o.code,
            {
              fromMonth: month(cycleBack(12)),
              toMonth: month(cycleBack(1)),
              discountFen: Number(whole?.discount ?? 0),
              customers: whole?.customers ?? 0,
              services: whole?.services ?? 0,
              byMonth: mine.filter((r) => r.cycle !== null).map((r) => ({ month: month(r.cycle), discountFen: Number(r.discount), customers: r.customers })).sort((x, y) => x.month.localeCompare(y.month)),
            },
          ];
        }),
      );
    };
    const everywhere = await effects();
    expect(everywhere).toEqual(await direct(""));
    expect([...everywhere.values()].filter((e) => e.discountFen > 0).length).toBeGreaterThan(5);
    const agent = await effects(await stack.token({ roles: ["agent"], region: "3201" }));
    expect(agent).toEqual(await direct("3201"));
    expect([...agent.values()].reduce((n, e) => n + e.customers, 0)).toBeLessThan([...everywhere.values()].reduce((n, e) => n + e.customers, 0));
  });

  it("is no personal data: an architect reads the catalogue, but no figure counted over customers", async () => {
    const architect = await stack.token({ roles: ["architect"], region: "HQ" });
    const { data, errors } = await stack.graphql(`{ offers(validOn: "${AS_OF}", first: 3) { code name ${EFFECT} } }`, {}, architect);
    expect(data!.offers).toHaveLength(3);
    for (const offer of data!.offers) expect(offer).toMatchObject({ code: expect.any(String), name: expect.any(String), effect: null });
    expect(errors!.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN"]);
  });
});

describe("a customer's offers", () => {
  it("serves each customer's offers as the hall's table holds them, each with what it took off its line's bills", async () => {
    const discounts = await rows(
      `SELECT sv."ACC_NBR" AS nbr, o."OFFER_CODE" AS code, -sum(i."AMOUNT")::bigint AS discount, count(DISTINCT b."BILLING_CYCLE_ID")::int AS n,
              min(b."BILLING_CYCLE_ID") AS first, max(b."BILLING_CYCLE_ID") AS last
       FROM ${b}."ACCT_ITEM" i JOIN ${b}."SERV" sv USING ("SERV_ID") JOIN ${b}."OFFER" o USING ("OFFER_ID") JOIN ${b}."BILL" b USING ("BILL_ID")
       WHERE b."BILLING_CYCLE_ID" < $1 GROUP BY 1, 2`,
      [cycleBack(0)],
    );
    const discount = new Map(discounts.map((d) => [`${d.nbr}|${d.code}`, d]));
    expect(nodes).toHaveLength(sandbox.customers);
    for (const node of nodes) {
      expect(node.offers, node.id).toEqual(
        held
          .filter((h) => h.cust_no === node.id)
          .map((h) => {
            const d = discount.get(`${h.serv_no}|${h.offer_code}`);
            return {
              id: h.id,
              serviceNo: h.serv_no,
              offerCode: h.offer_code,
              acceptedAt: new Date(h.accepted).toISOString(),
              startDate: h.eff,
              endDate: h.exp,
              offer: { code: h.offer_code },
              effect: { discountFen: Number(d?.discount ?? 0), months: d?.n ?? 0, firstMonth: d ? month(d.first) : null, lastMonth: d ? month(d.last) : null },
            };
          }),
      );
    }
    // Many customers hold one or two, some none.
    const counts = nodes.map((n) => n.offers.length);
    expect(counts.filter((c) => c === 0).length).toBeGreaterThan(sandbox.customers * 0.1);
    expect(counts.filter((c) => c === 1 || c === 2).length).toBeGreaterThan(sandbox.customers * 0.4);
    expect(nodes.flatMap((n) => n.offers).filter((o) => o.effect.discountFen > 0).length).toBeGreaterThan(30);
  });

  it("makes every discount item of the bills from an offer its line held in that cycle", async () => {
    const unmatched = await rows(
      `SELECT i."ACCT_ITEM_ID" FROM ${b}."ACCT_ITEM" i JOIN ${b}."BILL" bl USING ("BILL_ID") JOIN ${b}."SERV" sv USING ("SERV_ID")
       LEFT JOIN ${b}."OFFER" o USING ("OFFER_ID")
       WHERE i."ACCT_ITEM_TYPE_ID" = 'DS' AND sv."SERV_ID" < 9900000000 AND NOT EXISTS (
         SELECT 1 FROM ${s.hall}.tb_user_offer u WHERE u.serv_no = sv."ACC_NBR" AND u.offer_code = o."OFFER_CODE"
           AND u.eff_date < to_date(bl."BILLING_CYCLE_ID", 'YYYYMM') + interval '1 month'
           AND (u.exp_date IS NULL OR u.exp_date >= to_date(bl."BILLING_CYCLE_ID", 'YYYYMM')))`,
    );
    expect(unmatched).toEqual([]);
    const [count] = await rows(`SELECT count(*)::int AS n FROM ${b}."ACCT_ITEM" WHERE "ACCT_ITEM_TYPE_ID" = 'DS'`);
    expect(count!.n).toBeGreaterThan(100);
  });

  it("names the offer on each discount item of the customer's bills", async () => {
    const id = nodes.find((n) => n.offers.some((o: any) => o.effect.discountFen > 0))!.id;
    const { data, errors } = await stack.graphql(`query($id: ID!) { customer(id: $id) { accounts { bills(last: 12) { billNo items { type serviceNo amountFen offer { code method } } } } } }`, { id });
    expect(errors).toBeUndefined();
    const bills = data!.customer.accounts.flatMap((a: any) => a.bills);
    const direct = await rows(
      `SELECT i."BILL_ID"::text AS bill, i."ACCT_ITEM_TYPE_ID" AS type, o."OFFER_CODE" AS code, o."METHOD" AS method FROM ${b}."ACCT_ITEM" i
       LEFT JOIN ${b}."OFFER" o USING ("OFFER_ID") WHERE i."BILL_ID" = ANY($1::bigint[]) ORDER BY i."ACCT_ITEM_ID"`,
      [bills.map((bill: any) => bill.billNo)],
    );
    const served = bills.flatMap((bill: any) => bill.items.map((item: any) => [bill.billNo, item.offer?.code ?? null, item.offer?.method ?? null]));
    expect(served.sort()).toEqual(direct.map((r) => [r.bill, r.code, r.code === null ? null : METHOD[r.method]]).sort());
    expect(served.some(([, code]: string[]) => code !== null)).toBe(true);
  });

  it("refuses the customer's offers and eligibility to a caller outside its region or portfolio", async () => {
    const id = nodes.find((n) => n.offers.length > 0)!.id;
    const query = `query($id: ID!) { customer(id: $id) { offers { offerCode } offerEligibility { eligible } } }`;
    const other = id.startsWith("3201") ? "3202" : "3201";
    const manager = await stack.token({ roles: ["ka-manager"], region: id.slice(0, 4), managerId: "JL99990001" });
    for (const token of [await stack.token({ roles: ["agent"], region: other }), manager]) {
      const { data, errors } = await stack.graphql(query, { id }, token);
      expect(data?.customer ?? null).toBeNull();
      expect(errors!.map((e) => e.extensions?.code)).toContain("FORBIDDEN");
    }
    const own = await stack.graphql(query, { id }, await stack.token({ roles: ["agent"], region: id.slice(0, 4) }));
    expect(own.errors).toBeUndefined();
    expect(own.data!.customer.offers.length).toBeGreaterThan(0);
  });

  it("refuses a line's offer reached by its key to a caller outside the customer's region, in billing and in the hall", async () => {
    const node = nodes.find((n) => n.offers.some((o: any) => o.effect.discountFen > 0))!;
    const offer = node.offers.find((o: any) => o.effect.discountFen > 0);
    const representation = { __typename: "CustomerOffer", serviceNo: offer.serviceNo, offerCode: offer.offerCode };
    /** Each subgraph asked for its own fields of the line's offer, signed as an agent of `region`. */
    const ask = async (name: "billing" | "profile", region: string) => {
      const fields = name === "billing" ? "offerCode effect { discountFen }" : "offerCode startDate";
      const body = JSON.stringify({ query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on CustomerOffer { ${fields} } } }`, variables: { r: [representation] } });
      const caller: Caller = { subject: "t", roles: ["agent"], region, managerId: null, pii: false };
      const subgraph = stack.subgraphs.find((g) => g.name === name)!;
      const response = await fetch(subgraph.url, { method: "POST", headers: { "content-type": "application/json", ...signedHeaders(stack.secrets.signingSecret, caller, body) }, body });
      return (await response.json()) as { data: { _entities: unknown[] }; errors?: { extensions: { code: string } }[] };
    };
    const own = node.id.slice(0, 4);
    expect((await ask("billing", own)).data._entities).toEqual([{ offerCode: offer.offerCode, effect: { discountFen: offer.effect.discountFen } }]);
    expect((await ask("profile", own)).data._entities).toEqual([{ offerCode: offer.offerCode, startDate: offer.startDate }]);
    for (const name of ["billing", "profile"] as const) {
      const outsider = await ask(name, own === "3201" ? "3202" : "3201");
      expect(outsider.data._entities, name).toEqual([null]);
      expect(outsider.errors!.map((e) => e.extensions.code), name).toEqual(["FORBIDDEN"]);
    }
  });
});

describe("offer eligibility", () => {
  it("judges every offer valid where the customer lives, factor by factor, from the systems' own records", async () => {
    const rules = loadOfferRules();
    // One customer in twelve, each under an alias: within the gateway's alias limit.
    const sample = nodes.filter((_, i) => i % 12 === 0);
    const fields = `id credit { level list } offerEligibility { offer { code product } eligible reason factors { name required actual met } }`;
    const { data, errors } = await stack.graphql(`{ ${sample.map((n, i) => `c${i}: customer(id: "${n.id}") { ${fields} }`).join(" ")} }`);
    expect(errors).toBeUndefined();
    const verdicts: boolean[] = [];
    for (const [i, node] of sample.entries()) {
      const answer = data![`c${i}`];
      const code = custCode(node.id);
      const [customer] = await rows(`SELECT "CUST_ID", "LATN_ID" FROM ${b}."CUST" WHERE "CUST_CODE" = $1`, [code]);
      const expected = catalogue.filter((o) => validOn(o, AS_OF) && o.regions.some((r: any) => r.code === customer!.LATN_ID));
      expect(answer.offerEligibility.map((e: any) => e.offer.code), node.id).toEqual(expected.map((o) => o.code));
      const lines = await rows<{ product: number }>(`SELECT "PRODUCT_ID" AS product FROM ${b}."SERV" WHERE "CUST_ID" = $1 AND "STATE" <> 'F0X'`, [customer!.CUST_ID]);
      const [spend] = await rows(
        `SELECT coalesce(sum(bl."BILL_AMOUNT"), 0)::bigint AS fen FROM ${b}."BILL" bl JOIN ${b}."ACCT" a USING ("ACCT_ID") WHERE a."CUST_ID" = $1 AND bl."BILLING_CYCLE_ID" BETWEEN $2 AND $3`,
        [customer!.CUST_ID, cycleBack(rules.spendMonths), cycleBack(1)],
      );
      const [kind] = await rows(`SELECT cust_type FROM ${s.hall}.tb_cust WHERE cust_no = $1`, [node.id]);
      for (const e of answer.offerEligibility) {
        const rule = ruleOf(rules, e.offer.code);
        const factors = new Map<string, any>(e.factors.map((f: any) => [f.name, f]));
        expect(e.eligible).toBe(e.factors.every((f: any) => f.met));
        verdicts.push(e.eligible);
        const holding = held.some((h) => h.cust_no === node.id && h.offer_code === e.offer.code && (h.exp === null || h.exp >= AS_OF));
        expect(factors.get("notHeld")?.met, `${node.id} ${e.offer.code}`).toBe(!holding);
        if (rule.minLines !== undefined || rule.maxLines !== undefined) expect(factors.get("linesHeld")?.actual).toBe(String(lines.length));
        if (rule.product !== "ANY") {
          const ofProduct = lines.filter((l) => PRODUCT[l.product] === e.offer.product).length;
          expect(factors.get("productHeld")?.met).toBe(rule.product === "HELD" ? ofProduct > 0 : ofProduct === 0);
        }
        if (rule.minSpendFen !== undefined || rule.maxSpendFen !== undefined) expect(factors.get("spend")?.actual).toBe(`${num(Number(spend!.fen))} fen`);
        if (rule.customerKinds) expect(factors.get("customerKind")).toMatchObject({ actual: KIND[kind!.cust_type], met: rule.customerKinds.includes(KIND[kind!.cust_type] as never) });
        if (rule.minCreditLevel) expect(factors.get("creditLevel")?.actual).toBe(answer.credit.level);
        if (!rule.allowBlackList) expect(factors.get("creditList")).toMatchObject({ actual: answer.credit.list, met: answer.credit.list !== "BLACK" });
      }
    }
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });

  it("costs the same round trips for ten customers as for fifty", async () => {
    const cost = async (first: number) => {
      stack.roundTrips.reset();
      const { data, errors } = await stack.graphql(
        `{ customers(first: ${first}) { edges { node { offers { offerCode offer { name } effect { discountFen } } offerEligibility { eligible offer { name } } } } } }`,
      );
      expect(errors).toBeUndefined();
      // Every path is taken on the smaller page too: offers with their terms and effects, and eligibility.
      const offers = data!.customers.edges.flatMap((e: any) => e.node.offers);
      expect(offers.some((o: any) => o.effect.discountFen > 0)).toBe(true);
      expect(data!.customers.edges.some((e: any) => e.node.offerEligibility.length > 0)).toBe(true);
      return { hall: stack.roundTrips.get("business-hall"), billing: stack.roundTrips.get("billing") };
    };
    expect(await cost(50)).toEqual(await cost(10));
  });
});

/** The hall first: billing's fault trips its breaker, which stays open a while after the fault is cleared. */
describe("with one system sick", () => {
  const QUERY = `query($id: ID!, $on: LocalDate) { offers(validOn: $on) { code } customer(id: $id) { id offers { offerCode startDate offer { name } effect { discountFen } } offerEligibility { eligible } } }`;

  it("the hall down: billing's catalogue is served; the customer, the hall's, is null naming it", async () => {
    const node = nodes.find((n) => n.offers.length > 0)!;
    stack.simulators.hall.faults.set({ down: true });
    try {
      const { data, errors } = await stack.graphql(QUERY, { id: node.id, on: AS_OF });
      expect(data!.offers.map((o: any) => o.code)).toEqual(expect.arrayContaining(catalogue.filter((o) => validOn(o, AS_OF)).map((o) => o.code)));
      expect(data!.customer).toBeNull();
      expect(errors!.length).toBeGreaterThan(0);
      for (const error of errors!) expect(error.extensions).toMatchObject({ code: "SOURCE_UNAVAILABLE", source: "business-hall" });
    } finally {
      stack.simulators.hall.faults.clear();
    }
  });

  it("billing down: the hall's record of the customer's offers is served; the catalogue, the offers' terms and effects and eligibility are null naming billing", async () => {
    const node = nodes.find((n) => n.offers.length > 0)!;
    stack.simulators.billing.faults.set({ down: true });
    try {
      const { data, errors } = await stack.graphql(QUERY, { id: node.id, on: AS_OF });
      expect(data!.offers).toBeNull();
      expect(data!.customer.offers.map((o: any) => [o.offerCode, o.startDate, o.offer, o.effect])).toEqual(node.offers.map((o: any) => [o.offerCode, o.startDate, null, null]));
      expect(data!.customer.offerEligibility).toBeNull();
      expect(errors!.length).toBeGreaterThan(0);
      for (const error of errors!) expect(error.extensions).toMatchObject({ code: "SOURCE_UNAVAILABLE", source: "billing" });
    } finally {
      stack.simulators.billing.faults.clear();
    }
  });
});
