import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { z } from "zod";
import { describeWriteOff } from "../billing/describe.js";
import { runWriteOff } from "../billing/write-off.js";
import { openDatabase, type SandboxDatabase } from "../db/connect.js";
import { PASSWORD_FILE } from "../db/password.js";
import { DATABASE_USER } from "../db/pglite-auth.js";
import { carrierToday, dayOf } from "../generate/dates.js";
import { schemaNames } from "../schema/names.js";
import { sandboxEnv, type SandboxEnv } from "./env.js";

const USAGE = `Usage: npm run sandbox:write-off -- [--date YYYY-MM-DD] [--schema-prefix P]

Runs the billing system's write-off (销帐) once: payments received since the last run (PAYMENT.STATE N) are
added to their account's balance (and marked W), then every balance is applied to what its account owes,
oldest bill first, one WRITE_OFF row per owed row settled. Prints what it did. sandbox:start and npm start
run it on a timer (SANDBOX_WRITE_OFF_SECONDS); this runs it on demand.

  --date YYYY-MM-DD    the run's date, written to WRITE_OFF_DATE (default: today in UTC+8, the carrier's zone)
  --schema-prefix P    prefix of the schema names, [a-z0-9_]* (default none)

Environment: DATABASE_URL selects a PostgreSQL; without it the embedded PGlite of SANDBOX_DATA_DIR
(default .data/pglite): through the sandbox:start or npm start that serves it on SANDBOX_PG_PORT when one
runs, opened here otherwise.`;

const argsSchema = z.object({
  date: z
    .string()
    .refine(isCalendarDate, "must be a calendar date YYYY-MM-DD")
    .default(() => carrierToday()),
  "schema-prefix": z.string().regex(/^[a-z0-9_]*$/, "must match [a-z0-9_]*").default(""),
});

function main(): Promise<void> | void {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        date: { type: "string" },
        "schema-prefix": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return;
  }
  const args = argsSchema.safeParse(parsed.values);
  if (!args.success) {
    return fail(args.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
  }
  return run(args.data);
}

async function run(args: z.infer<typeof argsSchema>): Promise<void> {
  const env = sandboxEnv();
  const database = await reachDatabase(env);
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  try {
    const schema = schemaNames(args["schema-prefix"]).billing;
    const started = Date.now();
    const counts = await runWriteOff(pool, { schema, date: args.date });
    console.log(`Write-off run of ${args.date} on schema ${schema} in ${Date.now() - started} ms: ${describeWriteOff(counts)}.`);
  } finally {
    await pool.end();
    await database.close();
  }
}

/**
 * The database to run on. The embedded one is served by the sandbox:start or npm start that has it open,
 * when one runs: a second PGlite opened on the same directory would corrupt it.
 */
async function reachDatabase(env: SandboxEnv): Promise<SandboxDatabase> {
  if (!env.DATABASE_URL) {
    const url = await servedEmbedded(env);
    if (url) return { url, embedded: true, close: async () => {} };
  }
  return openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.SANDBOX_DATA_DIR, password: env.SANDBOX_PG_PASSWORD });
}

async function servedEmbedded(env: SandboxEnv): Promise<string | null> {
  const password = env.SANDBOX_PG_PASSWORD ?? (await readFile(join(env.SANDBOX_DATA_DIR, PASSWORD_FILE), "utf8").then((text) => text.trim(), () => ""));
  if (!password) return null;
  const url = `postgres://${DATABASE_USER}:${encodeURIComponent(password)}@127.0.0.1:${env.SANDBOX_PG_PORT}/postgres?sslmode=disable`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch {
    return null;
  }
}

function isCalendarDate(value: string): boolean {
  try {
    dayOf(value);
    return true;
  } catch {
    return false;
  }
}

function fail(message: string): void {
  console.error(`sandbox:write-off: ${message}\n\n${USAGE}`);
  process.exitCode = 2;
}

await Promise.resolve(main()).catch((error: unknown) => {
  console.error(`sandbox:write-off failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
