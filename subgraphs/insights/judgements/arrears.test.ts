import { describe, expect, it } from "vitest";
import { loadScoringModel } from "../config.js";
import { assessArrears, splitFen } from "./arrears.js";
import { ACCOUNT, bill, BROADBAND, makeFacts, MOBILE, service } from "./fixtures.js";

const model = loadScoringModel();
const unpaid = (month: string, dueDate: string, amountFen: number, more: Parameters<typeof bill>[1] = {}) =>
  bill(month, { dueDate, amountFen, paidFen: 0, ...more });

describe("arrears", () => {
  it("has nothing to say about a customer who paid everything, yet lists all four buckets", () => {
    const arrears = assessArrears(makeFacts(), model);
    expect(arrears).toMatchObject({ totalFen: 0, oldestDueDate: null, daysOverdue: 0, dunningStage: "NONE", billingBarring: "NONE" });
    expect(arrears.buckets).toEqual([
      { label: "0-30", amountFen: 0 },
      { label: "31-60", amountFen: 0 },
      { label: "61-90", amountFen: 0 },
      { label: "90+", amountFen: 0 },
    ]);
    expect(arrears.byService).toEqual([]);
    expect(arrears.byAccount).toEqual([]);
    expect(arrears.dunningRecord).toEqual({ automaticAttempts: 0, manualAttempts: 0, lastAttemptOn: null });
  });

  it("has no arrears without bills, or with bills not yet due", () => {
    expect(assessArrears(makeFacts({ billing: { bills: [] } }), model).totalFen).toBe(0);
    const notDue = makeFacts({ billing: { bills: [unpaid("2026-10", "2026-11-20", 9_000), unpaid("2026-10", "2026-11-15", 1_000)] } });
    const arrears = assessArrears(notDue, model);
    expect(arrears.totalFen).toBe(0);
    expect(arrears.dunningStage).toBe("NONE");
  });

  it("ages the unpaid remainders into every bucket, edges included", () => {
    const bills = [
      unpaid("2026-10", "2026-11-14", 100),
      unpaid("2026-09", "2026-10-16", 1_000), // 30 days
      unpaid("2026-09", "2026-10-15", 2_000, { billNo: "B31" }), // 31 days
      bill("2026-08", { dueDate: "2026-09-16", amountFen: 5_000, paidFen: 2_000 }), // 60 days, 3,000 left
      unpaid("2026-07", "2026-08-17", 4_000), // 90 days
      unpaid("2026-07", "2026-08-16", 8_000, { billNo: "B91" }), // 91 days
    ];
    const arrears = assessArrears(makeFacts({ billing: { bills } }), model);
    expect(arrears.buckets).toEqual([
      { label: "0-30", amountFen: 1_100 },
      { label: "31-60", amountFen: 5_000 },
      { label: "61-90", amountFen: 4_000 },
      { label: "90+", amountFen: 8_000 },
    ]);
    expect(arrears.totalFen).toBe(18_100);
    expect(arrears.oldestDueDate).toBe("2026-08-16");
    expect(arrears.daysOverdue).toBe(91);
    expect(arrears.dunningStage).toBe("PRE_CANCELLATION");
  });

  it("counts a bill settled only after the reference date as owed in full then, and one settled on that date as paid", () => {
    const bills = [
      bill("2026-09", { dueDate: "2026-10-16", amountFen: 7_000, settlements: [{ on: "2026-11-20", amountFen: 7_000 }] }), // 30 days, settled in full since
      bill("2026-08", { dueDate: "2026-09-16", amountFen: 5_000, paidFen: 2_000, settlements: [{ on: "2026-12-01", amountFen: 2_000 }] }), // 60 days, part settled since
      bill("2026-07", { dueDate: "2026-08-20", amountFen: 9_000, settlements: [{ on: "2026-11-15", amountFen: 9_000 }] }), // settled on the reference date
    ];
    const arrears = assessArrears(makeFacts({ billing: { bills } }), model);
    expect(arrears.buckets).toEqual([
      { label: "0-30", amountFen: 7_000 },
      { label: "31-60", amountFen: 5_000 },
      { label: "61-90", amountFen: 0 },
      { label: "90+", amountFen: 0 },
    ]);
    expect(arrears.totalFen).toBe(12_000);
    expect(arrears.oldestDueDate).toBe("2026-09-16");
    expect(arrears.dunningStage).toBe("FULL_BARRING");
    // Judged as of a later date, the same bills are settled (but for the part still owed).
    expect(assessArrears(makeFacts({ asOf: "2026-12-01", billing: { bills } }), model).totalFen).toBe(3_000);
  });

  it("owes at the reference date only what the write-offs up to then left, the rest settled after it", () => {
    const bills = [
      bill("2026-08", {
        dueDate: "2026-09-16", // 60 days
        amountFen: 8_000,
        settlements: [
          { on: "2026-10-01", amountFen: 3_000 },
          { on: "2026-11-25", amountFen: 5_000 },
        ],
      }),
    ];
    const arrears = assessArrears(makeFacts({ billing: { bills } }), model);
    expect(arrears.totalFen).toBe(5_000);
    expect(arrears.buckets[1]).toEqual({ label: "31-60", amountFen: 5_000 });
    expect(arrears.byAccount).toEqual([{ accountNo: ACCOUNT, amountFen: 5_000 }]);
    // Before the first write-off the whole bill was owed; after the second, nothing.
    expect(assessArrears(makeFacts({ asOf: "2026-09-30", billing: { bills } }), model).totalFen).toBe(8_000);
    expect(assessArrears(makeFacts({ asOf: "2026-11-25", billing: { bills } }), model).totalFen).toBe(0);
  });

  it("counts money paid without a write-off record as paid at any reference date", () => {
    const bills = [
      bill("2026-08", { dueDate: "2026-09-16", amountFen: 6_000, paidFen: 6_000, settlements: [] }),
      // 1,000 paid without a record, 2,000 written off after the reference date, 3,000 still owed now.
      bill("2026-07", { dueDate: "2026-08-20", amountFen: 6_000, paidFen: 3_000, settlements: [{ on: "2026-11-20", amountFen: 2_000 }] }),
    ];
    expect(assessArrears(makeFacts({ billing: { bills } }), model).totalFen).toBe(5_000);
    expect(assessArrears(makeFacts({ asOf: "2026-12-01", billing: { bills } }), model).totalFen).toBe(3_000);
  });

  it("follows the configured dunning ladder by the oldest bill's days overdue", () => {
    const stageAt = (dueDate: string) => assessArrears(makeFacts({ billing: { bills: [unpaid("2026-01", dueDate, 500)] } }), model).dunningStage;
    expect(stageAt("2026-11-14")).toBe("REMINDER");
    expect(stageAt("2026-10-17")).toBe("REMINDER"); // 29 days
    expect(stageAt("2026-10-16")).toBe("PARTIAL_BARRING"); // 30 days
    expect(stageAt("2026-09-16")).toBe("FULL_BARRING"); // 60 days
    expect(stageAt("2026-08-17")).toBe("PRE_CANCELLATION"); // 90 days
    expect(stageAt("2026-05-19")).toBe("WRITE_OFF"); // 180 days
  });

  it("shows billing's barring when it is ahead of the rules, and says so", () => {
    const facts = makeFacts({
      billing: {
        bills: [unpaid("2026-09", "2026-10-06", 7_000)], // 40 days: rules say partial barring
        services: [service(MOBILE, "MOBILE", { status: "BARRED", barring: "DOUBLE" }), service(BROADBAND, "BROADBAND")],
      },
    });
    const arrears = assessArrears(facts, model);
    expect(arrears.billingBarring).toBe("DOUBLE");
    expect(arrears.dunningStage).toBe("FULL_BARRING");
    expect(arrears.stageReason).toBe(
      "7,000 fen overdue, oldest 40 days: rules say PARTIAL_BARRING (from 30 days); billing already applies double barring: FULL_BARRING.",
    );
  });

  it("keeps the rules' stage when billing lags behind them, and says so", () => {
    const facts = makeFacts({
      billing: {
        bills: [unpaid("2026-07", "2026-08-01", 7_000)], // 106 days
        services: [service(MOBILE, "MOBILE", { status: "BARRED", barring: "SINGLE" })],
      },
    });
    const arrears = assessArrears(facts, model);
    expect(arrears.dunningStage).toBe("PRE_CANCELLATION");
    expect(arrears.stageReason).toMatch(/rules say PRE_CANCELLATION \(from 90 days\); billing applies single barring so far\.$/);
  });

  it("does not count a barring for illegal use as dunning", () => {
    const facts = makeFacts({
      billing: {
        bills: [unpaid("2026-10", "2026-11-05", 3_000)],
        services: [service(MOBILE, "MOBILE", { status: "BARRED", barring: "DOUBLE" })],
        suspensions: [{ serviceNo: MOBILE, reason: "ILLEGAL_USE", from: "2026-10-01", until: null }],
      },
    });
    const arrears = assessArrears(facts, model);
    expect(arrears.billingBarring).toBe("NONE");
    expect(arrears.dunningStage).toBe("REMINDER");
  });

  it("reports an arrears barring still in force after the debt is paid", () => {
    const facts = makeFacts({ billing: { suspensions: [{ serviceNo: MOBILE, reason: "ARREARS_SINGLE", from: "2026-10-20", until: null }] } });
    const arrears = assessArrears(facts, model);
    expect(arrears.totalFen).toBe(0);
    expect(arrears.dunningStage).toBe("PARTIAL_BARRING");
    expect(arrears.stageReason).toBe("Nothing overdue, but billing still applies single barring for arrears: PARTIAL_BARRING.");
    const lifted = makeFacts({ billing: { suspensions: [{ serviceNo: MOBILE, reason: "ARREARS_SINGLE", from: "2026-10-20", until: "2026-11-02" }] } });
    expect(assessArrears(lifted, model).dunningStage).toBe("NONE");
  });

  it("splits each bill over its services in whole fen, the odd fen to the first, and sums exactly", () => {
    expect(splitFen(1_001, 3)).toEqual([335, 333, 333]);
    expect(splitFen(2, 3)).toEqual([2, 0, 0]);
    expect(splitFen(999, 1)).toEqual([999]);
    const other = "88025000000002";
    const bills = [
      unpaid("2026-09", "2026-10-20", 1_001, { serviceNos: [MOBILE, BROADBAND, "02588880000"] }),
      unpaid("2026-08", "2026-09-20", 500, { serviceNos: [BROADBAND] }),
      unpaid("2026-08", "2026-09-20", 250, { accountNo: other, serviceNos: [] }),
    ];
    const arrears = assessArrears(makeFacts({ billing: { bills } }), model);
    expect(arrears.byService).toEqual([
      { serviceNo: BROADBAND, amountFen: 833 },
      { serviceNo: MOBILE, amountFen: 335 },
      { serviceNo: "02588880000", amountFen: 333 },
      { serviceNo: null, amountFen: 250 },
    ]);
    expect(arrears.byAccount).toEqual([
      { accountNo: ACCOUNT, amountFen: 1_501 },
      { accountNo: other, amountFen: 250 },
    ]);
    const sum = (rows: { amountFen: number }[]) => rows.reduce((s, r) => s + r.amountFen, 0);
    expect(sum(arrears.byService)).toBe(arrears.totalFen);
    expect(sum(arrears.byAccount)).toBe(arrears.totalFen);
    expect(sum(arrears.buckets)).toBe(arrears.totalFen);
  });

  it("counts the dunning of the bills still owed, up to the reference date", () => {
    const bills = [unpaid("2026-09", "2026-10-20", 4_000), bill("2026-08")];
    const dunning = [
      { accountNo: ACCOUNT, month: "2026-09", method: "AUTOMATIC" as const, attempt: 1, date: "2026-10-23", result: "FAILED" as const },
      { accountNo: ACCOUNT, month: "2026-09", method: "AUTOMATIC" as const, attempt: 2, date: "2026-10-30", result: "REACHED" as const },
      { accountNo: ACCOUNT, month: "2026-09", method: "MANUAL" as const, attempt: 3, date: "2026-11-14", result: "REACHED" as const },
      { accountNo: ACCOUNT, month: "2026-09", method: "MANUAL" as const, attempt: 4, date: "2026-11-20", result: "REACHED" as const },
      { accountNo: ACCOUNT, month: "2026-08", method: "MANUAL" as const, attempt: 1, date: "2026-09-25", result: "REACHED" as const },
    ];
    const arrears = assessArrears(makeFacts({ billing: { bills, dunning } }), model);
    expect(arrears.dunningRecord).toEqual({ automaticAttempts: 2, manualAttempts: 1, lastAttemptOn: "2026-11-14" });
  });
});
