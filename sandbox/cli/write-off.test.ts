import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { billingIndexes, billingTables } from "../schema/billing.js";

const run = promisify(execFile);
const sandbox = inject("sandbox");
/** Bad arguments must be refused before any database is opened: this one cannot be reached. */
const NOWHERE = { ...process.env, DATABASE_URL: "postgres://postgres@db.example.invalid:5432/x" };

async function writeOff(args: string[], env: NodeJS.ProcessEnv = NOWHERE): Promise<{ code: number; stdout: string; stderr: string }> {
  return run("npx", ["tsx", "sandbox/cli/write-off.ts", ...args], { env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe("npm run sandbox:write-off", () => {
  const prefix = `wo_cli_${process.pid}_`;
  const s = `"${prefix}billing"`;
  const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 1 });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await pool.end();
  });

  it("runs once on the schemas under --schema-prefix and prints what it did", async () => {
    await pool.query(`CREATE SCHEMA ${s}; ${billingTables(s)} ${billingIndexes(s)}`);
    await pool.query(`INSERT INTO ${s}."ACCT" VALUES (1, '88000000000001', 1, 'test account', 'C', '', '', 0, 0, 'A', '20260101');
                      INSERT INTO ${s}."BILL" VALUES (10, 1, '202610', 123456, '20261120', 'U');
                      INSERT INTO ${s}."ACCT_ITEM_OWE" VALUES (10, 10, 1, '202610', 123456);
                      INSERT INTO ${s}."PAYMENT" VALUES (1, 1, NULL, 200000, '20261115', 'H', NULL, 'N')`);
    const done = await writeOff(["--date", "2026-11-16", "--schema-prefix", prefix], { ...process.env, DATABASE_URL: sandbox.databaseUrl });
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`Write-off run of 2026-11-16 on schema ${prefix}billing`);
    expect(done.stdout).toContain("1 payments taken up (2,000.00 yuan), 1 write-offs (1,234.56 yuan), 1 bills settled in full, 1 accounts touched");
    expect((await pool.query(`SELECT "WRITE_OFF_DATE" AS date, "AMOUNT" AS amount FROM ${s}."WRITE_OFF"`)).rows).toEqual([{ date: "20261116", amount: "123456" }]);
  });

  it("refuses a date that is no calendar date, naming --date, with exit code 2", async () => {
    const failure = await writeOff(["--date", "2026-02-30"]);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining("--date: must be a calendar date YYYY-MM-DD") });
  });

  it("refuses a bad schema prefix and an unknown option, with exit code 2 and the usage", async () => {
    expect(await writeOff(["--schema-prefix", "Bad-Prefix"])).toMatchObject({ code: 2, stderr: expect.stringContaining("--schema-prefix: must match [a-z0-9_]*") });
    expect(await writeOff(["--customers", "10"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/customers[\s\S]*Usage: npm run sandbox:write-off/) });
  });

  it("explains itself with --help", async () => {
    const help = await writeOff(["--help"]);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining("Usage: npm run sandbox:write-off -- [--date YYYY-MM-DD] [--schema-prefix P]") });
  });
});
