import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { RoundTripCounter } from "../kit/round-trips.js";
import { served } from "../kit/testing.js";
import { BILL_STATE, DUN_METHOD, ITEM_TYPE, PAY_CHANNEL, PAY_METHOD, PLACE_COLUMNS, PRODUCT, SERV_STATE, STOP_FLAG, STOP_TYPE, placeOfRow } from "./code-tables.testing.js";
import { billingContractComputed } from "./contract-computed.testing.js";
import { billingContractFaults } from "./contract-faults.testing.js";
import { billingContractInput } from "./contract-input.testing.js";
import { billingContractWrites } from "./contract-writes.testing.js";
import type { BillingPort } from "./port.js";

/** The port the contract holds an adapter to: every billing read and write. */
export type ContractSubject = BillingPort;

/** A break the contract makes in one record of the store behind an adapter, undone by the function it gets back. */
export type Corruption =
  | { kind: "unknown-payment-method"; accountNo: string }
  | { kind: "impossible-due-date"; billNo: string }
  | { kind: "paid-but-owing"; billNo: string }
  | { kind: "barred-without-barring"; serviceNo: string }
  | { kind: "unknown-suspension-reason"; serviceNo: string };

/** What the contract runs against: an adapter over a generated population, and that population's legacy tables. */
export interface BillingContractFixture {
  adapter: ContractSubject;
  counter: RoundTripCounter;
  /** The legacy billing tables the population was generated into: what every answer is compared with. */
  legacy: pg.Pool;
  /** Their schema, quoted. */
  b: string;
  /** The date the adapter's writes are stamped with. */
  today: string;
  /** Breaks one record in the store the adapter reads; the function it resolves to mends it. */
  corrupt(corruption: Corruption): Promise<() => Promise<void>>;
  /** An adapter of the same kind whose system is down. */
  unreachable(): ContractSubject;
  /** Another adapter of the port over the same population, whose answers this one's must equal; none for the reference itself. */
  reference?: ContractSubject;
}

const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
const month = (cycle: string) => `${cycle.slice(0, 4)}-${cycle.slice(4, 6)}`;

/** The samples every part of the contract reads: generated records in a stable pseudo-random order. */
export interface ContractSample {
  accounts: string[];
  customers: string[];
  services: string[];
}

/**
 * The billing port's contract, written once: every adapter of the port is run through it over a generated population
 * and must answer as the legacy tables say, in one round trip per batch, refusing bad input before any.
 */
export function billingPortContract(name: string, setup: () => Promise<BillingContractFixture>): void {
  let f: BillingContractFixture;
  const sample: ContractSample = { accounts: [], customers: [], services: [] };
  const rows = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) => (await f.legacy.query(text, values)).rows as T[];

  beforeAll(async () => {
    f = await setup();
    const b = f.b;
    // The last account is kept out of the sample: the writes record on it.
    sample.accounts = (await rows<{ n: string }>(`SELECT "ACCT_NBR" AS n FROM ${b}."ACCT" WHERE "ACCT_ID" < (SELECT max("ACCT_ID") FROM ${b}."ACCT") ORDER BY md5("ACCT_NBR") LIMIT 100`)).map((r) => r.n);
    sample.customers = (await rows<{ n: string }>(`SELECT replace("CUST_CODE", '-', '') AS n FROM ${b}."CUST" ORDER BY md5("CUST_CODE") LIMIT 100`)).map((r) => r.n);
    // Every product is represented: leased lines are rare, so they are taken round-robin with the others.
    sample.services = (
      await rows<{ n: string }>(`SELECT "ACC_NBR" AS n FROM ${b}."SERV" ORDER BY row_number() OVER (PARTITION BY "PRODUCT_ID" ORDER BY md5("ACC_NBR")), md5("ACC_NBR") LIMIT 100`)
    ).map((r) => r.n);
  });

  describe(`billing port contract (${name}): batched reads`, () => {
    it("reads 100 accounts in one round trip, as the tables say", async () => {
      f.counter.reset();
      const found = served(await f.adapter.getAccounts(sample.accounts));
      expect(f.counter.get("billing")).toBe(1);
      expect(found.size).toBe(100);
      const direct = await rows(`SELECT a.*, c."CUST_CODE" FROM ${f.b}."ACCT" a JOIN ${f.b}."CUST" c USING ("CUST_ID") WHERE a."ACCT_NBR" = ANY($1)`, [sample.accounts]);
      for (const row of direct) {
        expect(found.get(row.ACCT_NBR as string)).toEqual({
          accountNo: row.ACCT_NBR,
          serialNo: String(row.ACCT_ID),
          customerId: (row.CUST_CODE as string).replace("-", ""),
          name: row.ACCT_NAME,
          paymentMethod: PAY_METHOD[row.PAY_METHOD as string],
          bank: row.BANK_ID === "" ? null : { id: row.BANK_ID, account: row.BANK_ACCT },
          creditLimitFen: Number(row.CREDIT_LIMIT),
          balanceFen: Number(row.BALANCE),
          status: row.STATE === "A" ? "ACTIVE" : "CLOSED",
          openedOn: iso(row.CREATED_DATE as string),
        });
      }
      expect(new Set([...found.values()].map((a) => a.paymentMethod)).size).toBeGreaterThan(2);
      expect([...found.values()].some((a) => a.bank !== null)).toBe(true);
    });

    it("reads one account as it reads it among many", async () => {
      const many = served(await f.adapter.getAccounts(sample.accounts));
      f.counter.reset();
      const one = served(await f.adapter.getAccounts([sample.accounts[7] as string, sample.accounts[7] as string]));
      expect(f.counter.get("billing")).toBe(1);
      expect([...one]).toEqual([[sample.accounts[7], many.get(sample.accounts[7] as string)]]);
    });

    it("reads the accounts of 100 customers in one round trip", async () => {
      f.counter.reset();
      const found = served(await f.adapter.getAccountsByCustomer(sample.customers));
      expect(f.counter.get("billing")).toBe(1);
      const direct = await rows<{ id: string; nbrs: string[] }>(
        `SELECT replace(c."CUST_CODE", '-', '') AS id, array_agg(a."ACCT_NBR"::text ORDER BY a."ACCT_NBR") AS nbrs
         FROM ${f.b}."CUST" c JOIN ${f.b}."ACCT" a USING ("CUST_ID") WHERE replace(c."CUST_CODE", '-', '') = ANY($1) GROUP BY 1`,
        [sample.customers],
      );
      expect(direct.length).toBeGreaterThan(50);
      for (const row of direct) {
        expect(found.get(row.id)?.map((a) => a.accountNo)).toEqual(row.nbrs);
        expect(found.get(row.id)?.every((a) => a.customerId === row.id)).toBe(true);
      }
    });

    it("reads the bills of 100 accounts in one round trip, paid amounts from the arrears", async () => {
      f.counter.reset();
      const found = served(await f.adapter.getBills(sample.accounts));
      expect(f.counter.get("billing")).toBe(1);
      const direct = await rows(
        `SELECT bl.*, a."ACCT_NBR", COALESCE((SELECT sum(o."OWE_AMOUNT") FROM ${f.b}."ACCT_ITEM_OWE" o WHERE o."BILL_ID" = bl."BILL_ID"), 0) AS owed
         FROM ${f.b}."BILL" bl JOIN ${f.b}."ACCT" a USING ("ACCT_ID") WHERE a."ACCT_NBR" = ANY($1)
         ORDER BY a."ACCT_NBR", bl."BILLING_CYCLE_ID" DESC, bl."BILL_ID" DESC`,
        [sample.accounts],
      );
      const expected = new Map<string, unknown[]>(sample.accounts.map((a) => [a, []]));
      for (const row of direct) {
        expected.get(row.ACCT_NBR as string)?.push({
          billNo: String(row.BILL_ID),
          accountNo: row.ACCT_NBR,
          month: month(row.BILLING_CYCLE_ID as string),
          amountFen: Number(row.BILL_AMOUNT),
          paidFen: Number(row.BILL_AMOUNT) - Number(row.owed),
          dueDate: iso(row.DUE_DATE as string),
          state: BILL_STATE[row.STATE as string],
        });
      }
      expect(found).toEqual(expected);
      expect(new Set([...found.values()].flat().map((bill) => bill.state))).toEqual(new Set(["UNPAID", "PARTLY_PAID", "PAID"]));
    });

    it("narrows bills to what is owed and to the last months", async () => {
      f.counter.reset();
      const unpaid = served(await f.adapter.getBills(sample.accounts, { unpaidOnly: true }));
      const recent = served(await f.adapter.getBills(sample.accounts, { lastMonths: 3 }));
      const all = served(await f.adapter.getBills(sample.accounts));
      expect(f.counter.get("billing")).toBe(3);
      const [owed] = await rows<{ n: number }>(
        `SELECT count(DISTINCT o."BILL_ID")::int AS n FROM ${f.b}."ACCT_ITEM_OWE" o JOIN ${f.b}."ACCT" a USING ("ACCT_ID") WHERE a."ACCT_NBR" = ANY($1)`,
        [sample.accounts],
      );
      const unpaidBills = [...unpaid.values()].flat();
      expect(unpaidBills.length).toBe(owed?.n);
      expect(unpaidBills.length).toBeGreaterThan(0);
      expect(unpaidBills.every((bill) => bill.paidFen < bill.amountFen && bill.state !== "PAID")).toBe(true);
      for (const [accountNo, bills] of all) {
        const newest = [...new Set(bills.map((bill) => bill.month))].slice(0, 3);
        expect(recent.get(accountNo)?.map((bill) => bill.billNo)).toEqual(bills.filter((bill) => newest.includes(bill.month)).map((bill) => bill.billNo));
      }
    });

    it("counts the last months back from an as-of date, and leaves out the cycles not yet billed on it", async () => {
      const all = served(await f.adapter.getBills(sample.accounts));
      const newest = [...new Set([...all.values()].flat().map((bill) => bill.month))].sort().at(-1) as string;
      const asOf = `${newest}-15`;
      const [year, m] = newest.split("-").map(Number) as [number, number];
      const monthsBefore = (n: number) => {
        const k = year * 12 + m - 1 - n;
        return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
      };
      const window = [1, 2, 3].map(monthsBefore);
      f.counter.reset();
      const recent = served(await f.adapter.getBills(sample.accounts, { lastMonths: 3, asOf }));
      const before = served(await f.adapter.getBills(sample.accounts, { asOf }));
      expect(f.counter.get("billing")).toBe(2);
      for (const [accountNo, bills] of all) {
        expect(recent.get(accountNo)?.map((bill) => bill.billNo)).toEqual(bills.filter((bill) => window.includes(bill.month)).map((bill) => bill.billNo));
        expect(before.get(accountNo)?.map((bill) => bill.billNo)).toEqual(bills.filter((bill) => bill.month < newest).map((bill) => bill.billNo));
      }
      expect([...recent.values()].flat().length).toBeGreaterThan(0);
    });

    it("reads the items of 100 bills in one round trip; they add up to each bill", async () => {
      const bills = [...served(await f.adapter.getBills(sample.accounts)).values()].flat().slice(0, 100);
      expect(bills).toHaveLength(100);
      f.counter.reset();
      const items = served(await f.adapter.getBillItems(bills.map((bill) => bill.billNo)));
      expect(f.counter.get("billing")).toBe(1);
      const direct = await rows(
        `SELECT i."BILL_ID"::text AS bill, i."ACCT_ITEM_TYPE_ID" AS type, i."AMOUNT" AS amount, s."ACC_NBR" AS serv, o."OFFER_CODE" AS offer
         FROM ${f.b}."ACCT_ITEM" i JOIN ${f.b}."SERV" s USING ("SERV_ID") LEFT JOIN ${f.b}."OFFER" o USING ("OFFER_ID")
         WHERE i."BILL_ID" = ANY($1::bigint[]) ORDER BY i."BILL_ID", i."ACCT_ITEM_ID"`,
        [bills.map((bill) => bill.billNo)],
      );
      const expected = new Map<string, unknown[]>(bills.map((bill) => [bill.billNo, []]));
      for (const row of direct) {
        expected.get(row.bill as string)?.push({ billNo: row.bill, type: ITEM_TYPE[row.type as string], serviceNo: row.serv, amountFen: Number(row.amount), offerCode: row.offer });
      }
      expect(items).toEqual(expected);
      for (const bill of bills) expect((items.get(bill.billNo) ?? []).reduce((sum, item) => sum + item.amountFen, 0)).toBe(bill.amountFen);
    });

    it("reads payments of 100 accounts in one round trip, newest first, optionally since a date", async () => {
      const since = `${f.today.slice(0, 7)}-01`;
      f.counter.reset();
      const found = served(await f.adapter.getPayments(sample.accounts));
      const recent = [...served(await f.adapter.getPayments(sample.accounts, { since })).values()].flat();
      expect(f.counter.get("billing")).toBe(2);
      const direct = await rows(
        `SELECT p.*, a."ACCT_NBR", ${PLACE_COLUMNS} FROM ${f.b}."PAYMENT" p JOIN ${f.b}."ACCT" a USING ("ACCT_ID")
         LEFT JOIN ${f.b}."COLLECT_SITE" st USING ("SITE_ID") WHERE a."ACCT_NBR" = ANY($1)`,
        [sample.accounts],
      );
      expect([...found.values()].flat()).toHaveLength(direct.length);
      for (const row of direct.slice(0, 30)) {
        expect(found.get(row.ACCT_NBR as string)).toContainEqual({
          paymentId: String(row.PAYMENT_ID),
          accountNo: row.ACCT_NBR,
          billNo: row.BILL_ID === null ? null : String(row.BILL_ID),
          amountFen: Number(row.AMOUNT),
          paidOn: iso(row.PAY_DATE as string),
          channel: PAY_CHANNEL[row.PAY_CHANNEL as string],
          place: placeOfRow(row),
        });
      }
      for (const list of found.values()) expect(list.map((p) => p.paidOn)).toEqual([...list.map((p) => p.paidOn)].sort().reverse());
      expect(recent.length).toBe(direct.filter((row) => iso(row.PAY_DATE as string) >= since).length);
      expect(recent.every((p) => p.paidOn >= since)).toBe(true);
    });

    it("reads dunning actions of 100 accounts in one round trip, oldest first", async () => {
      const dunned = (await rows<{ n: string }>(`SELECT DISTINCT a."ACCT_NBR" AS n FROM ${f.b}."DUNNING" d JOIN ${f.b}."ACCT" a USING ("ACCT_ID") ORDER BY 1 LIMIT 50`)).map((r) => r.n);
      const ids = [...new Set([...dunned, ...sample.accounts])].slice(0, 100);
      f.counter.reset();
      const found = served(await f.adapter.getDunningActions(ids));
      expect(f.counter.get("billing")).toBe(1);
      const direct = await rows(`SELECT d.*, a."ACCT_NBR" FROM ${f.b}."DUNNING" d JOIN ${f.b}."ACCT" a USING ("ACCT_ID") WHERE a."ACCT_NBR" = ANY($1)`, [ids]);
      expect([...found.values()].flat()).toHaveLength(direct.length);
      expect(direct.length).toBeGreaterThan(0);
      for (const row of direct) {
        expect(found.get(row.ACCT_NBR as string)).toContainEqual({
          accountNo: row.ACCT_NBR,
          month: month(row.BILLING_CYCLE_ID as string),
          method: DUN_METHOD[row.DUN_METHOD as string],
          attempt: row.ATTEMPT_NO,
          date: iso(row.DUN_DATE as string),
          result: row.DUN_RESULT === "S" ? "REACHED" : "FAILED",
        });
      }
      for (const list of found.values()) expect(list.map((d) => d.date)).toEqual([...list.map((d) => d.date)].sort());
    });

    it("reads 100 services in one round trip with their paying accounts, and the services of customers and accounts", async () => {
      f.counter.reset();
      const found = served(await f.adapter.getServices(sample.services));
      const byCustomer = served(await f.adapter.getServicesByCustomer(sample.customers));
      const byAccount = served(await f.adapter.getServicesByAccount(sample.accounts));
      expect(f.counter.get("billing")).toBe(3);
      expect(found.size).toBe(100);
      const direct = await rows(
        `SELECT s.*, c."CUST_CODE", (SELECT array_agg(DISTINCT a."ACCT_NBR"::text) FROM ${f.b}."SERV_ACCT" sa
           JOIN ${f.b}."ACCT" a USING ("ACCT_ID") WHERE sa."SERV_ID" = s."SERV_ID" AND sa."STATE" = 'A') AS nbrs
         FROM ${f.b}."SERV" s JOIN ${f.b}."CUST" c USING ("CUST_ID") WHERE s."ACC_NBR" = ANY($1)`,
        [sample.services],
      );
      for (const row of direct) {
        expect(found.get(row.ACC_NBR as string)).toEqual({
          serviceNo: row.ACC_NBR,
          customerId: (row.CUST_CODE as string).replace("-", ""),
          product: PRODUCT[row.PRODUCT_ID as number],
          status: SERV_STATE[row.STATE as string],
          barring: STOP_FLAG[row.STOP_FLAG as string],
          startedOn: iso(row.COMPLETED_DATE as string),
          accountNos: row.nbrs ?? [],
        });
      }
      expect(new Set([...found.values()].map((s) => s.product)).size).toBeGreaterThanOrEqual(3);
      const owned = await rows<{ id: string; nbrs: string[] }>(
        `SELECT replace(c."CUST_CODE", '-', '') AS id, array_agg(s."ACC_NBR"::text ORDER BY s."ACC_NBR") AS nbrs
         FROM ${f.b}."CUST" c JOIN ${f.b}."SERV" s USING ("CUST_ID") WHERE replace(c."CUST_CODE", '-', '') = ANY($1) GROUP BY 1`,
        [sample.customers],
      );
      for (const row of owned) expect(byCustomer.get(row.id)?.map((s) => s.serviceNo)).toEqual(row.nbrs);
      const links = await rows<{ acct: string; serv: string; grp: string }>(
        `SELECT a."ACCT_NBR" AS acct, s."ACC_NBR" AS serv, trim(sa."ITEM_GROUP") AS grp FROM ${f.b}."SERV_ACCT" sa JOIN ${f.b}."ACCT" a USING ("ACCT_ID")
         JOIN ${f.b}."SERV" s USING ("SERV_ID") WHERE a."ACCT_NBR" = ANY($1) AND sa."STATE" = 'A' ORDER BY 1, 2, 3`,
        [sample.accounts],
      );
      expect([...byAccount.values()].flat().map((l) => [l.accountNo, l.serviceNo, l.itemGroup])).toEqual(
        sample.accounts.flatMap((a) => links.filter((l) => l.acct === a).map((l) => [l.acct, l.serv, l.grp])),
      );
    });

    it("reads suspensions of services and of customers in one round trip each; still stopped has no end", async () => {
      const stopped = (await rows<{ n: string }>(`SELECT DISTINCT s."ACC_NBR" AS n FROM ${f.b}."SERV_STOP" st JOIN ${f.b}."SERV" s USING ("SERV_ID") ORDER BY 1 LIMIT 100`)).map((r) => r.n);
      expect(stopped.length).toBeGreaterThan(10);
      f.counter.reset();
      const found = served(await f.adapter.getSuspensions(stopped));
      const byCustomer = served(await f.adapter.getSuspensionsByCustomer(sample.customers));
      expect(f.counter.get("billing")).toBe(2);
      const direct = await rows(`SELECT st.*, s."ACC_NBR" FROM ${f.b}."SERV_STOP" st JOIN ${f.b}."SERV" s USING ("SERV_ID") WHERE s."ACC_NBR" = ANY($1)`, [stopped]);
      expect([...found.values()].flat()).toHaveLength(direct.length);
      for (const row of direct) {
        expect(found.get(row.ACC_NBR as string)).toContainEqual({
          serviceNo: row.ACC_NBR,
          reason: STOP_TYPE[row.STOP_TYPE as string],
          from: iso(row.STOP_DATE as string),
          until: row.RESUME_DATE === "00000000" ? null : iso(row.RESUME_DATE as string),
        });
      }
      expect([...found.values()].flat().some((s) => s.until === null)).toBe(true);
      for (const list of [...found.values(), ...byCustomer.values()]) expect(list.map((s) => s.from)).toEqual([...list.map((s) => s.from)].sort().reverse());
      const [count] = await rows<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${f.b}."SERV_STOP" st JOIN ${f.b}."SERV" s USING ("SERV_ID") JOIN ${f.b}."CUST" c USING ("CUST_ID")
         WHERE replace(c."CUST_CODE", '-', '') = ANY($1)`,
        [sample.customers],
      );
      expect([...byCustomer.values()].flat()).toHaveLength(count?.n ?? -1);
    });

    it("reads the settlements of bills and the credit grades of customers in one round trip each", async () => {
      const settled = await rows<{ bill: string; on: string; amount: string }>(
        `SELECT w."BILL_ID"::text AS bill, w."WRITE_OFF_DATE" AS on, w."AMOUNT"::text AS amount FROM ${f.b}."WRITE_OFF" w
         WHERE w."BILL_ID" IN (SELECT "BILL_ID" FROM ${f.b}."WRITE_OFF" ORDER BY "BILL_ID" LIMIT 50) ORDER BY w."BILL_ID", w."WRITE_OFF_DATE", w."WRITE_OFF_ID"`,
      );
      const graded = (await rows<{ n: string }>(`SELECT DISTINCT replace(c."CUST_CODE", '-', '') AS n FROM ${f.b}."CREDIT_GRADE_HIS" g JOIN ${f.b}."CUST" c USING ("CUST_ID") LIMIT 20`)).map((r) => r.n);
      const bills = [...new Set(settled.map((s) => s.bill))];
      expect(bills.length).toBeGreaterThan(0);
      f.counter.reset();
      const settlements = served(await f.adapter.getSettlements(bills));
      const grades = served(await f.adapter.getCreditGrades([...graded, ...sample.customers.slice(0, 5)]));
      expect(f.counter.get("billing")).toBe(2);
      expect([...settlements.values()].flat()).toEqual(settled.map((s) => ({ on: iso(s.on), amountFen: Number(s.amount) })));
      for (const id of graded) expect((grades.get(id) ?? []).length).toBeGreaterThan(0);
    });
  });

  billingContractInput(name, () => f, sample);
  billingContractComputed(name, () => f, sample);
  billingContractFaults(name, () => f, sample);
  billingContractWrites(name, () => f);
}
