import { describe, expect, it } from "vitest";
import { maskError } from "./errors.js";

describe("maskError", () => {
  it("keeps public codes with their source and drops everything else in extensions", () => {
    const masked = maskError({
      message: "billing is unavailable",
      path: ["customer", "accounts"],
      extensions: { code: "SOURCE_UNAVAILABLE", source: "billing", serviceName: "billing", stacktrace: ["at x"] },
    });
    expect(masked).toEqual({ message: "billing is unavailable", path: ["customer", "accounts"], extensions: { code: "SOURCE_UNAVAILABLE", source: "billing" } });
  });

  it("masks unknown codes and internal errors to a neutral message", () => {
    for (const code of ["INTERNAL_SERVER_ERROR", "SOMETHING_ODD", undefined]) {
      const masked = maskError({ message: 'relation "ACCT" does not exist', extensions: code ? { code } : {} });
      expect(masked).toEqual({ message: "internal error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
    }
  });
});
