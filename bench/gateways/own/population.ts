import { SnapshotSqlStore, snapshotSchemaName } from "../../../adapters/snapshot/sql.store.js";
import { withClient } from "../../../sandbox/db/connect.js";
import { generateSandbox, sandboxIsComplete } from "../../../sandbox/generate/generate.js";
import { Progress } from "../../../tools/snapshot/progress.js";
import { snapshotDatabase } from "../../../tools/snapshot/run.js";

/** The date the population is laid out to and judged as of: fixed, so a run reuses what an earlier one made. */
export const POPULATION_AS_OF = "2026-11-15";

export interface PopulationOptions {
  databaseUrl: string;
  schemaPrefix: string;
  customers: number;
  seed: number;
  progress: (line: string) => void;
}

/** Which population a schema prefix holds; the generator itself records only that a run finished. */
const markerTable = (prefix: string) => `"${prefix}population"."generated"`;

/**
 * The generated population for the benchmark: kept when the schemas already hold a finished one of the
 * same size, seed and date (and no dirty rows), generated (replacing whatever was there, its snapshot too) otherwise.
 */
export async function ensurePopulation(options: PopulationOptions): Promise<"reused" | "generated"> {
  const wanted = `${options.customers}:${options.seed}:${POPULATION_AS_OF}:clean`;
  if ((await sandboxIsComplete(options.databaseUrl, options.schemaPrefix)) && (await recorded(options)) === wanted) return "reused";
  options.progress(`population: generating ${options.customers.toLocaleString("en")} customers (seed ${options.seed}, as of ${POPULATION_AS_OF}, no dirty rows) into the schemas "${options.schemaPrefix}…"`);
  let last = 0;
  await generateSandbox({
    databaseUrl: options.databaseUrl,
    customers: options.customers,
    seed: options.seed,
    asOf: POPULATION_AS_OF,
    schemaPrefix: options.schemaPrefix,
    // No dirty rows: a customer whose record cannot be read answers with errors, which the load would count as failures.
    dirtyShare: 0,
    onProgress: (p) => {
      if (p.phase === "rows" && Date.now() - last < 5_000) return;
      last = Date.now();
      options.progress(`  ${p.phase} ${p.customersDone.toLocaleString("en")}/${p.customersTotal.toLocaleString("en")}, ${Math.round(p.elapsedMs / 1000)} s`);
    },
  });
  const store = new SnapshotSqlStore({ connectionString: options.databaseUrl, schema: snapshotSchemaName(options.schemaPrefix) });
  await store.dropSchema().finally(() => store.close());
  await withClient(options.databaseUrl, async (client) => {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schemaPrefix}population"`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${markerTable(options.schemaPrefix)} (population text NOT NULL)`);
    await client.query(`DELETE FROM ${markerTable(options.schemaPrefix)}`);
    await client.query(`INSERT INTO ${markerTable(options.schemaPrefix)} (population) VALUES ($1)`, [wanted]);
  });
  return "generated";
}

async function recorded(options: PopulationOptions): Promise<string | null> {
  return withClient(options.databaseUrl, async (client) => {
    const { rows } = await client.query<{ found: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS found`, [markerTable(options.schemaPrefix)]);
    if (!rows[0]?.found) return null;
    const marker = await client.query<{ population: string }>(`SELECT population FROM ${markerTable(options.schemaPrefix)}`);
    return marker.rows[0]?.population ?? null;
  });
}

/** The judgement snapshot the BI page reads: the snapshot job runs when the store has no finished run as of the population's date. */
export async function ensureSnapshot(options: Omit<PopulationOptions, "customers" | "seed">): Promise<"reused" | "made"> {
  const store = new SnapshotSqlStore({ connectionString: options.databaseUrl, schema: snapshotSchemaName(options.schemaPrefix) });
  try {
    await store.ensureSchema();
    if (await store.finishedRun(POPULATION_AS_OF)) return "reused";
  } finally {
    await store.close();
  }
  options.progress(`snapshot: judging every customer as of ${POPULATION_AS_OF} (the BI page reads the snapshot)`);
  await snapshotDatabase({ databaseUrl: options.databaseUrl, schemaPrefix: options.schemaPrefix, asOf: POPULATION_AS_OF, progress: new Progress(process.stderr) });
  return "made";
}
