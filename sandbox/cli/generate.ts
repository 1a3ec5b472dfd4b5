import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase } from "../db/connect.js";
import { carrierToday } from "../generate/dates.js";
import { DEFAULT_DIRTY_SHARE, MAX_DIRTY_SHARE } from "../generate/dirt.js";
import { checkRoom } from "../generate/disk-room.js";
import { generateSandbox, type GenerateProgress, type GenerateSummary } from "../generate/generate.js";
import { MAX_CUSTOMERS } from "../generate/ids.js";
import { schemaNames } from "../schema/names.js";
import { sandboxEnv } from "./env.js";

const USAGE = `Usage: npm run sandbox:generate -- [--customers N] [--seed S] [--as-of YYYY-MM-DD] [--schema-prefix P] [--dirty-share X]

Fills the five simulated legacy systems (billing, business hall, network management, key accounts, call centre)
with one consistent, deterministic population. Existing sandbox data in those schemas is replaced.

  --customers N        how many customers (default 1000, at most ${MAX_CUSTOMERS.toLocaleString("en")}: past that the
                       fixed-line numbers, eight digits after the area code, run out); about 23 kB each on disk
  --seed S             random seed (default 1); same seed, count and as-of give byte-identical data
  --as-of YYYY-MM-DD   reference date for bills and arrears ages (default: today in UTC+8, the carrier's zone)
  --schema-prefix P    prefix for the schema names, [a-z0-9_]* (default none)
  --dirty-share X      share of customers given one dirty row as real legacy data has them (impossible dates,
                       unknown codes, negative amounts, dangling links, padded strings), 0 to ${MAX_DIRTY_SHARE}
                       (default ${DEFAULT_DIRTY_SHARE}; 0 for none)

Before it starts it prints an estimate of the rows and disk space, and refuses when the database's disk
evidently lacks the room (checked for the embedded PGlite and for a PostgreSQL on this machine that tells
its data_directory).

Environment: DATABASE_URL selects a PostgreSQL; without it the embedded PGlite in SANDBOX_DATA_DIR
(default .data/pglite) is used.`;

const argsSchema = z.object({
  customers: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_CUSTOMERS, `at most ${MAX_CUSTOMERS.toLocaleString("en")}: past that the sandbox's fixed-line numbers (eight digits after the area code) run out`)
    .default(1000),
  seed: z.coerce.number().int().min(0).max(0xffffffff).default(1),
  "as-of": z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
    .default(() => carrierToday()),
  "schema-prefix": z.string().regex(/^[a-z0-9_]*$/, "must match [a-z0-9_]*").default(""),
  "dirty-share": z.coerce.number().min(0).max(MAX_DIRTY_SHARE).default(DEFAULT_DIRTY_SHARE),
});

function main(): Promise<void> | void {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        customers: { type: "string" },
        seed: { type: "string" },
        "as-of": { type: "string" },
        "schema-prefix": { type: "string" },
        "dirty-share": { type: "string" },
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
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.SANDBOX_DATA_DIR, password: env.SANDBOX_PG_PASSWORD });
  const target = env.DATABASE_URL ? redact(env.DATABASE_URL) : `embedded PGlite in ${env.SANDBOX_DATA_DIR}`;
  try {
    await checkRoom(args.customers, { databaseUrl: database.url, dataDir: env.SANDBOX_DATA_DIR, embedded: database.embedded, schemas: Object.values(schemaNames(args["schema-prefix"])) });
    console.log(`Generating ${args.customers.toLocaleString("en")} customers (seed ${args.seed}, as of ${args["as-of"]}) into ${target}`);
    const summary = await generateSandbox({
      databaseUrl: database.url,
      customers: args.customers,
      seed: args.seed,
      asOf: args["as-of"],
      schemaPrefix: args["schema-prefix"],
      dirtyShare: args["dirty-share"],
      onProgress: progressPrinter(),
    });
    console.log(`Done in ${seconds(summary.elapsedMs)}: ${summary.totalRows.toLocaleString("en")} rows.`);
    for (const [table, rows] of Object.entries(summary.rowsByTable)) console.log(`  ${table.padEnd(28)} ${rows.toLocaleString("en").padStart(14)}`);
    printDirt(summary);
  } finally {
    await database.close();
  }
}

function progressPrinter(): (p: GenerateProgress) => void {
  let lastPrint = 0;
  return (p) => {
    const now = Date.now();
    if (p.phase === "rows" && now - lastPrint < 2_000 && p.customersDone < p.customersTotal) return;
    lastPrint = now;
    if (p.phase === "schema") return console.log("  creating schemas …");
    if (p.phase === "indexes") return console.log(`  all rows written after ${seconds(p.elapsedMs)}; building indexes …`);
    if (p.phase !== "rows") return;
    const share = p.customersDone / p.customersTotal;
    const rate = p.rows / Math.max(1, p.elapsedMs / 1000);
    const eta = share > 0 ? (p.elapsedMs / share) * (1 - share) : 0;
    console.log(
      `  ${p.customersDone.toLocaleString("en")}/${p.customersTotal.toLocaleString("en")} customers (${(share * 100).toFixed(1)}%), ` +
        `${p.rows.toLocaleString("en")} rows, ${Math.round(rate).toLocaleString("en")} rows/s, ETA ${seconds(eta)}`,
    );
  };
}

/** How many rows of each kind were spoiled, so that a developer knows what errors to expect. */
function printDirt({ dirty, dirtyShare }: GenerateSummary): void {
  console.log(`${dirty.length.toLocaleString("en")} dirty rows (share ${dirtyShare}):`);
  const kinds = new Map<string, number>();
  for (const { system, kind } of dirty) kinds.set(`${system} ${kind}`, (kinds.get(`${system} ${kind}`) ?? 0) + 1);
  for (const [kind, rows] of [...kinds].sort()) console.log(`  ${kind.padEnd(42)} ${rows.toLocaleString("en").padStart(8)}`);
}

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

function fail(message: string): void {
  console.error(`sandbox:generate: ${message}\n\n${USAGE}`);
  process.exitCode = 2;
}

await Promise.resolve(main()).catch((error: unknown) => {
  console.error(`sandbox:generate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
