import { describe, expect, it } from "vitest";
import { custCodeOf, customerIdOf } from "./ids.js";
import { accountRow, billContradiction, billRow, serviceContradiction } from "./rows.js";

const account = {
  ACCT_ID: "1",
  ACCT_NBR: "88320100000010",
  CUST_CODE: "3201-00000001",
  ACCT_NAME: "王伟",
  PAY_METHOD: "B",
  BANK_ID: "0102",
  BANK_ACCT: "6212345678901234567",
  CREDIT_LIMIT: "20000",
  BALANCE: "0",
  STATE: "A",
  CREATED_DATE: "20190304",
};

describe("billing ids", () => {
  it("converts customer ids to and from billing's spelling", () => {
    expect(custCodeOf("320100000001")).toBe("3201-00000001");
    expect(customerIdOf("3201-00000001")).toBe("320100000001");
    expect(customerIdOf("320100000001")).toBeNull();
  });
});

describe("billing rows", () => {
  it("maps an account and its bank mandate", () => {
    expect(accountRow.parse(account)).toEqual({
      accountNo: "88320100000010",
      serialNo: "1",
      customerId: "320100000001",
      name: "王伟",
      paymentMethod: "BANK_DEBIT",
      bank: { id: "0102", account: "6212345678901234567" },
      creditLimitFen: 20000,
      balanceFen: 0,
      status: "ACTIVE",
      openedOn: "2019-03-04",
    });
    expect(accountRow.parse({ ...account, PAY_METHOD: "C", BANK_ID: "", BANK_ACCT: "" }).bank).toBeNull();
  });

  it("rejects half a bank mandate, a missing customer and a negative credit limit", () => {
    expect(accountRow.safeParse({ ...account, BANK_ACCT: "" }).success).toBe(false);
    expect(accountRow.safeParse({ ...account, CUST_CODE: null }).error?.issues[0]?.message).toMatch(/dangling/);
    expect(accountRow.safeParse({ ...account, CREDIT_LIMIT: "-1" }).success).toBe(false);
  });

  it("derives what was paid from what is still owed", () => {
    const bill = { BILL_ID: "77", ACCT_NBR: "88320100000010", BILLING_CYCLE_ID: "202610", BILL_AMOUNT: "5000", DUE_DATE: "20261120" };
    expect(billRow.parse({ ...bill, STATE: "A", OWED: "1200" })).toMatchObject({ paidFen: 3800, state: "PARTLY_PAID", month: "2026-10" });
    expect(billRow.parse({ ...bill, STATE: "P", OWED: null })).toMatchObject({ paidFen: 5000, state: "PAID" });
    expect(billRow.safeParse({ ...bill, STATE: "U", OWED: null }).success).toBe(false);
  });

  it("accepts only bill states that fit the arrears", () => {
    expect(billContradiction(5000, 5000, "UNPAID")).toBeNull();
    expect(billContradiction(5000, 1, "PARTLY_PAID")).toBeNull();
    expect(billContradiction(5000, 0, "PAID")).toBeNull();
    expect(billContradiction(5000, 0, "UNPAID")).toMatch(/UNPAID/);
    expect(billContradiction(5000, 5000, "PARTLY_PAID")).toMatch(/PARTLY_PAID/);
    expect(billContradiction(5000, 0, "PARTLY_PAID")).toMatch(/PARTLY_PAID/);
    expect(billContradiction(5000, 10, "PAID")).toMatch(/still owed/);
    expect(billContradiction(5000, 6000, "UNPAID")).toMatch(/exceed/);
    expect(billContradiction(5000, -1, "PAID")).toMatch(/negative/);
  });

  it("accepts only service states that fit the barring flag", () => {
    expect(serviceContradiction("ACTIVE", "NONE")).toBeNull();
    expect(serviceContradiction("BARRED", "DOUBLE")).toBeNull();
    expect(serviceContradiction("REMOVED", "NONE")).toBeNull();
    expect(serviceContradiction("ACTIVE", "SINGLE")).toMatch(/ACTIVE/);
    expect(serviceContradiction("BARRED", "NONE")).toMatch(/BARRED/);
  });
});
