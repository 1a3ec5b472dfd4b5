import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../../sandbox/schema/names.js";
import { withDeadline } from "../deadline.js";
import { isCutByDeadline } from "./policies/timeout.js";
import { RoundTripCounter } from "./round-trips.js";
import { SqlSource, withoutJit } from "./sql.js";
import { UNREACHABLE_DATABASE, rejection, testPolicies } from "./testing.js";

const sandbox = inject("sandbox");
const schema = schemaNames(sandbox.schemaPrefix).billing;
const counter = new RoundTripCounter();
let source: SqlSource;

const sourceAt = (connectionString: string) => new SqlSource({ system: "billing", connectionString, schema, counter, resilience: testPolicies() });

beforeAll(() => {
  source = sourceAt(sandbox.databaseUrl);
});

afterAll(async () => {
  await source.close();
});

describe("SqlSource", () => {
  it("answers a query in one round trip", async () => {
    counter.reset();
    expect(await source.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}."ACCT" WHERE "ACCT_ID" < 0`)).toEqual([{ n: 0 }]);
    expect(counter.get("billing")).toBe(1);
  });

  it.each([
    ["a syntax error", "SELEC 1", "42601"],
    ["a missing table", `SELECT * FROM ${schema}."NO_SUCH_TABLE"`, "42P01"],
    ["an unknown column", `SELECT "NO_SUCH_COLUMN" FROM ${schema}."ACCT"`, "42703"],
    ["a bad cast", "SELECT 'x'::int", "22P02"],
  ])("reports %s as INTERNAL, tried once, leaving the breaker closed", async (_, text, sqlState) => {
    counter.reset();
    const errors = [];
    for (let i = 0; i < 4; i++) errors.push(await rejection(source.query(text)));
    expect(errors.map((error) => error.code)).toEqual(["INTERNAL", "INTERNAL", "INTERNAL", "INTERNAL"]);
    expect(errors[0]?.message).toContain(`SQLSTATE ${sqlState}`);
    expect(counter.get("billing")).toBe(4);
    expect(source.health()).toEqual({ system: "billing", breaker: "closed" });
  });

  it("fails a query under a nearly spent deadline with SOURCE_TIMEOUT, without a round trip", async () => {
    counter.reset();
    const error = await rejection(withDeadline(Date.now() + 5, () => source.query("SELECT 1")));
    expect(error.code).toBe("SOURCE_TIMEOUT");
    expect(counter.get("billing")).toBe(0);
  });

  it("gives a query no more time than the request's deadline leaves", async () => {
    counter.reset();
    const error = await rejection(withDeadline(Date.now() + 200, () => source.query("SELECT pg_sleep(0.4)")));
    expect(error.code).toBe("SOURCE_TIMEOUT");
    expect(isCutByDeadline(error)).toBe(true);
    expect(counter.get("billing")).toBe(1);
  });

  it("runs its sessions with jit off where the server can JIT-compile", async () => {
    // What the billing and key-account adapters' pools run with. The embedded PGlite has no JIT and ignores startup options.
    const [session] = await source.query<{ jit: string; available: boolean }>(`SELECT current_setting('jit') AS jit, pg_jit_available() AS available`);
    expect(session?.available ? session.jit : "off").toBe("off");
  });
});

describe("withoutJit", () => {
  it("adds jit=off to the options an address gives, once", () => {
    const url = withoutJit("postgres://u@db:5432/x?sslmode=disable&options=-c%20statement_timeout%3D5000");
    expect(new URL(url).searchParams.get("options")).toBe("-c statement_timeout=5000 -c jit=off");
    expect(new URL(url).searchParams.get("sslmode")).toBe("disable");
    expect(withoutJit(url)).toBe(url);
  });
});

describe("SqlSource when the database cannot be reached", () => {
  it("reports a refused connection as SOURCE_UNAVAILABLE after retrying the read, then opens its breaker", async () => {
    const down = sourceAt(UNREACHABLE_DATABASE);
    try {
      counter.reset();
      const error = await rejection(down.query("SELECT 1"));
      expect(error.code).toBe("SOURCE_UNAVAILABLE");
      expect(error.message).toContain("ECONNREFUSED");
      expect(counter.get("billing")).toBe(2);
      await rejection(down.query("SELECT 1"));
      await rejection(down.query("SELECT 1"));
      expect(down.health().breaker).toBe("open");
      counter.reset();
      expect((await rejection(down.query("SELECT 1"))).message).toContain("circuit open");
      expect(counter.get("billing")).toBe(0);
    } finally {
      await down.close();
    }
  });

  it("sends a write once, never again", async () => {
    const down = sourceAt(UNREACHABLE_DATABASE);
    try {
      counter.reset();
      expect((await rejection(down.query("INSERT INTO t VALUES (1)", [], { write: true }))).code).toBe("SOURCE_UNAVAILABLE");
      expect(counter.get("billing")).toBe(1);
    } finally {
      await down.close();
    }
  });
});
