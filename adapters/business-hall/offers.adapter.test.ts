import { describe, expect, it } from "vitest";
import { expectMalformedAt, expectRefusedUpFront, served, withRows } from "../kit/testing.js";
import { hallAdapterFixture } from "./hall.testing.js";

/** The offers customers' lines took at the counter, through the hall's SOAP adapter, against tb_user_offer read directly. */

const hall = hallAdapterFixture();
const { s, counter, sql } = hall;

describe("business hall SOAP adapter: customers' offers", () => {
  it("reads the offers of many customers in one round trip, as the hall's table holds them", async () => {
    const ids = (await sql<{ cust_no: string }>(`SELECT cust_no FROM ${s}.tb_cust ORDER BY cust_no LIMIT 150`)).map((r) => r.cust_no);
    const offers = served(await hall.adapter.getCustomerOffers(ids));
    expect(counter.get("business-hall")).toBe(1);
    counter.reset();
    served(await hall.adapter.getCustomerOffers(ids.slice(0, 1)));
    expect(counter.get("business-hall")).toBe(1);
    const rows = await sql<Record<string, string | null>>(
      `SELECT offer_inst_id::text AS id, cust_no, serv_no, offer_code, to_char(accept_time, 'YYYY-MM-DD"T"HH24:MI:SS') AS accepted,
              to_char(eff_date, 'YYYY-MM-DD') AS eff, to_char(exp_date, 'YYYY-MM-DD') AS exp
       FROM ${s}.tb_user_offer WHERE cust_no = ANY($1) ORDER BY cust_no, accept_time, offer_inst_id`,
      [ids],
    );
    expect(rows.length).toBeGreaterThan(50);
    for (const id of ids) {
      expect(offers.get(id), id).toEqual(
        rows
          .filter((r) => r.cust_no === id)
          .map((r) => ({ id: r.id, customerId: id, serviceNo: r.serv_no, offerCode: r.offer_code, acceptedAt: `${r.accepted}+08:00`, startDate: r.eff, endDate: r.exp })),
      );
    }
    expect([...offers.values()].some((list) => list.length === 0)).toBe(true);
    expect([...offers.values()].some((list) => list.length >= 2)).toBe(true);
  });

  it("refuses a malformed customer number before asking the hall", async () => {
    await expectRefusedUpFront(() => hall.adapter.getCustomerOffers(["32010000001X"]), counter, "business-hall");
  });

  it("gives a customer with an offer record that breaks the hall's rules that record's error, naming it", async () => {
    const custNo = "320199999951";
    const other = (await sql<{ cust_no: string }>(`SELECT cust_no FROM ${s}.tb_cust ORDER BY cust_no LIMIT 1`))[0]?.cust_no as string;
    const row = (id: number, code: string, eff: string, exp: string | null) =>
      `INSERT INTO ${s}.tb_user_offer VALUES (${id}, '${custNo}', '02599999951', '${code}', '2026-03-01 10:00:00', '${eff}', ${exp === null ? "NULL" : `'${exp}'`});`;
    const cleanup = `DELETE FROM ${s}.tb_user_offer WHERE cust_no = '${custNo}';`;
    const cases: [number, string, RegExp][] = [
      [999999951, row(999999951, "YH0001", "2026-04-01", "2026-03-31"), /ExpDate: ends before it starts/],
      [999999952, row(999999952, "yh-1", "2026-04-01", null), /OfferCode: not an offer code/],
    ];
    for (const [id, insert, message] of cases) {
      await withRows(hall.pool, insert, cleanup, async () => {
        const found = await hall.adapter.getCustomerOffers([custNo, other]);
        expect(expectMalformedAt(found, custNo, "business-hall", `OfferInfo ${id}`).message).toMatch(message);
      });
    }
  });
});
