import { describe, expect, it } from "vitest";
import { count, fen, num, percent, signedPercent } from "./format.js";

describe("numbers in reasons", () => {
  it("groups thousands and keeps at most two decimals", () => {
    expect(num(1_234_567)).toBe("1,234,567");
    expect(num(-1_500)).toBe("-1,500");
    expect(num(66.666)).toBe("66.67");
    expect(num(0.001)).toBe("0");
    expect(num(-0.001)).toBe("0");
    expect(num(-999.994)).toBe("-999.99");
    expect(num(999.996)).toBe("1,000");
    expect(fen(999_999)).toBe("999,999 fen");
  });

  it("signs percentages and counts with plurals", () => {
    expect(percent(0.2)).toBe("20%");
    expect(signedPercent(0.015)).toBe("+1.5%");
    expect(signedPercent(-0.02)).toBe("-2%");
    expect(signedPercent(0.00001)).toBe("0%");
    expect(signedPercent(-0.00001)).toBe("0%");
    expect(count(1, "bill")).toBe("1 bill");
    expect(count(1_200, "day")).toBe("1,200 days");
  });
});
