import { describe, expect, it } from "vitest";
import { AdapterError } from "../kit/errors.js";
import { compareAnswers } from "../kit/shadow-compare.js";
import { BILLING_COMPARE_RULES, shadowableBillingRead } from "./compare.js";
import type { Account, Bill, BillingFacts } from "./port.js";

const compare = (method: string, served: Map<string, unknown>, candidate: Map<string, unknown>) => compareAnswers(method, served, candidate, BILLING_COMPARE_RULES);

const account: Account = {
  accountNo: "88320100000010",
  serialNo: "1000010",
  customerId: "320100000001",
  name: "张三",
  paymentMethod: "BANK_DEBIT",
  bank: { id: "ICBC", account: "6222000011112222" },
  creditLimitFen: 10_000,
  balanceFen: -2_350,
  status: "ACTIVE",
  openedOn: "2019-04-01",
};
const bill = (billNo: string, month: string, amountFen: number): Bill => ({ billNo, accountNo: account.accountNo, month, amountFen, paidFen: 0, dueDate: `${month}-20`, state: "UNPAID" });

describe("comparing billing answers in domain terms", () => {
  it("finds nothing between equal answers spelled differently (key order, time of day on a date, null for absent, internal keys)", () => {
    const { status, ...rest } = account;
    const candidate = { status, ...rest, openedOn: "2019-04-01T00:00:00", serialNo: "77", bank: { account: account.bank!.account, id: account.bank!.id } };
    expect(compare("getAccounts", new Map([[account.accountNo, account]]), new Map([[account.accountNo, candidate]]))).toEqual([]);
    expect(compare("getBillingFacts", new Map([["c", { until: null }]]), new Map([["c", {}]]))).toEqual([]);
  });

  it("names the field, in fen, with both values", () => {
    const differences = compare("getAccounts", new Map([[account.accountNo, account]]), new Map([[account.accountNo, { ...account, balanceFen: -2_351 }]]));
    expect(differences).toEqual([{ method: "getAccounts", key: account.accountNo, field: "getAccounts.balanceFen", path: ".balanceFen", served: -2_350, candidate: -2_351 }]);
  });

  it("tells a date of another day, and an enum of another name", () => {
    const differences = compare("getAccounts", new Map([[account.accountNo, account]]), new Map([[account.accountNo, { ...account, openedOn: "2019-04-02", status: "CLOSED" }]]));
    expect(differences.map((d) => [d.field, d.served, d.candidate])).toEqual([
      ["getAccounts.status", "ACTIVE", "CLOSED"],
      ["getAccounts.openedOn", "2019-04-01", "2019-04-02"],
    ]);
  });

  it("keeps no personal data: a differing name or bank account is named, not shown", () => {
    const differences = compare("getAccounts", new Map([[account.accountNo, account]]), new Map([[account.accountNo, { ...account, name: "李四", bank: { id: "ICBC", account: "6222000099999999" } }]]));
    expect(differences.map((d) => [d.field, d.served, d.candidate])).toEqual([
      ["getAccounts.name", "[personal data]", "[personal data]"],
      ["getAccounts.bank.account", "[personal data]", "[personal data]"],
    ]);
  });

  it("reports a record one side lacks, and a key only one side answers", () => {
    const served = new Map([[account.accountNo, [bill("1", "2026-10", 100), bill("2", "2026-09", 200)]]]);
    const candidate = new Map([
      [account.accountNo, [bill("1", "2026-10", 100), bill("3", "2026-08", 300)]],
      ["88320100000020", []],
    ]);
    const differences = compare("getBills", served, candidate);
    expect(differences.map((d) => [d.key, d.field, d.path, d.served === undefined, d.candidate === undefined])).toEqual([
      [account.accountNo, "getBills.(record)", "[billNo=2]", false, true],
      [account.accountNo, "getBills.(record)", "[billNo=3]", true, false],
      ["88320100000020", "getBills.(record)", "(record)", true, false],
    ]);
  });

  it("matches records by identity, so one changed bill is one difference, and tells an order the port promises", () => {
    const served = new Map([[account.accountNo, [bill("1", "2026-10", 100), bill("2", "2026-09", 200)]]]);
    const changed = compare("getBills", served, new Map([[account.accountNo, [bill("1", "2026-10", 100), bill("2", "2026-09", 250)]]]));
    expect(changed.map((d) => [d.field, d.path, d.served, d.candidate])).toEqual([["getBills.amountFen", "[billNo=2].amountFen", 200, 250]]);
    const reordered = compare("getBills", served, new Map([[account.accountNo, [bill("2", "2026-09", 200), bill("1", "2026-10", 100)]]]));
    expect(reordered.map((d) => d.field)).toEqual(["getBills.(order)"]);
  });

  it("ignores order where billing keeps a set, and compares lists without identity as bags", () => {
    const facts = (serviceNos: string[], settlements: { on: string; amountFen: number }[]): BillingFacts => ({
      accounts: [],
      bills: [{ accountNo: account.accountNo, billNo: "1", month: "2026-10", amountFen: 100, paidFen: 100, dueDate: "2026-11-20", state: "PAID", settlements, serviceNos }],
      services: [],
      suspensions: [],
      dunning: [],
      manualCredit: [],
    });
    const served = new Map([["320100000001", facts(["A", "B"], [{ on: "2026-11-01", amountFen: 60 }, { on: "2026-11-02", amountFen: 40 }])]]);
    expect(compare("getBillingFacts", served, new Map([["320100000001", facts(["B", "A"], [{ on: "2026-11-01", amountFen: 60 }, { on: "2026-11-02", amountFen: 40 }])]]))).toEqual([]);
    const differences = compare("getBillingFacts", served, new Map([["320100000001", facts(["A", "B"], [{ on: "2026-11-01", amountFen: 60 }, { on: "2026-11-02", amountFen: 41 }])]]));
    expect(differences.map((d) => [d.field, d.path, d.served, d.candidate])).toEqual([
      ["getBillingFacts.bills.settlements.(item)", ".bills[billNo=1].settlements", '{amountFen:40,on:"2026-11-02"}', undefined],
      ["getBillingFacts.bills.settlements.(item)", ".bills[billNo=1].settlements", undefined, '{amountFen:41,on:"2026-11-02"}'],
    ]);
  });

  it("compares a record that cannot be read by its error code", () => {
    const broken = new AdapterError("MALFORMED_RECORD", "billing", "bad", "ACCT 1");
    expect(compare("getAccounts", new Map([[account.accountNo, broken]]), new Map([[account.accountNo, new AdapterError("MALFORMED_RECORD", "billing", "other words", "x")]]))).toEqual([]);
    expect(compare("getAccounts", new Map([[account.accountNo, broken]]), new Map([[account.accountNo, account]])).map((d) => [d.field, d.served, d.candidate])).toEqual([
      ["getAccounts.(error)", "MALFORMED_RECORD (ACCT 1)", "ok"],
    ]);
  });

  it("does not shadow a page of detail records after the serving adapter's own cursor", () => {
    expect(shadowableBillingRead("getUsageRecords", [[{ serviceNo: "1", month: "2026-10", first: 5, after: null }]])).toBe(true);
    expect(shadowableBillingRead("getUsageRecords", [[{ serviceNo: "1", month: "2026-10", first: 5, after: "opaque" }]])).toBe(false);
    expect(shadowableBillingRead("getAccounts", [["88320100000010"]])).toBe(true);
  });
});
