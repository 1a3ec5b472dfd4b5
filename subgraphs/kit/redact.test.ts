import { describe, expect, it } from "vitest";
import { redact } from "./redact.js";

describe("redact", () => {
  it("masks ID-card, bank-card, mobile and fixed-line numbers in a log line", () => {
    const line = "bad row: id 32010219800101045X card 6222021234567890123 mobile 13912340456 line 025-84561234 broadband ad02584561234";
    const out = redact(line);
    for (const secret of ["32010219800101045X", "6222021234567890123", "13912340456", "025-84561234"]) expect(out).not.toContain(secret);
    expect(out).toContain("32**************5X");
    expect(out).toContain("13*******56");
  });

  it("keeps customer and account numbers, which operators need to find the record", () => {
    expect(redact("customer 320100000006 account 88320100000006")).toBe("customer 320100000006 account 88320100000006");
  });
});
