import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADAPTER_ERROR_CODES, type AdapterErrorCode } from "../../adapters/errors.js";
import { AdapterError, type SourceSystem } from "../../adapters/kit/errors.js";
import { writeRefusal, writeRefusalMessage, writeThrough } from "./write-errors.js";
import { WRITES, type WriteName } from "./write-scope.js";
import { captureLogs, type CapturedLogs } from "../../tests/support/logs.js";

/**
 * What each owning system says when a key is reused for other data, word for word as the adapters and
 * simulators build it: each names the record the key was first used for.
 */
const CONFLICTS: [WriteName, SourceSystem, string, string[]][] = [
  ["recordPayment", "billing", "idempotency key pay-000123 was already used for payment 9876543 of 5000 fen to 88320100001230", ["9876543", "5000", "88320100001230"]],
  ["recordDunningContact", "billing", "idempotency key dun-000123 was already used for dunning 4455667 of 88320100001230 for 2026-09", ["4455667", "88320100001230", "2026-09"]],
  ["recordVisit", "key-account", "idempotency key visit-0001 was already used for visit 3344 to DK0000000123 on 2026-11-10", ["3344", "DK0000000123", "2026-11-10"]],
  ["openTroubleTicket", "network", "POST /nms/v1/tickets answered HTTP 409 errcode 40901: X-Ext-Ref ticket-0001 already used for ticket GZ202611300000012345", ["GZ202611300000012345", "40901"]],
  ["recordComplaint", "business-hall", "AddComplaint: ClientSerial complaint-01 was already used for complaint TS202611300000001234", ["TS202611300000001234", "ClientSerial"]],
];

let logs: CapturedLogs;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

describe("the public text of a refused write", () => {
  it.each(CONFLICTS)("%s: a key reused for other data is CONFLICT in our words, naming none of the first record", (write, source, legacy, secrets) => {
    const error = writeRefusal(write, new AdapterError("CONFLICT", source, legacy));
    expect(error.extensions).toEqual({ code: "CONFLICT", source });
    expect(error.message).toMatch(/^idempotencyKey was already used for a different /);
    for (const secret of secrets) expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain(legacy);
    // The system's own words, which the operator needs, go to the log.
    expect(logs.lines()[0]?.msg).toContain(legacy.slice(-20));
  });

  it("gives every write a fixed text for every adapter code, the same whatever the system said", () => {
    for (const write of WRITES) {
      for (const code of Object.keys(ADAPTER_ERROR_CODES) as AdapterErrorCode[]) {
        const one = writeRefusal(write, new AdapterError(code, "billing", "customer 320100000001 does not exist"));
        const other = writeRefusal(write, new AdapterError(code, "billing", "something else entirely, account 88320100009999"));
        expect(one.message).toBe(other.message);
        expect(one.message).toBe(writeRefusalMessage(write, code));
        expect(one.message).not.toMatch(/\d{6,}/);
        expect(one.extensions.code).toBe(ADAPTER_ERROR_CODES[code].publicCode);
      }
    }
  });

  it("names the arguments the owning system may refuse, and tells a caller whether resending is safe", () => {
    expect(writeRefusalMessage("recordPayment", "BAD_USER_INPUT")).toContain("accountNo");
    expect(writeRefusalMessage("recordComplaint", "BAD_USER_INPUT")).toMatch(/customerId.*serviceNo/);
    expect(writeRefusalMessage("openTroubleTicket", "BAD_USER_INPUT")).toContain("serviceNo");
    expect(writeRefusalMessage("recordDunningContact", "BAD_USER_INPUT")).toMatch(/accountNo.*month/);
    expect(writeRefusalMessage("recordVisit", "BAD_USER_INPUT")).toMatch(/keyAccountId.*date/);
    for (const code of ["SOURCE_UNAVAILABLE", "SOURCE_TIMEOUT", "MALFORMED_RECORD"] as const) {
      expect(writeRefusalMessage("recordPayment", code)).toContain("same idempotencyKey");
    }
    expect(writeRefusalMessage("recordPayment", "INTERNAL")).toBe("internal error");
  });

  it("keeps personal numbers out of the log line", () => {
    writeRefusal("recordComplaint", new AdapterError("BAD_USER_INPUT", "business-hall", "caller phone 13912345678 on 320100000001"));
    expect(logs.text()).not.toContain("13912345678");
    expect(logs.lines()[0]?.msg).toContain("320100000001");
  });

  it("masks our own mistake as INTERNAL_SERVER_ERROR without a source", () => {
    const error = writeRefusal("recordVisit", new AdapterError("INTERNAL", "key-account", 'column "BFXX" does not exist'));
    expect(error.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
    expect(error.message).toBe("internal error");
  });
});

describe("writeThrough", () => {
  it("passes the written record through, turns a refusal into its public error and lets a bug go on as it is", async () => {
    expect(await writeThrough("recordPayment", async () => "written")).toBe("written");
    const refused = await writeThrough("recordPayment", async () => {
      throw new AdapterError("SOURCE_TIMEOUT", "billing", "no answer within 2500 ms");
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ message: writeRefusalMessage("recordPayment", "SOURCE_TIMEOUT"), extensions: { code: "SOURCE_TIMEOUT", source: "billing" } });
    const bug = new TypeError("undefined is not a function");
    await expect(writeThrough("recordPayment", async () => Promise.reject(bug))).rejects.toBe(bug);
  });
});
