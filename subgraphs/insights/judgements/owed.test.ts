import { describe, expect, it } from "vitest";
import { dayNumber } from "./dates.js";
import { bill, randomFacts, seededRandom } from "./fixtures.js";
import { owedFenAt, settledOnAt } from "./owed.js";

const day = dayNumber;

describe("owed and settled at a date", () => {
  // Due 2026-10-20; 3,000 written off before the due date, the other 5,000 after it.
  const twoRuns = bill("2026-09", {
    amountFen: 8_000,
    settlements: [
      { on: "2026-10-10", amountFen: 3_000 },
      { on: "2026-11-25", amountFen: 5_000 },
    ],
  });

  it("owes what the write-offs up to the date left, a write-off on the date itself counting", () => {
    expect(owedFenAt(twoRuns, day("2026-10-09"))).toBe(8_000);
    expect(owedFenAt(twoRuns, day("2026-10-10"))).toBe(5_000);
    expect(owedFenAt(twoRuns, day("2026-11-24"))).toBe(5_000);
    expect(owedFenAt(twoRuns, day("2026-11-25"))).toBe(0);
  });

  it("dates the settlement by the write-off that cleared the bill, and has none while it still owed", () => {
    expect(settledOnAt(twoRuns, day("2026-11-24"))).toBeNull();
    expect(settledOnAt(twoRuns, day("2026-11-25"))).toBe(day("2026-11-25"));
    expect(settledOnAt(twoRuns, day("2027-06-01"))).toBe(day("2026-11-25"));
  });

  it("counts money paid without a write-off record as paid before any date", () => {
    // 2,000 of the 6,000 paid has no record; 4,000 was written off on 2026-11-01.
    const partly = bill("2026-09", { amountFen: 10_000, paidFen: 6_000, settlements: [{ on: "2026-11-01", amountFen: 4_000 }] });
    expect(owedFenAt(partly, day("2026-10-01"))).toBe(8_000);
    expect(owedFenAt(partly, day("2026-11-01"))).toBe(4_000);
    expect(settledOnAt(partly, day("2027-01-01"))).toBeNull();

    const unrecorded = bill("2026-09", { amountFen: 10_000, paidFen: 10_000, settlements: [] });
    expect(owedFenAt(unrecorded, day("2000-01-01"))).toBe(0);
    expect(settledOnAt(unrecorded, day("2000-01-01"))).toBe(Number.NEGATIVE_INFINITY);
    // The unrecorded part and the write-offs together: cleared by the write-off that covered the rest.
    const mixed = bill("2026-09", { amountFen: 10_000, paidFen: 10_000, settlements: [{ on: "2026-10-25", amountFen: 7_000 }] });
    expect(settledOnAt(mixed, day("2026-10-24"))).toBeNull();
    expect(settledOnAt(mixed, day("2026-10-25"))).toBe(day("2026-10-25"));
  });

  it("settles a bill of nothing (or a credit) before any date, and never owes below 0", () => {
    for (const amountFen of [0, -500]) {
      const nothing = bill("2026-09", { amountFen, paidFen: 0, settlements: [] });
      expect(owedFenAt(nothing, day("2026-01-01"))).toBe(0);
      expect(settledOnAt(nothing, day("2026-01-01"))).toBe(Number.NEGATIVE_INFINITY);
    }
    const overpaid = bill("2026-09", { amountFen: 1_000, paidFen: 1_500, settlements: [{ on: "2026-10-01", amountFen: 1_500 }] });
    expect(owedFenAt(overpaid, day("2026-10-01"))).toBe(0);
    expect(settledOnAt(overpaid, day("2026-10-01"))).toBe(day("2026-10-01"));
  });

  it("agrees with itself over generated bills: owed only goes down, is settled exactly when nothing is owed, and ends at what billing owes now", () => {
    const random = seededRandom(11);
    const broken: string[] = [];
    for (let run = 0; run < 100; run++) {
      for (const b of randomFacts(random).billing.bills) {
        let previous = Number.POSITIVE_INFINITY;
        for (let d = day(b.dueDate) - 30; d <= day(b.dueDate) + 120; d += 5) {
          const owed = owedFenAt(b, d);
          if (owed > previous) broken.push(`${b.billNo} owes more on day ${d}`);
          if ((settledOnAt(b, d) === null) !== owed > 0) broken.push(`${b.billNo} settled on day ${d} though owing ${owed}`);
          previous = owed;
        }
        if (owedFenAt(b, day("2100-01-01")) !== Math.max(0, b.amountFen - b.paidFen)) broken.push(`${b.billNo} ends owing other than billing`);
      }
    }
    expect(broken).toEqual([]);
  });
});
