import type { GraphQLFormattedError } from "graphql";
import { PUBLIC_ERROR_CODES } from "../schema/error-codes.js";

/**
 * The codes consumers may see in `extensions.code` (schema/error-codes.ts). Everything else (a
 * subgraph's unexpected failure, an internal bug) is masked to INTERNAL_SERVER_ERROR with a neutral message.
 */
const PUBLIC_CODES: ReadonlySet<string> = new Set(Object.keys(PUBLIC_ERROR_CODES));

/** Extensions passed through to consumers; the rest (stack traces, subgraph internals) stays inside. */
const PUBLIC_EXTENSIONS = ["code", "source"];

export function maskError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  const code = typeof extensions.code === "string" ? extensions.code : undefined;
  const path = formatted.path ? { path: formatted.path } : {};
  // An internal error keeps its code but never its words, which may name our internals.
  if (code && code !== "INTERNAL_SERVER_ERROR" && PUBLIC_CODES.has(code)) {
    const kept = Object.fromEntries(PUBLIC_EXTENSIONS.filter((k) => k in extensions).map((k) => [k, extensions[k]]));
    return { message: formatted.message, ...path, extensions: kept };
  }
  return { message: "internal error", ...path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}
