import pg from "pg";
import { describe, expect, it } from "vitest";
import { sqlFailure } from "./sql-errors.js";

function databaseError(code: string, message: string): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, "error");
  error.code = code;
  return error;
}

describe("what a failed query means", () => {
  it.each([
    ["42601", "syntax error at or near \"SELEC\""],
    ["42P01", 'relation "billing.NO_SUCH" does not exist'],
    ["42703", 'column "NO_SUCH" does not exist'],
    ["42501", "permission denied for table ACCT"],
    ["22P02", 'invalid input syntax for type integer: "x"'],
    ["23505", 'duplicate key value violates unique constraint "PAYMENT_pkey"'],
  ])("SQLSTATE %s (%s) is our own mistake: INTERNAL, naming the SQLSTATE", (code, message) => {
    const error = sqlFailure(databaseError(code, message), "billing");
    expect(error.code).toBe("INTERNAL");
    expect(error.message).toContain(`SQLSTATE ${code}`);
    expect(error.source).toBe("billing");
  });

  it.each([
    ["08006", "connection failure"],
    ["57P01", "terminating connection due to administrator command"],
    ["53300", "sorry, too many clients already"],
    ["40P01", "deadlock detected"],
  ])("SQLSTATE %s (%s) is the system failing: SOURCE_UNAVAILABLE", (code, message) => {
    expect(sqlFailure(databaseError(code, message), "key-account").code).toBe("SOURCE_UNAVAILABLE");
  });

  it("a statement the server cancelled for its statement_timeout is SOURCE_TIMEOUT", () => {
    expect(sqlFailure(databaseError("57014", "canceling statement due to statement timeout"), "billing").code).toBe("SOURCE_TIMEOUT");
  });

  it.each([
    ["Query read timeout", "SOURCE_TIMEOUT"],
    ["timeout exceeded when trying to connect", "SOURCE_TIMEOUT"],
    ["Connection terminated due to connection timeout", "SOURCE_TIMEOUT"],
    ["Connection terminated unexpectedly", "SOURCE_UNAVAILABLE"],
    ["connect ECONNREFUSED 127.0.0.1:1", "SOURCE_UNAVAILABLE"],
  ])("the driver's %j is %s", (message, code) => {
    expect(sqlFailure(new Error(message), "billing").code).toBe(code);
  });
});
