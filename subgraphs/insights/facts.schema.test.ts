import { describe, expect, it } from "vitest";
import { billingFactsSchema } from "./facts.schema.js";
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
});
