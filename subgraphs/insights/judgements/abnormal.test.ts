import { describe, expect, it } from "vitest";
import { loadScoringModel } from "../config.js";
import { assessAbnormal } from "./abnormal.js";
import { bill, makeFacts, MOBILE, monthlyBills } from "./fixtures.js";

const model = loadScoringModel();
const codes = (facts: ReturnType<typeof makeFacts>) => assessAbnormal(facts, model).flags.map((f) => f.code);
const lastMonth = (latest: number) => makeFacts({ billing: { bills: monthlyBills(12, (i) => (i === 11 ? latest : 10_000)) } });

describe("abnormal customers", () => {
  it("flags nothing for an ordinary customer", () => {
    expect(assessAbnormal(makeFacts(), model)).toEqual({ flags: [] });
  });

  it("flags a latest month far above or far below the customer's own median", () => {
    const high = assessAbnormal(lastMonth(60_000), model).flags;
    expect(high.map((f) => f.code)).toEqual(["SPEND_FAR_ABOVE_NORMAL", "SUDDEN_CHANGE"]);
    expect(high[0]?.reason).toBe("2026-10 billed 60,000 fen, 6 × the median 10,000 fen of 11 earlier months (limit 3 ×).");
    expect(codes(lastMonth(2_000))).toEqual(["SPEND_FAR_BELOW_NORMAL", "SUDDEN_CHANGE"]);
    expect(codes(lastMonth(29_999))).toEqual(["SUDDEN_CHANGE"]);
    expect(codes(lastMonth(30_000))).toEqual(["SPEND_FAR_ABOVE_NORMAL", "SUDDEN_CHANGE"]);
    expect(codes(lastMonth(19_999))).toEqual([]);
  });

  it("flags a sudden change from one month to the next even when the month is normal", () => {
    const facts = makeFacts({ billing: { bills: monthlyBills(12, (i) => (i === 10 ? 5_000 : 10_000)) } });
    const flags = assessAbnormal(facts, model).flags;
    expect(flags.map((f) => f.code)).toEqual(["SUDDEN_CHANGE"]);
    expect(flags[0]?.reason).toBe("2026-10 billed 10,000 fen after 5,000 fen in 2026-09: changed by a factor of 2 or more.");
  });

  it("needs enough history before judging spend", () => {
    expect(codes(makeFacts({ billing: { bills: monthlyBills(3, (i) => (i === 2 ? 60_000 : 10_000)) } }))).toEqual([]);
    expect(codes(makeFacts({ billing: { bills: monthlyBills(4, (i) => (i === 3 ? 60_000 : 10_000)) } }))).toEqual(["SPEND_FAR_ABOVE_NORMAL", "SUDDEN_CHANGE"]);
    expect(codes(makeFacts({ billing: { bills: [] } }))).toEqual([]);
  });

  it("flags the credit black list", () => {
    const facts = makeFacts({ billing: { suspensions: [{ serviceNo: MOBILE, reason: "ILLEGAL_USE", from: "2026-10-01", until: null }] } });
    const flags = assessAbnormal(facts, model).flags;
    expect(flags.map((f) => f.code)).toEqual(["BLACK_LIST"]);
    expect(flags[0]?.reason).toMatch(/^On the credit black list: ILLEGAL_USE suspension/);
  });

  it("flags arrears over the limit for the kind of customer", () => {
    const owing = (amountFen: number, kind: "RESIDENTIAL" | "BUSINESS" = "RESIDENTIAL") =>
      makeFacts({ billing: { bills: [...monthlyBills(12), bill("2026-01", { billNo: "X", amountFen, paidFen: 0, dueDate: "2026-11-01" })] }, profile: { kind } });
    expect(codes(owing(30_000))).toEqual([]);
    expect(assessAbnormal(owing(30_001), model).flags).toEqual([
      { code: "ARREARS_OVER_LIMIT", reason: "Arrears of 30,001 fen exceed the RESIDENTIAL limit of 30,000 fen." },
    ]);
    expect(codes(owing(30_001, "BUSINESS"))).toEqual([]);
  });
});
