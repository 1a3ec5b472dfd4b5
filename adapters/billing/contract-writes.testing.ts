import { describe, expect, it } from "vitest";
import { expectRefusedUpFront, rejection, served } from "../kit/testing.js";
import type { BillingContractFixture } from "./contract.testing.js";

/**
 * The contract's part on writes: each is keyed, so a replay answers with the first record and writes nothing, a key
 * reused for other data is a CONFLICT, and what the system refuses is BAD_USER_INPUT. Writes land on records the
 * reads leave out of their sample (the newest account, an owing account outside it).
 */
export function billingContractWrites(name: string, fixture: () => BillingContractFixture): void {
  const rows = async <T>(text: string, values: unknown[] = []) => (await fixture().legacy.query(text, values)).rows as T[];
  /** The newest account, its customer, its local network and a hall and a bank branch of another network. */
  async function target() {
    const b = fixture().b;
    const [row] = await rows<{ acct: string; cust: string; latn: string; hall: string; foreign: string }>(
      `SELECT a."ACCT_NBR" AS acct, replace(c."CUST_CODE", '-', '') AS cust, c."LATN_ID" AS latn,
         (SELECT min(s."SITE_ID") FROM ${b}."COLLECT_SITE" s WHERE s."LATN_ID" = c."LATN_ID" AND s."SITE_TYPE" = 'H') AS hall,
         (SELECT min(s."SITE_ID") FROM ${b}."COLLECT_SITE" s WHERE s."LATN_ID" <> c."LATN_ID" AND s."SITE_TYPE" = 'H') AS foreign
       FROM ${b}."ACCT" a JOIN ${b}."CUST" c USING ("CUST_ID") ORDER BY a."ACCT_ID" DESC LIMIT 1`,
    );
    return row!;
  }

  describe(`billing port contract (${name}): keyed writes`, () => {
    it("records a payment dated today, answers a replay with it and refuses the key for other data", async () => {
      const f = fixture();
      const t = await target();
      const payment = { accountNo: t.acct, amountFen: 4321, channel: "HALL" as const, placeCode: t.hall, idempotencyKey: `contract-pay-${name}` };
      f.counter.reset();
      const first = await f.adapter.recordPayment(payment);
      expect(f.counter.get("billing")).toBe(1);
      expect(first.replayed).toBe(false);
      expect(first.record).toMatchObject({ accountNo: t.acct, amountFen: 4321, paidOn: f.today, channel: "HALL", billNo: null, place: { code: t.hall, kind: "BUSINESS_HALL", localNetwork: t.latn } });
      const again = await f.adapter.recordPayment(payment);
      expect(again).toEqual({ record: first.record, replayed: true });
      const conflict = await rejection(f.adapter.recordPayment({ ...payment, amountFen: 1 }));
      expect(conflict.code).toBe("CONFLICT");
      const listed = served(await f.adapter.getPayments([t.acct], { since: f.today })).get(t.acct) ?? [];
      expect(listed.filter((p) => p.paymentId === first.record.paymentId)).toEqual([first.record]);
    });

    it("refuses a payment to an unknown account or at a point of another local network, and bad arguments up front", async () => {
      const f = fixture();
      const t = await target();
      const base = { accountNo: t.acct, amountFen: 100, channel: "HALL" as const, placeCode: null };
      expect((await rejection(f.adapter.recordPayment({ ...base, accountNo: "88990199999999", idempotencyKey: `contract-pay-unknown-${name}` }))).code).toBe("BAD_USER_INPUT");
      expect((await rejection(f.adapter.recordPayment({ ...base, placeCode: t.foreign, idempotencyKey: `contract-pay-foreign-${name}` }))).code).toBe("BAD_USER_INPUT");
      await expectRefusedUpFront(() => f.adapter.recordPayment({ ...base, amountFen: 0, idempotencyKey: `contract-pay-zero-${name}` }), f.counter, "billing");
      await expectRefusedUpFront(() => f.adapter.recordPayment({ ...base, channel: "WEB", placeCode: t.hall, idempotencyKey: `contract-pay-web-${name}` }), f.counter, "billing");
      await expectRefusedUpFront(() => f.adapter.recordPayment({ ...base, idempotencyKey: "short" }), f.counter, "billing");
    });

    it("records a dunning contact as the month's next attempt, only on a month still owed", async () => {
      const f = fixture();
      const b = f.b;
      const [owing] = await rows<{ acct: string; cycle: string }>(
        `SELECT a."ACCT_NBR" AS acct, o."BILLING_CYCLE_ID" AS cycle FROM ${b}."ACCT_ITEM_OWE" o JOIN ${b}."ACCT" a USING ("ACCT_ID")
         WHERE o."OWE_AMOUNT" > 0 ORDER BY a."ACCT_ID" DESC, o."BILLING_CYCLE_ID" LIMIT 1`,
      );
      const month = `${owing!.cycle.slice(0, 4)}-${owing!.cycle.slice(4, 6)}`;
      const before = (served(await f.adapter.getDunningActions([owing!.acct])).get(owing!.acct) ?? []).filter((d) => d.month === month);
      const contact = { accountNo: owing!.acct, month, method: "MANUAL" as const, result: "REACHED" as const, idempotencyKey: `contract-dun-${name}` };
      const first = await f.adapter.recordDunningContact(contact);
      expect(first).toEqual({ record: { ...contact, idempotencyKey: undefined, attempt: before.length === 0 ? 1 : Math.max(...before.map((d) => d.attempt)) + 1, date: f.today }, replayed: false });
      expect(await f.adapter.recordDunningContact(contact)).toEqual({ record: first.record, replayed: true });
      expect((await rejection(f.adapter.recordDunningContact({ ...contact, result: "FAILED" }))).code).toBe("CONFLICT");
      expect(served(await f.adapter.getDunningActions([owing!.acct])).get(owing!.acct)).toContainEqual(first.record);
      const paidUp = { ...contact, month: "1999-01", idempotencyKey: `contract-dun-none-${name}` };
      expect((await rejection(f.adapter.recordDunningContact(paidUp))).code).toBe("BAD_USER_INPUT");
      await expectRefusedUpFront(() => f.adapter.recordDunningContact({ ...contact, month: "2026-13", idempotencyKey: `contract-dun-bad-${name}` }), f.counter, "billing");
    });

    it("sets and lifts a credit grade by hand, newest first, each once per key", async () => {
      const f = fixture();
      const t = await target();
      const grade = { customerId: t.cust, level: "LOW" as const, list: "GREY" as const, reason: "合同测试", setBy: "contract", idempotencyKey: `contract-grade-${name}` };
      const set = await f.adapter.setCreditGrade(grade);
      expect(set).toEqual({ record: { customerId: t.cust, level: "LOW", list: "GREY", reason: "合同测试", setBy: "contract", setOn: f.today }, replayed: false });
      expect((await f.adapter.setCreditGrade(grade)).replayed).toBe(true);
      const lifted = await f.adapter.setCreditGrade({ ...grade, level: null, list: null, idempotencyKey: `contract-lift-${name}` });
      expect(lifted.record.level).toBeNull();
      const history = served(await f.adapter.getCreditGrades([t.cust])).get(t.cust) ?? [];
      expect(history.slice(0, 2).map((g) => g.level)).toEqual([null, "LOW"]);
      expect((await rejection(f.adapter.setCreditGrade({ ...grade, level: "HIGH" }))).code).toBe("CONFLICT");
      expect((await rejection(f.adapter.setCreditGrade({ ...grade, customerId: "990199999999", idempotencyKey: `contract-grade-none-${name}` }))).code).toBe("BAD_USER_INPUT");
      await expectRefusedUpFront(() => f.adapter.setCreditGrade({ ...grade, level: null, idempotencyKey: `contract-grade-bad-${name}` }), f.counter, "billing");
    });
  });
}
