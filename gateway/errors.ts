import type { GraphQLFormattedError } from "graphql";

/**
 * The codes consumers may see in `extensions.code`. Everything else (a subgraph's unexpected failure,
 * an internal bug) is masked to INTERNAL_SERVER_ERROR with a neutral message.
 */
export const PUBLIC_ERROR_CODES = new Set([
  "BAD_USER_INPUT",
  "SOURCE_UNAVAILABLE",
  "SOURCE_TIMEOUT",
  "MALFORMED_RECORD",
  "CONFLICT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "QUERY_TOO_COMPLEX",
  "RATE_LIMITED",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

/** Extensions passed through to consumers; the rest (stack traces, subgraph internals) stays inside. */
const PUBLIC_EXTENSIONS = ["code", "source"];

export function maskError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  const code = typeof extensions.code === "string" ? extensions.code : undefined;
  const path = formatted.path ? { path: formatted.path } : {};
  if (code && PUBLIC_ERROR_CODES.has(code)) {
    const kept = Object.fromEntries(PUBLIC_EXTENSIONS.filter((k) => k in extensions).map((k) => [k, extensions[k]]));
    return { message: formatted.message, ...path, extensions: kept };
  }
  return { message: "internal error", ...path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}
