import { describe, expect, it } from "vitest";
import { accountBillingFactsSchema, billingFactsSchema } from "./facts.schema.js";
import { makeFacts, randomFacts, seededRandom } from "./judgements/fixtures.js";

const withSettlements = (settlements: unknown) => {
  const billing = makeFacts().billing;
  const [first, ...rest] = billing.bills;
  return { ...billing, bills: [{ ...first, settlements }, ...rest] };
};
const messages = (input: unknown) => {
  const result = billingFactsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("billing facts at the boundary", () => {
  it("accepts the facts the judgements' tests are made of, generated ones too", () => {
    expect(messages(makeFacts().billing)).toEqual([]);
    const random = seededRandom(3);
    for (let run = 0; run < 100; run++) expect(messages(randomFacts(random).billing)).toEqual([]);
  });

  it("accepts write-offs in date order, two on the same day included", () => {
    const sorted = [
      { on: "2026-10-01", amountFen: 3_000 },
      { on: "2026-10-01", amountFen: 2_000 },
      { on: "2026-11-02", amountFen: 5_000 },
    ];
    expect(messages(withSettlements(sorted))).toEqual([]);
  });

  it("rejects write-offs out of date order, naming the one out of place", () => {
    const unsorted = [
      { on: "2026-11-02", amountFen: 5_000 },
      { on: "2026-10-01", amountFen: 5_000 },
    ];
    expect(messages(withSettlements(unsorted))).toEqual([
      "bills.0.settlements.1.on: must be sorted by date, oldest first: 2026-10-01 comes after 2026-11-02",
    ]);
  });

  it("rejects a write-off of nothing, or of a negative or fractional amount", () => {
    for (const amountFen of [0, -100]) {
      expect(messages(withSettlements([{ on: "2026-10-01", amountFen }]))).toEqual(["bills.0.settlements.0.amountFen: must be positive"]);
    }
    expect(messages(withSettlements([{ on: "2026-10-01", amountFen: 10.5 }]))).toHaveLength(1);
  });

  it("rejects a write-off dated otherwise than YYYY-MM-DD, and the old lastPaidOn in place of write-offs", () => {
    expect(messages(withSettlements([{ on: "20261001", amountFen: 100 }]))).toEqual(["bills.0.settlements.0.on: must be YYYY-MM-DD"]);
    const billing = makeFacts().billing;
    const old = { ...billing, bills: billing.bills.map(({ settlements: _, ...b }) => ({ ...b, lastPaidOn: null })) };
    expect(messages(old)).toContain("bills.0.settlements: Invalid input: expected array, received undefined");
  });

  it("takes credit levels set by hand newest first, and rejects them out of order or a lifting entry with a list", () => {
    const entry = (setOn: string, level: string | null = "LOW", list: string | null = null) => ({ level, list, reason: "信控", setBy: "XK3201001", setOn });
    const withGrades = (manualCredit: unknown) => ({ ...makeFacts().billing, manualCredit });
    expect(messages(withGrades([entry("2026-10-01", null), entry("2026-10-01"), entry("2026-03-01", "VERY_LOW", "BLACK")]))).toEqual([]);
    expect(messages(withGrades([entry("2026-03-01"), entry("2026-10-01")]))).toEqual([
      "manualCredit.1.setOn: must be sorted by date, newest first: 2026-10-01 comes after 2026-03-01",
    ]);
    expect(messages(withGrades([entry("2026-10-01", null, "RED")]))).toEqual(["manualCredit.0.list: a lifting grade sets no list"]);
  });
});

describe("one account's billing facts at the boundary", () => {
  const account = { ...makeFacts().billing, accountNo: "88025000000001", customerId: "025000000001" };
  const issues = (input: unknown) => {
    const result = accountBillingFactsSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  };

  it("accepts the facts of the account they name, and no other", () => {
    expect(issues(account)).toEqual([]);
    expect(issues({ ...account, accountNo: "88025000000002" })).toEqual(["accounts: must hold account 88025000000002 alone"]);
    expect(issues({ ...account, customerId: "0250-00000001" })).toEqual(["customerId: must be a customer id (12 digits)"]);
  });

  it("rejects a credit level set by hand: those are the customer's", () => {
    const manualCredit = [{ level: "LOW", list: null, reason: "信控", setBy: "XK3201001", setOn: "2026-10-01" }];
    expect(issues({ ...account, manualCredit })).toEqual(["manualCredit: grades set by hand are the customer's"]);
  });
});
