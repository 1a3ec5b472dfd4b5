import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../schema/names.js";
import { schemaChecksums } from "./checksum.js";
import { dropSandbox, generateSandbox } from "./generate.js";

const sandbox = inject("sandbox");
const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
afterAll(async () => {
  await pool.end();
  for (const prefix of ["det_a_", "det_b_", "det_c_"]) await dropSandbox(sandbox.databaseUrl, prefix);
});

const base = { databaseUrl: sandbox.databaseUrl, customers: 40, asOf: "2026-11-15", dirtyShare: 0 };

describe("generateSandbox", () => {
  it("gives byte-identical data for the same seed, whatever the chunk size", async () => {
    await generateSandbox({ ...base, seed: 11, schemaPrefix: "det_a_", chunkSize: 7 });
    await generateSandbox({ ...base, seed: 11, schemaPrefix: "det_b_", chunkSize: 1000 });
    const a = await schemaChecksums(pool, Object.values(schemaNames("det_a_")));
    const b = await schemaChecksums(pool, Object.values(schemaNames("det_b_")));
    expect(Object.keys(a)).toHaveLength(34);
    expect(b).toEqual(a);
  });

  it("gives different data for another seed", async () => {
    await generateSandbox({ ...base, seed: 11, schemaPrefix: "det_a_" });
    await generateSandbox({ ...base, seed: 12, schemaPrefix: "det_c_" });
    const a = await schemaChecksums(pool, Object.values(schemaNames("det_a_")));
    const c = await schemaChecksums(pool, Object.values(schemaNames("det_c_")));
    expect(c["tb_cust"]).not.toEqual(a["tb_cust"]);
    expect(c["BILL"]).not.toEqual(a["BILL"]);
  });

  it("rejects a bad customer count, seed or date before touching the database", async () => {
    await expect(generateSandbox({ ...base, customers: 0, seed: 1 })).rejects.toThrow(/customers must be/);
    await expect(generateSandbox({ ...base, seed: -1 })).rejects.toThrow(/seed must be/);
    await expect(generateSandbox({ ...base, seed: 1, asOf: "2026-02-30" })).rejects.toThrow(/not a calendar date/);
  });
});
