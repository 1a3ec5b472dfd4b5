import { describe, expect, it } from "vitest";
import { code, compactDate, compactDateOrNone, cycleMonth, integer, isoOfCompactDate, monthOfCycle } from "./values.js";

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

  it("keeps money exact and refuses what is not a safe integer", () => {
    expect(integer.parse("-1500")).toBe(-1500);
    expect(integer.parse(42)).toBe(42);
    expect(integer.safeParse("12.5").success).toBe(false);
    expect(integer.safeParse("9007199254740993").success).toBe(false);
    expect(integer.safeParse("").success).toBe(false);
  });

  it("maps padded codes and names the unknown ones", () => {
    const state = code({ F0A: "ACTIVE", F0T: "BARRED" });
    expect(state.parse("F0A")).toBe("ACTIVE");
    expect(state.parse("F0T ")).toBe("BARRED");
    const unknown = state.safeParse("F0Z");
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]?.message).toMatch(/unknown code "F0Z"/);
    expect(state.safeParse("toString").success).toBe(false);
  });
});
