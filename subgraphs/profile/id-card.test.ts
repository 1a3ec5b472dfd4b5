import { describe, expect, it } from "vitest";
import { isResidentIdCard, normalisedIdCard } from "./id-card.js";

// The standard's own worked example, and one shaped like the sandbox's (local network 3201 + "01").
const SAMPLE = "11010519491231002X";
const SANDBOX_LIKE = "320101198503070012";

describe("resident ID card", () => {
  it("accepts numbers whose check character matches", () => {
    expect(isResidentIdCard(SAMPLE)).toBe(true);
    const body = SANDBOX_LIKE.slice(0, 17);
    const valid = [..."0123456789X"].map((c) => body + c).filter(isResidentIdCard);
    expect(valid).toHaveLength(1);
  });

  it("refuses a wrong check character, an impossible birth date and other shapes", () => {
    expect(isResidentIdCard(SAMPLE.slice(0, 17) + "1")).toBe(false);
    expect(isResidentIdCard("110105" + "19490230" + "0021")).toBe(false); // 30 February
    expect(isResidentIdCard("110105" + "18991231" + "0021")).toBe(false);
    expect(isResidentIdCard(SAMPLE.toLowerCase())).toBe(false);
    expect(isResidentIdCard("110105194912310")).toBe(false); // the old 15-digit form
    expect(isResidentIdCard("91320100123456789X")).toBe(false); // a business licence's credit code
  });

  it("takes the number as people type it", () => {
    expect(normalisedIdCard(" 110105 19491231 002x ")).toBe(SAMPLE);
  });
});
