import { GraphQLError } from "graphql";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AdapterError } from "../../adapters/kit/errors.js";
import { captureLogs, type CapturedLogs } from "../../tests/support/logs.js";
import { formatSubgraphError } from "./errors.js";

const formatted = { message: "original", path: ["customer"], extensions: { code: "INTERNAL_SERVER_ERROR" } };

let logs: CapturedLogs;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

describe("formatSubgraphError", () => {
  it("turns adapter errors into their code and source, without the legacy system's words", () => {
    const error = new AdapterError("SOURCE_UNAVAILABLE", "billing", 'query failed: relation "billing.ACCT" does not exist');
    expect(formatSubgraphError(formatted, error)).toEqual({ message: "billing is unavailable", path: ["customer"], extensions: { code: "SOURCE_UNAVAILABLE", source: "billing" } });
  });

  it("keeps a malformed record's table and key for the operator's log, and passes a caller's input error on as said", () => {
    const malformed = new AdapterError("MALFORMED_RECORD", "key-account", "malformed record DKH_KHXX DK1: KHJB: bad", "DKH_KHXX DK1");
    const masked = formatSubgraphError(formatted, malformed);
    expect(masked).toEqual({ message: "key-account returned a record that cannot be read", path: ["customer"], extensions: { code: "MALFORMED_RECORD", source: "key-account" } });
    expect(logs.lines()).toEqual([expect.objectContaining({ level: "error", component: "subgraph", code: "MALFORMED_RECORD", source: "key-account", msg: expect.stringContaining("DKH_KHXX DK1") })]);
    const input = new AdapterError("BAD_USER_INPUT", "network", '"x" is not a service number');
    expect(formatSubgraphError(formatted, input).message).toBe('"x" is not a service number');
  });

  it("masks our own query mistakes (INTERNAL) as INTERNAL_SERVER_ERROR, blaming no system, and logs them", () => {
    const error = new AdapterError("INTERNAL", "billing", 'query failed: relation "billing.NO_SUCH" does not exist (SQLSTATE 42P01)');
    expect(formatSubgraphError(formatted, error)).toEqual({ message: "internal error", path: ["customer"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(logs.lines()[0]?.msg).toContain("42P01");
  });

  it("masks unexpected errors and logs them for the operator", () => {
    expect(formatSubgraphError(formatted, new TypeError("cannot read x of undefined"))).toEqual({ message: "internal error", path: ["customer"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(logs.lines()).toEqual([expect.objectContaining({ level: "error", msg: expect.stringContaining("cannot read x of undefined") })]);
  });

  it("keeps GraphQL errors that already carry a public code, minus any stack trace", () => {
    const input = { message: "first must be between 0 and 200", extensions: { code: "BAD_USER_INPUT", stacktrace: ["at y"] } };
    expect(formatSubgraphError(input, new GraphQLError(input.message))).toEqual({ message: input.message, extensions: { code: "BAD_USER_INPUT" } });
  });
});
