import type { HTTPGraphQLRequest } from "@apollo/server";
import { getOperationAST, parse } from "graphql";

/**
 * GraphQL over HTTP details Apollo Server leaves to its host. A request whose GraphQL could not run
 * (unparsable document, invalid against the schema, bad variables, over a limit, not registered) is still a
 * well-formed HTTP request: a legacy `application/json` client gets 200 with the errors, as the spec
 * says, while `application/graphql-response+json` keeps the 4xx that tells it nothing ran.
 */
const DOCUMENT_FAILURES = new Set(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "QUERY_TOO_COMPLEX", "OPERATION_RESOLUTION_FAILURE", "OPERATION_NOT_REGISTERED"]);

export function legacyJsonStatus(status: number, contentType: string | undefined, body: string): number {
  if (status !== 400 || !contentType?.startsWith("application/json")) return status;
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    const codes = (parsed.errors ?? []).map((e) => e.extensions?.code);
    return codes.length > 0 && codes.every((c) => typeof c === "string" && DOCUMENT_FAILURES.has(c)) ? 200 : status;
  } catch {
    return status;
  }
}

/** A GET that would run a mutation: the spec requires 405, whether or not the schema has mutations. */
export function refusesGetMutation(request: HTTPGraphQLRequest): boolean {
  if (request.method !== "GET") return false;
  const params = new URLSearchParams(request.search);
  const query = params.get("query");
  if (!query) return false;
  try {
    const operation = getOperationAST(parse(query), params.get("operationName") ?? undefined);
    return operation != null && operation.operation !== "query";
  } catch {
    return false;
  }
}
