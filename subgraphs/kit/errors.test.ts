import { GraphQLError } from "graphql";
import { describe, expect, it, vi } from "vitest";
import { AdapterError } from "../../adapters/kit/errors.js";
import { formatSubgraphError } from "./errors.js";

const formatted = { message: "original", path: ["customer"], extensions: { code: "INTERNAL_SERVER_ERROR" } };

describe("formatSubgraphError", () => {
  it("turns adapter errors into their code and source, without the legacy system's words", () => {
    const error = new AdapterError("SOURCE_UNAVAILABLE", "billing", 'query failed: relation "billing.ACCT" does not exist');
    expect(formatSubgraphError(formatted, error)).toEqual({ message: "billing is unavailable", path: ["customer"], extensions: { code: "SOURCE_UNAVAILABLE", source: "billing" } });
  });

  it("names the malformed record, and passes a caller's input error on as said", () => {
    const malformed = new AdapterError("MALFORMED_RECORD", "key-account", "malformed record DKH_KHXX DK1: KHJB: bad", "DKH_KHXX DK1");
    expect(formatSubgraphError(formatted, malformed).extensions).toEqual({ code: "MALFORMED_RECORD", source: "key-account", record: "DKH_KHXX DK1" });
    const input = new AdapterError("BAD_USER_INPUT", "network", '"x" is not a service number');
    expect(formatSubgraphError(formatted, input).message).toBe('"x" is not a service number');
  });

  it("masks unexpected errors and logs them for the operator", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(formatSubgraphError(formatted, new TypeError("cannot read x of undefined"))).toEqual({ message: "internal error", path: ["customer"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it("keeps GraphQL errors that already carry a public code, minus any stack trace", () => {
    const input = { message: "first must be between 0 and 200", extensions: { code: "BAD_USER_INPUT", stacktrace: ["at y"] } };
    expect(formatSubgraphError(input, new GraphQLError(input.message))).toEqual({ message: input.message, extensions: { code: "BAD_USER_INPUT" } });
  });
});
