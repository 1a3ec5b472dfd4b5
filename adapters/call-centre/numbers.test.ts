import { describe, expect, it } from "vitest";
import { callCentreSpellings, fromCallCentreNumber } from "./numbers.js";
import { localTimeOf } from "./records.js";

describe("the call centre's spelling of calling numbers", () => {
  it("asks for a mobile under both of its spellings, a fixed line under its own, and never for lines that cannot call", () => {
    expect(callCentreSpellings("13312345678")).toEqual(["13312345678", "8613312345678"]);
    expect(callCentreSpellings("02512345678")).toEqual(["02512345678"]);
    expect(callCentreSpellings("057112345678")).toEqual(["057112345678"]);
    expect(callCentreSpellings("AD02512345678")).toEqual([]);
    expect(callCentreSpellings("ZX320100001234")).toEqual([]);
  });

  it("reads every spelling back to the canonical number, and nothing that is no fixed line or mobile", () => {
    expect(fromCallCentreNumber("8613312345678")).toBe("13312345678");
    expect(fromCallCentreNumber("13312345678")).toBe("13312345678");
    expect(fromCallCentreNumber("02512345678")).toBe("02512345678");
    for (const bad of ["025-12345678", "12345678", "86025123456789", "AD02512345678", "ZX320100001234", "", "861331234567"]) expect(fromCallCentreNumber(bad), bad).toBeNull();
  });
});

describe("the call centre's local times", () => {
  it("are the carrier's wall time, written with its offset", () => {
    expect(localTimeOf("20261102093015")).toBe("2026-11-02T09:30:15+08:00");
    expect(localTimeOf("20240229235959")).toBe("2024-02-29T23:59:59+08:00");
  });

  it("refuse impossible dates and times and other spellings", () => {
    for (const bad of ["20260230093015", "20261102243015", "20261102096015", "2026-11-02 09:30:15", "202611020930", ""]) expect(localTimeOf(bad), bad).toBeNull();
  });
});
