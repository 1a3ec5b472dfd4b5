import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { expectMalformedAt, expectRefusedUpFront, served, withRows } from "../kit/testing.js";
import { PRODUCT } from "./code-tables.testing.js";
import { serviceOfferKey, type Offer } from "./port.js";
import { BillingSqlAdapter } from "./sql.adapter.js";

/** Billing's offers through the SQL adapter: the catalogue, searches, offers in force, discounts added up; against the tables. */

const sandbox = inject("sandbox");
const b = `"${schemaNames(sandbox.schemaPrefix).billing}"`;
/**
 * Rows this file inserts live in local network 9931, ids from 9,931,000,000 and offer codes ZZ9931…, valid only in
 * the 1990s, which generated data and the other test files never use; all are removed afterwards.
 */
const OWN = 9_931_000_000;
const METHOD: Record<string, string> = { P: "PERCENT_OFF", F: "FIXED_REDUCTION", M: "FREE_MINUTES" };
const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
const month = (cycle: string) => `${cycle.slice(0, 4)}-${cycle.slice(4, 6)}`;
const cycleBefore = (isoDate: string, back: number) => {
  const m = Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1 - back;
  return `${Math.floor(m / 12)}${String((m % 12) + 1).padStart(2, "0")}`;
};

type Raw = Record<string, any>;

let pool: pg.Pool;
let counter: RoundTripCounter;
let adapter: BillingSqlAdapter;
/** The generated catalogue as the adapter should read it. */
let catalogue: Offer[];

async function rows(text: string, values: unknown[] = []): Promise<Raw[]> {
  return (await pool.query(text, values)).rows as Raw[];
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  counter = new RoundTripCounter();
  adapter = new BillingSqlAdapter({ connectionString: sandbox.databaseUrl, schema: schemaNames(sandbox.schemaPrefix).billing, counter });
  const offers = await rows(`SELECT o.*, p."PURPOSE_NAME" FROM ${b}."OFFER" o JOIN ${b}."OFFER_PURPOSE" p USING ("PURPOSE_CODE") WHERE o."OFFER_CODE" LIKE 'YH%' ORDER BY o."OFFER_CODE"`);
  const regions = await rows(`SELECT l."OFFER_ID", l."LATN_ID", n."LATN_NAME" FROM ${b}."OFFER_LATN" l JOIN ${b}."LATN" n USING ("LATN_ID") ORDER BY l."LATN_ID"`);
  catalogue = offers.map((o) => ({
    code: o.OFFER_CODE,
    name: o.OFFER_NAME,
    purpose: { code: o.PURPOSE_CODE, name: o.PURPOSE_NAME },
    product: PRODUCT[o.PRODUCT_ID] as Offer["product"],
    method: METHOD[o.METHOD] as Offer["method"],
    value: Number(o.METHOD_VALUE),
    termMonths: o.TERM_MONTHS === 0 ? null : o.TERM_MONTHS,
    target: o.TARGET_DESC,
    validFrom: iso(o.EFF_DATE),
    validTo: o.EXP_DATE === "99991231" ? null : iso(o.EXP_DATE),
    regions: regions.filter((r) => r.OFFER_ID === o.OFFER_ID).map((r) => ({ code: r.LATN_ID, name: r.LATN_NAME })),
  }));
});

afterAll(async () => {
  await adapter.close();
  await pool.end();
});

describe("billing SQL adapter: the offer catalogue", () => {
  it("reads offers by code in one round trip, as billing's tables hold them; an unknown code is absent", async () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(20);
    counter.reset();
    const found = served(await adapter.getOffers([...catalogue.map((o) => o.code), "YH9999"]));
    expect(counter.get("billing")).toBe(1);
    expect([...found.values()]).toEqual(catalogue);
    expect(found.has("YH9999")).toBe(false);
  });

  it("finds offers by period and region, a page at a time in code order", async () => {
    const asOf = sandbox.asOf;
    const valid = (o: Offer, from: string, to: string) => o.validFrom <= to && (o.validTo === null || o.validTo >= from);
    const search = async (criteria: { from?: string; to?: string; regionCode?: string }) => {
      const codes: string[] = [];
      let after: string | null = null;
      for (;;) {
        counter.reset();
        const page = await adapter.findOffers({ ...criteria, after, first: 7 });
        expect(counter.get("billing")).toBe(1);
        codes.push(...served(page.offers).keys());
        if (!page.hasNextPage) return codes.filter((c) => c.startsWith("YH"));
        after = codes.at(-1) as string;
      }
    };
    expect(await search({ from: asOf, to: asOf })).toEqual(catalogue.filter((o) => valid(o, asOf, asOf)).map((o) => o.code));
    expect(await search({ from: "2024-01-01", to: "2024-12-31" })).toEqual(catalogue.filter((o) => valid(o, "2024-01-01", "2024-12-31")).map((o) => o.code));
    for (const region of ["3201", "44"]) {
      const expected = catalogue.filter((o) => o.regions.some((r) => r.code.startsWith(region))).map((o) => o.code);
      expect(await search({ from: "2000-01-01", regionCode: region }), region).toEqual(expected);
      expect(expected.length).toBeLessThan(catalogue.length);
    }
    // Some ended, some regional: the catalogue is not all alike.
    expect(catalogue.some((o) => o.validTo !== null && o.validTo < asOf)).toBe(true);
    expect(catalogue.some((o) => o.regions.length === 1)).toBe(true);
  });

  it("gives each customer the offers valid on a date in its local network, in one round trip", async () => {
    const customers = await rows(`SELECT "CUST_CODE", "LATN_ID" FROM ${b}."CUST" WHERE "CUST_ID" < 9900000000 ORDER BY "CUST_ID" LIMIT 60`);
    const ids = customers.map((c) => String(c.CUST_CODE).replace("-", ""));
    counter.reset();
    const found = served(await adapter.getOffersInForce(ids, sandbox.asOf));
    expect(counter.get("billing")).toBe(1);
    for (const c of customers) {
      const expected = catalogue.filter((o) => o.validFrom <= sandbox.asOf && (o.validTo === null || o.validTo >= sandbox.asOf) && o.regions.some((r) => r.code === c.LATN_ID));
      expect(found.get(String(c.CUST_CODE).replace("-", ""))).toEqual(expected);
    }
  });

  it("refuses bad codes, periods, regions and pages before asking billing", async () => {
    await expectRefusedUpFront(() => adapter.getOffers(["yh0001"]), counter, "billing");
    await expectRefusedUpFront(() => adapter.findOffers({ from: "2026-02-30", after: null, first: 5 }), counter, "billing");
    await expectRefusedUpFront(() => adapter.findOffers({ from: "2026-03-01", to: "2026-02-01", after: null, first: 5 }), counter, "billing");
    await expectRefusedUpFront(() => adapter.findOffers({ regionCode: "3", after: null, first: 5 }), counter, "billing");
    await expectRefusedUpFront(() => adapter.findOffers({ after: null, first: 201 }), counter, "billing");
    await expectRefusedUpFront(() => adapter.getOfferEffects(["YH0001"], { fromMonth: "2026-10", toMonth: "2026-01", customerIdPrefix: null, customerIds: null }), counter, "billing");
    await expectRefusedUpFront(() => adapter.getServiceOfferDiscounts(["13300000001"]), counter, "billing");
  });
});

describe("billing SQL adapter: what offers took off the bills", () => {
  it("adds up each offer's discount items over the cycles and customers asked, in one round trip", async () => {
    const [fromMonth, toMonth] = [month(cycleBefore(sandbox.asOf, 12)), month(cycleBefore(sandbox.asOf, 1))];
    const direct = async (prefix: string | null) =>
      rows(
        `SELECT o."OFFER_CODE" AS code, b."BILLING_CYCLE_ID" AS cycle, -sum(i."AMOUNT")::bigint AS discount, count(DISTINCT a."CUST_ID")::int AS customers,
                count(DISTINCT i."SERV_ID")::int AS services
         FROM ${b}."ACCT_ITEM" i JOIN ${b}."OFFER" o USING ("OFFER_ID") JOIN ${b}."BILL" b USING ("BILL_ID") JOIN ${b}."ACCT" a ON a."ACCT_ID" = b."ACCT_ID"
         JOIN ${b}."CUST" c ON c."CUST_ID" = a."CUST_ID"
         WHERE b."BILLING_CYCLE_ID" BETWEEN $1 AND $2 AND c."CUST_CODE" LIKE $3
         GROUP BY GROUPING SETS ((1, 2), (1))`,
        [fromMonth.replace("-", ""), toMonth.replace("-", ""), `${prefix ?? ""}%`],
      );
    for (const prefix of [null, "3201"]) {
      counter.reset();
      const effects = served(await adapter.getOfferEffects(catalogue.map((o) => o.code), { fromMonth, toMonth, customerIdPrefix: prefix, customerIds: null }));
      expect(counter.get("billing")).toBe(1);
      const sums = await direct(prefix);
      for (const offer of catalogue) {
        const mine = sums.filter((r) => r.code === offer.code);
        const whole = mine.find((r) => r.cycle === null);
        expect(effects.get(offer.code), `${prefix} ${offer.code}`).toEqual({
          discountFen: Number(whole?.discount ?? 0),
          customers: whole?.customers ?? 0,
          services: whole?.services ?? 0,
          months: mine.filter((r) => r.cycle !== null).map((r) => ({ month: month(r.cycle), discountFen: Number(r.discount), customers: r.customers })).sort((x, y) => x.month.localeCompare(y.month)),
        });
      }
      expect([...effects.values()].some((e) => e.discountFen > 0)).toBe(true);
    }
  });

  it("counts only a portfolio's customers when asked for them, and nothing for none", async () => {
    const [item] = await rows(
      `SELECT o."OFFER_CODE" AS code, c."CUST_CODE" AS cust FROM ${b}."ACCT_ITEM" i JOIN ${b}."OFFER" o USING ("OFFER_ID") JOIN ${b}."BILL" b USING ("BILL_ID")
       JOIN ${b}."ACCT" a ON a."ACCT_ID" = b."ACCT_ID" JOIN ${b}."CUST" c ON c."CUST_ID" = a."CUST_ID" WHERE b."BILLING_CYCLE_ID" = $1 ORDER BY i."ACCT_ITEM_ID" LIMIT 1`,
      [cycleBefore(sandbox.asOf, 1)],
    );
    const cycle = month(cycleBefore(sandbox.asOf, 1));
    const query = { fromMonth: cycle, toMonth: cycle, customerIdPrefix: null };
    const one = served(await adapter.getOfferEffects([item!.code], { ...query, customerIds: [String(item!.cust).replace("-", "")] })).get(item!.code);
    expect(one).toMatchObject({ customers: 1, months: [{ month: cycle, customers: 1 }] });
    const none = served(await adapter.getOfferEffects([item!.code], { ...query, customerIds: [] })).get(item!.code);
    expect(none).toEqual({ discountFen: 0, customers: 0, services: 0, months: [] });
  });

  it("tells what each offer took off each service's bills, in one round trip", async () => {
    const pairs = await rows(
      `SELECT DISTINCT sv."ACC_NBR" AS nbr, o."OFFER_CODE" AS code FROM ${b}."ACCT_ITEM" i JOIN ${b}."SERV" sv USING ("SERV_ID") JOIN ${b}."OFFER" o USING ("OFFER_ID")
       ORDER BY 1, 2 LIMIT 40`,
    );
    const keys = [...pairs.map((p) => serviceOfferKey(p.nbr, p.code)), serviceOfferKey(pairs[0]!.nbr, "YH0029")];
    counter.reset();
    const found = served(await adapter.getServiceOfferDiscounts(keys, { before: sandbox.asOf }));
    expect(counter.get("billing")).toBe(1);
    for (const p of pairs) {
      const [d] = await rows(
        `SELECT -sum(i."AMOUNT")::bigint AS discount, count(DISTINCT b."BILLING_CYCLE_ID")::int AS n, min(b."BILLING_CYCLE_ID") AS first, max(b."BILLING_CYCLE_ID") AS last
         FROM ${b}."ACCT_ITEM" i JOIN ${b}."SERV" sv USING ("SERV_ID") JOIN ${b}."OFFER" o USING ("OFFER_ID") JOIN ${b}."BILL" b USING ("BILL_ID")
         WHERE sv."ACC_NBR" = $1 AND o."OFFER_CODE" = $2`,
        [p.nbr, p.code],
      );
      expect(found.get(serviceOfferKey(p.nbr, p.code))).toEqual({ discountFen: Number(d!.discount), months: d!.n, firstMonth: month(d!.first), lastMonth: month(d!.last) });
    }
    expect(found.get(keys.at(-1)!)).toEqual({ discountFen: 0, months: 0, firstMonth: null, lastMonth: null });
  });
});

describe("billing SQL adapter: broken offer records", () => {
  const offer = (id: number, code: string, purpose: string, method: string, value: number, eff: string, exp: string) =>
    `INSERT INTO ${b}."OFFER" VALUES (${id}, '${code}', '测试优惠', '${purpose}', 20, '${method}', ${value}, 0, '测试', '${eff}', '${exp}');`;
  const cleanup = `DELETE FROM ${b}."OFFER_LATN" WHERE "OFFER_ID" BETWEEN ${OWN} AND ${OWN + 999}; DELETE FROM ${b}."OFFER" WHERE "OFFER_ID" BETWEEN ${OWN} AND ${OWN + 999};
    DELETE FROM ${b}."ACCT_ITEM" WHERE "ACCT_ITEM_ID" BETWEEN ${OWN} AND ${OWN + 999}; DELETE FROM ${b}."LATN" WHERE "LATN_ID" = '9931';`;

  it("gives an offer that names no purpose or local network, applies nowhere or ends before it begins its error, the others served", async () => {
    const latn = `INSERT INTO ${b}."LATN" VALUES ('9931', '测试本地网');`;
    const cases: [string, string, RegExp][] = [
      ["ZZ993101", offer(OWN + 1, "ZZ993101", "99", "P", 10, "19900101", "19991231") + `INSERT INTO ${b}."OFFER_LATN" VALUES (${OWN + 1}, '9931');`, /no OFFER_PURPOSE row/],
      ["ZZ993102", offer(OWN + 2, "ZZ993102", "01", "P", 10, "19900101", "19991231") + `INSERT INTO ${b}."OFFER_LATN" VALUES (${OWN + 2}, '9932');`, /no LATN row/],
      ["ZZ993103", offer(OWN + 3, "ZZ993103", "01", "P", 10, "19900101", "19991231"), /applies in no local network/],
      ["ZZ993104", offer(OWN + 4, "ZZ993104", "01", "P", 10, "19990101", "19981231") + `INSERT INTO ${b}."OFFER_LATN" VALUES (${OWN + 4}, '9931');`, /ends before it begins/],
      ["ZZ993105", offer(OWN + 5, "ZZ993105", "01", "P", 120, "19900101", "19991231") + `INSERT INTO ${b}."OFFER_LATN" VALUES (${OWN + 5}, '9931');`, /120 percent off/],
      ["ZZ993106", offer(OWN + 6, "ZZ993106", "01", "X", 10, "19900101", "19991231") + `INSERT INTO ${b}."OFFER_LATN" VALUES (${OWN + 6}, '9931');`, /METHOD: unknown code "X"/],
    ];
    for (const [code, insert, message] of cases) {
      await withRows(pool, latn + insert, cleanup, async () => {
        const found = await adapter.getOffers([code, "YH0001"]);
        const id = OWN + Number(code.slice(-1));
        expect(expectMalformedAt(found, code, "billing", `OFFER ${id}`).message, code).toMatch(message);
        const page = await adapter.findOffers({ to: "1999-12-31", after: null, first: 10 });
        expect(page.offers.get(code), code).toBeInstanceOf(Error);
      });
    }
  });

  it("gives an offer with an item naming it that is no discount its effect's error, and a bill item naming no offer its bill's", async () => {
    const [bill] = await rows(`SELECT "BILL_ID", i."SERV_ID" FROM ${b}."ACCT_ITEM" i WHERE "ACCT_ITEM_TYPE_ID" = 'BF' ORDER BY "ACCT_ITEM_ID" LIMIT 1`);
    const item = (id: number, type: string, amount: number, offerId: number) => `INSERT INTO ${b}."ACCT_ITEM" VALUES (${id}, ${bill!.BILL_ID}, ${bill!.SERV_ID}, '${type}', ${amount}, ${offerId});`;
    const setup = offer(OWN + 7, "ZZ993107", "01", "P", 10, "19900101", "19991231") + `INSERT INTO ${b}."OFFER_LATN" VALUES (${OWN + 7}, '3201');`;
    const cycle = month((await rows(`SELECT "BILLING_CYCLE_ID" FROM ${b}."BILL" WHERE "BILL_ID" = $1`, [bill!.BILL_ID]))[0]!.BILLING_CYCLE_ID);
    const query = { fromMonth: cycle, toMonth: cycle, customerIdPrefix: null, customerIds: null };
    await withRows(pool, setup + item(OWN + 1, "BF", 300, OWN + 7), cleanup, async () => {
      const effects = await adapter.getOfferEffects(["ZZ993107", "YH0001"], query);
      expect(expectMalformedAt(effects, "ZZ993107", "billing", "ACCT_ITEM of OFFER ZZ993107").message).toMatch(/not a discount/);
      const items = await adapter.getBillItems([String(bill!.BILL_ID)]);
      expect(expectMalformedAt(items, String(bill!.BILL_ID), "billing", `ACCT_ITEM ${OWN + 1}`).message).toMatch(/an offer on a BASIC_FEE item/);
    });
    await withRows(pool, item(OWN + 2, "DS", -300, OWN + 999), cleanup, async () => {
      const items = await adapter.getBillItems([String(bill!.BILL_ID)]);
      expect(expectMalformedAt(items, String(bill!.BILL_ID), "billing", `ACCT_ITEM ${OWN + 2}`).message).toMatch(/no OFFER row/);
    });
  });
});
