import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../schema/names.js";
import { schemaChecksums } from "./checksum.js";
import { DIRT_KINDS } from "./dirt.js";
import { dropSandbox, generateSandbox, type GenerateSummary } from "./generate.js";

const sandbox = inject("sandbox");
const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
const PREFIXES = { dirty: "dirt_a_", again: "dirt_b_", clean: "dirt_0_" };
const base = { databaseUrl: sandbox.databaseUrl, customers: 400, seed: 3, asOf: "2026-11-15" };

let dirty: GenerateSummary;
let again: GenerateSummary;
let clean: GenerateSummary;

beforeAll(async () => {
  dirty = await generateSandbox({ ...base, dirtyShare: 0.01, schemaPrefix: PREFIXES.dirty, chunkSize: 37 });
  again = await generateSandbox({ ...base, dirtyShare: 0.01, schemaPrefix: PREFIXES.again });
  clean = await generateSandbox({ ...base, dirtyShare: 0, schemaPrefix: PREFIXES.clean });
});

afterAll(async () => {
  await pool.end();
  for (const prefix of Object.values(PREFIXES)) await dropSandbox(sandbox.databaseUrl, prefix);
});

/** "TABLE key" of every row of `prefix`'s schemas that the clean population does not have, by its first column. */
async function rowsNotInClean(prefix: string): Promise<string[]> {
  const found: string[] = [];
  for (const system of ["billing", "hall", "network", "keyAccount"] as const) {
    const [schema, cleanSchema] = [schemaNames(prefix)[system], schemaNames(PREFIXES.clean)[system]];
    const { rows: tables } = await pool.query<{ table: string }>(`SELECT tablename AS table FROM pg_tables WHERE schemaname = $1`, [schema]);
    for (const { table } of tables) {
      const { rows } = await pool.query<{ key: string }>(
        `SELECT (SELECT value FROM json_each_text(row_to_json(d)) LIMIT 1) AS key
         FROM (SELECT * FROM "${schema}"."${table}" EXCEPT ALL SELECT * FROM "${cleanSchema}"."${table}") d`,
      );
      found.push(...rows.map(({ key }) => `${table} ${key}`));
    }
  }
  return found.sort();
}

describe("generateSandbox: dirty rows", () => {
  it("spoils about the share asked for, with rows of several kinds spread over the systems", () => {
    expect(dirty.dirtyShare).toBe(0.01);
    expect(dirty.dirty.length).toBeGreaterThanOrEqual(2);
    expect(dirty.dirty.length).toBeLessThanOrEqual(12);
    expect(new Set(dirty.dirty.map((row) => row.kind)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(dirty.dirty.map((row) => row.system)).size).toBeGreaterThanOrEqual(2);
    expect(dirty.dirty.every((row) => DIRT_KINDS.includes(row.kind) && /^\d{12}$/.test(row.custNo))).toBe(true);
  });

  it("spoils the same rows for the same seed, whatever the chunk size", async () => {
    expect(again.dirty).toEqual(dirty.dirty);
    const [a, b] = [await schemaChecksums(pool, Object.values(schemaNames(PREFIXES.dirty))), await schemaChecksums(pool, Object.values(schemaNames(PREFIXES.again)))];
    expect(b).toEqual(a);
  });

  it("spoils nothing with share 0; with dirt the population is the clean one but for the rows it names", async () => {
    expect(clean.dirty).toEqual([]);
    expect(dirty.rowsByTable).toEqual(Object.fromEntries(Object.entries(clean.rowsByTable).map(([t, n]) => [t.replace(PREFIXES.clean, PREFIXES.dirty), n])));
    expect(await rowsNotInClean(PREFIXES.dirty)).toEqual(dirty.dirty.map((row) => `${row.table} ${row.key}`).sort());
  });

  it.each([-0.01, 0.06, Number.NaN])("rejects a share of %s before touching the database", async (dirtyShare) => {
    await expect(generateSandbox({ ...base, dirtyShare, schemaPrefix: "dirt_x_" })).rejects.toThrow(/dirtyShare must be a number from 0 to 0.05/);
  });
});
