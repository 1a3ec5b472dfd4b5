import { describe, expect, it } from "vitest";
import { loadScoringModel } from "../config.js";
import { BROADBAND, MOBILE, bill, makeFacts, monthlyBills, service } from "./fixtures.js";
import { littleUsedLines } from "./little-used-lines.js";

const model = loadScoringModel();
const SECOND = "13300000002";

describe("lines installed but little used", () => {
  it("finds none when every line shares bills well above the level", () => {
    expect(littleUsedLines(makeFacts(), model)).toEqual([]);
  });

  it("finds a line no bill charged, with the months it was held and why", () => {
    const facts = makeFacts({ billing: { services: [service(MOBILE, "MOBILE"), service(BROADBAND, "BROADBAND"), service(SECOND, "MOBILE", { startedOn: "2026-03-10" })] } });
    expect(littleUsedLines(facts, model)).toEqual([
      {
        serviceNo: SECOND,
        product: "MOBILE",
        startedOn: "2026-03-10",
        monthsHeld: 8,
        billedFen: 0,
        averageMonthlyFen: 0,
        reason: "Held since 2026-03-10; no bill of the last 8 months charged it, under 1,000 fen a month.",
      },
    ]);
  });

  it("splits each bill evenly over the lines it charges, and finds the lines whose share is under the level", () => {
    // 1,500 fen a month over three lines: 500 each.
    const bills = monthlyBills(12, () => 1_500, undefined, { serviceNos: [MOBILE, BROADBAND, SECOND] });
    const facts = makeFacts({ billing: { bills, services: [service(MOBILE, "MOBILE"), service(BROADBAND, "BROADBAND"), service(SECOND, "MOBILE")] } });
    const lines = littleUsedLines(facts, model);
    expect(lines.map((l) => [l.serviceNo, l.monthsHeld, l.billedFen, l.averageMonthlyFen])).toEqual([
      [SECOND, 12, 6_000, 500],
      [BROADBAND, 12, 6_000, 500],
      [MOBILE, 12, 6_000, 500],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    expect(lines[0]?.reason).toMatch(/its share of the bills of the last 12 months is 6,000 fen, 500 fen a month, under 1,000 fen a month\.$/);
  });

  it("leaves out lines held too briefly, barred or removed, and bills outside the window", () => {
    const facts = makeFacts({
      billing: {
        bills: [bill("2024-01", { amountFen: 900_000, serviceNos: [SECOND] }), ...monthlyBills(12)],
        services: [
          service(MOBILE, "MOBILE"),
          service(BROADBAND, "BROADBAND"),
          service(SECOND, "MOBILE", { startedOn: "2026-06-01" }),
          service("13300000003", "MOBILE", { barring: "SINGLE" }),
          service("13300000004", "MOBILE", { status: "REMOVED" }),
          service("13300000005", "MOBILE", { startedOn: "2019-01-01" }),
        ],
      },
    });
    expect(littleUsedLines(facts, model).map((l) => l.serviceNo)).toEqual(["13300000005"]);
  });
});
