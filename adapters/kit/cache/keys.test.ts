import { describe, expect, it } from "vitest";
import { entryKey, writeMarkKey } from "./keys.js";

describe("cache keys", () => {
  it("name the system, the method, its further arguments and the id", () => {
    expect(entryKey("billing", "getAccounts", [], "88000000000001")).toBe("billing:getAccounts:88000000000001");
    expect(entryKey("billing", "getBills", [{ unpaidOnly: true }], "88000000000001")).toBe('billing:getBills[{"unpaidOnly":true}]:88000000000001');
    expect(writeMarkKey("network", "getTroubleTickets", "AD02512345678")).toBe("network:getTroubleTickets!:AD02512345678");
  });

  it("give equal arguments one key: field order, undefined fields and trailing undefined arguments do not count", () => {
    const key = entryKey("billing", "getBills", [{ unpaidOnly: true, lastMonths: 12 }], "a");
    expect(entryKey("billing", "getBills", [{ lastMonths: 12, unpaidOnly: true, since: undefined }], "a")).toBe(key);
    expect(entryKey("billing", "getBills", [{ lastMonths: 12, unpaidOnly: true }, undefined], "a")).toBe(key);
    expect(entryKey("billing", "getBills", [undefined], "a")).toBe(entryKey("billing", "getBills", [], "a"));
  });

  it("give different arguments different keys", () => {
    const keys = [[], [{}], [{ unpaidOnly: true }], [{ unpaidOnly: false }], [{ unpaidOnly: true, lastMonths: 3 }], [{ nested: { a: [1, 2] } }], [{ nested: { a: [2, 1] } }]];
    expect(new Set(keys.map((args) => entryKey("billing", "getBills", args, "a"))).size).toBe(keys.length);
  });

  it("keep a caller's id inside its own method's entries", () => {
    // Unescaped, this id would read getBills' entry of account 880000000001 with { unpaidOnly: true }.
    const forged = entryKey("billing", "getBills", [], '[{"unpaidOnly":true}]:880000000001');
    expect(forged).not.toBe(entryKey("billing", "getBills", [{ unpaidOnly: true }], "880000000001"));
    expect(forged.split(":")).toHaveLength(3);
    expect(writeMarkKey("billing", "getBills", "x:y")).toBe("billing:getBills!:x%3Ay");
  });
});
