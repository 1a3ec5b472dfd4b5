import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { ADAPTER_ERROR_CODES, isAdapterError, type AdapterError } from "../../adapters/errors.js";
import { subgraphLog } from "./telemetry.js";

/** What a consumer may read for each adapter failure: never the legacy system's own words. */
function publicMessage(error: AdapterError): string {
  switch (error.code) {
    case "BAD_USER_INPUT":
      return error.message.replace(/^\[[^\]]+\] /, "");
    case "CONFLICT":
      // Only writes conflict, and they map their refusals themselves (write-errors.ts); a system's own
      // words would name the record a reused key belongs to.
      return `${error.source} refused the write as inconsistent with a record it holds`;
    case "SOURCE_TIMEOUT":
      return `${error.source} did not answer in time`;
    case "SOURCE_UNAVAILABLE":
      return `${error.source} is unavailable`;
    case "MALFORMED_RECORD":
      return `${error.source} returned a record that cannot be read`;
    case "INTERNAL":
      return "internal error";
  }
}

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

/**
 * Apollo Server's formatError for subgraphs: adapter errors become their code (and source); anything
 * else unexpected is masked, since its message may carry internals.
 */
export function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (isAdapterError(original)) {
    // The legacy system's words (and a malformed record's table and key) are for the operator only; the log masks personal numbers.
    if (original.code !== "BAD_USER_INPUT") subgraphLog.error({ code: original.code, source: original.source }, `${original.code} at ${formatted.path?.join(".") ?? ""}: ${original.message}`);
    const { publicCode } = ADAPTER_ERROR_CODES[original.code];
    return {
      message: publicMessage(original),
      ...(formatted.path ? { path: formatted.path } : {}),
      // Our own mistake (a bad query) is masked like any bug, not blamed on the system.
      extensions: original.code === "INTERNAL" ? { code: publicCode } : { code: publicCode, source: original.source },
    };
  }
  const code = formatted.extensions?.code;
  if (code === "INTERNAL_SERVER_ERROR" || code === undefined) {
    // The caller sees a neutral message; the operator needs the real one.
    const detail = original instanceof Error ? (original.stack ?? original.message) : String(original);
    subgraphLog.error(`unexpected error in resolver at ${formatted.path?.join(".") ?? ""}: ${detail}`);
    return { message: "internal error", ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: "INTERNAL_SERVER_ERROR" } };
  }
  const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}
