import { describe, expect, it } from "vitest";
import { compactDate, compactDateOrNone, cycleMonth, isoOfCompactDate, monthOfCycle } from "./values.js";

describe("billing value spellings", () => {
  it("reads YYYYMMDD as an ISO date only when the day exists", () => {
    expect(isoOfCompactDate("20261115")).toBe("2026-11-15");
    expect(isoOfCompactDate("20240229")).toBe("2024-02-29");
    expect(isoOfCompactDate("20230229")).toBeNull();
    expect(isoOfCompactDate("20261340")).toBeNull();
    expect(isoOfCompactDate("20260100")).toBeNull();
    expect(isoOfCompactDate("00000000")).toBeNull();
    expect(isoOfCompactDate("2026-11-15")).toBeNull();
    expect(isoOfCompactDate("2026111")).toBeNull();
  });

  it("treats 00000000 as none only where asked to", () => {
    expect(compactDateOrNone.parse("00000000")).toBeNull();
    expect(compactDateOrNone.parse("20260301")).toBe("2026-03-01");
    expect(compactDateOrNone.safeParse("20260230").success).toBe(false);
    expect(compactDate.safeParse("00000000").success).toBe(false);
  });

  it("reads billing cycles as YYYY-MM", () => {
    expect(monthOfCycle("202611")).toBe("2026-11");
    expect(monthOfCycle("202613")).toBeNull();
    expect(monthOfCycle("202600")).toBeNull();
    expect(cycleMonth.parse("202601")).toBe("2026-01");
  });
});
