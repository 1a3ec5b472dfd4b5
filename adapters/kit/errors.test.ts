import { describe, expect, it } from "vitest";
import { ADAPTER_ERROR_CODES, AdapterError, isTransient, type AdapterErrorCode } from "./errors.js";

const CODES = Object.keys(ADAPTER_ERROR_CODES) as AdapterErrorCode[];

describe("the adapter error-code registry", () => {
  it("describes every code in one sentence", () => {
    expect(CODES).toEqual(["SOURCE_UNAVAILABLE", "SOURCE_TIMEOUT", "MALFORMED_RECORD", "BAD_USER_INPUT", "CONFLICT", "INTERNAL"]);
    for (const code of CODES) expect(ADAPTER_ERROR_CODES[code].description).toMatch(/^[A-Z].{20,}\.$/);
  });

  it("calls only a system that failed or did not answer transient, and nothing that is not an AdapterError", () => {
    const transient = CODES.filter((code) => isTransient(new AdapterError(code, "billing", "x")));
    expect(transient).toEqual(["SOURCE_UNAVAILABLE", "SOURCE_TIMEOUT"]);
    expect(isTransient(new Error("SOURCE_UNAVAILABLE"))).toBe(false);
  });
});
