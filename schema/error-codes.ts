/**
 * Every code a consumer may find in `extensions.code`, with what it means: the one registry from which
 * the gateway's public list (gateway/errors.ts) and the README's table are derived. The adapters' own
 * registry (adapters/kit/errors.ts) maps onto it; a test keeps the two in step.
 */
export const PUBLIC_ERROR_CODES = {
  UNAUTHENTICATED: "No bearer token, or one that does not verify, has expired or names no usable role (HTTP 401).",
  FORBIDDEN: "Outside the caller's scope: another region, another manager's customer, a role without the right (null at that path).",
  QUERY_TOO_COMPLEX: "Over a query limit (depth, aliases, directives, tokens, cost); refused before any system is called.",
  RATE_LIMITED: "Too many requests for this token's subject in the last minute (HTTP 429, Retry-After).",
  BAD_USER_INPUT: "An argument cannot be valid: a malformed id, a page over its maximum, an unknown cursor.",
  SOURCE_UNAVAILABLE: "A legacy system (or the subgraph serving it) is down, failing or behind an open breaker; `extensions.source` names it.",
  SOURCE_TIMEOUT: "A legacy system (or subgraph) did not answer within the request's deadline; `extensions.source` names it.",
  MALFORMED_RECORD: "A legacy system holds a record that cannot be read; the rest is served; `extensions.source` names it.",
  SNAPSHOT_MISSING: "A list filtered or ordered on judgements, or a segment report, was asked before any judgement snapshot finished: run `npm run snapshot`.",
  CONFLICT: "A write the owning system refused as inconsistent, e.g. an idempotency key reused for other data.",
  GRAPHQL_PARSE_FAILED: "The document is not GraphQL.",
  GRAPHQL_VALIDATION_FAILED: "The document does not fit the schema.",
  BAD_REQUEST: "The HTTP request is not a GraphQL request (no query, a body that is not JSON, a mutation over GET).",
  OPERATION_RESOLUTION_FAILURE: "The document holds several operations and none was named, or the operation named is not in it.",
  PERSISTED_QUERY_NOT_FOUND: "An automatic persisted query's hash is not known yet: send the query with it.",
  PERSISTED_QUERY_NOT_SUPPORTED: "Persisted queries are not accepted here.",
  OPERATION_NOT_REGISTERED: "Safelist mode (`OPERATIONS_SAFELIST=on`): the operation, sent by hash or in full, is not one registered by `npm run operations:register`; refused before any system is called.",
  INTERNAL_SERVER_ERROR: "Our own fault; the message is neutral and the detail is in the operator's log.",
} as const;

export type PublicErrorCode = keyof typeof PUBLIC_ERROR_CODES;

/** The README's table of codes, as `npm run compose` writes it between the error-codes markers. */
export function errorCodesTable(): string {
  const rows = Object.entries(PUBLIC_ERROR_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`);
  return ["| code | meaning |", "| --- | --- |", ...rows].join("\n");
}
