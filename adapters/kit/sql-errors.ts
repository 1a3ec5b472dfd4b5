import pg from "pg";
import { AdapterError, type AdapterErrorCode, type SourceSystem } from "./errors.js";

/**
 * SQLSTATE classes that mean our statement is wrong, not that the system is sick: 42 syntax error or
 * access rule violation (unknown table 42P01 or column 42703, syntax 42601), 22 data exception and
 * 23 integrity constraint violation raised by what we sent. Retrying cannot help; a person must.
 */
const OUR_MISTAKE = new Set(["42", "22", "23"]);
/** 57014: the server cancelled the statement (statement_timeout). */
const SERVER_TIMEOUT = "57014";

/** What a failed query means, as the AdapterError the adapter raises. */
export function sqlFailure(error: unknown, system: SourceSystem): AdapterError {
  const message = error instanceof Error ? error.message : String(error);
  const code = classify(error, message);
  const sqlState = error instanceof pg.DatabaseError && error.code ? ` (SQLSTATE ${error.code})` : "";
  return new AdapterError(code, system, `query failed: ${message}${sqlState}`, undefined, { cause: error });
}

function classify(error: unknown, message: string): AdapterErrorCode {
  if (error instanceof pg.DatabaseError) {
    const state = error.code ?? "";
    if (OUR_MISTAKE.has(state.slice(0, 2))) return "INTERNAL";
    return state === SERVER_TIMEOUT ? "SOURCE_TIMEOUT" : "SOURCE_UNAVAILABLE";
  }
  // The driver's own: "Query read timeout", "timeout exceeded when trying to connect", "Connection
  // terminated due to connection timeout"; everything else (refused, reset, terminated) is the system down.
  return /timeout/i.test(message) ? "SOURCE_TIMEOUT" : "SOURCE_UNAVAILABLE";
}
