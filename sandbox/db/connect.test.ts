import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSandbox } from "../generate/generate.js";
import { openDatabase, type SandboxDatabase } from "./connect.js";

// Always the embedded engine: this is what the multiplexing has to get right.
let database: SandboxDatabase;
const pools: pg.Pool[] = [];
beforeAll(async () => {
  database = await openDatabase();
});
afterAll(async () => {
  for (const pool of pools) await pool.end();
  await database.close();
});

function pool(): pg.Pool {
  const p = new pg.Pool({ connectionString: database.url, max: 4 });
  pools.push(p);
  return p;
}

describe("embedded PGlite over TCP", () => {
  it("keeps concurrent parameterised statements of many connections apart", async () => {
    const a = pool();
    const b = pool();
    const big = Array.from({ length: 20_000 }, (_, i) => `value-${i}`);
    const work = Array.from({ length: 60 }, (_, i) => {
      const p = i % 2 ? a : b;
      if (i % 3 === 0) return p.query("SELECT $1::int + $2::int AS n", [i, 1]).then((r) => expect(r.rows[0].n).toBe(i + 1));
      if (i % 3 === 1) return p.query("SELECT cardinality($1::text[]) AS n, $2::text AS tag, $3::int AS i", [big, "t", i]).then((r) => expect(r.rows[0]).toEqual({ n: 20_000, tag: "t", i }));
      return p.query("SELECT $1::text || $2::text || $3::text || $4::text AS s", ["a", "b", "c", String(i)]).then((r) => expect(r.rows[0].s).toBe(`abc${i}`));
    });
    await Promise.all(work);
  });

  it("takes a bulk load of several tables at once (large bind messages from parallel connections)", async () => {
    // pglite-socket's own queue fails this with "bind message supplies 5 parameters, but prepared statement requires 6".
    const summary = await generateSandbox({ databaseUrl: database.url, customers: 3_000, seed: 1, asOf: "2026-11-15", schemaPrefix: "mux_", dirtyShare: 0 });
    const { rows } = await pool().query(`SELECT count(*)::int AS n FROM mux_boss.tb_cust`);
    expect(rows[0].n).toBe(3_000);
    expect(summary.rowsByTable["mux_boss.tb_cust"]).toBe(3_000);
  });

  it("gives a transaction the session to itself until it ends", async () => {
    const a = pool();
    const b = pool();
    await a.query("CREATE TABLE tx_probe (n int)");
    const client = await a.connect();
    try {
      await client.query("BEGIN");
      await client.query("INSERT INTO tx_probe VALUES (1)");
      // Another connection's statement waits for the transaction instead of landing inside it.
      const other = b.query("INSERT INTO tx_probe VALUES (2)");
      await client.query("ROLLBACK");
      await other;
    } finally {
      client.release();
    }
    const { rows } = await b.query("SELECT n FROM tx_probe ORDER BY n");
    expect(rows).toEqual([{ n: 2 }]);
  });
});
