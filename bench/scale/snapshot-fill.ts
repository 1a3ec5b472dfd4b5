import pg from "pg";
import { syntheticRows } from "../../adapters/snapshot/fixtures.js";
import type { SnapshotRow } from "../../adapters/snapshot/port.js";
import { SnapshotSqlStore, snapshotSchemaName } from "../../adapters/snapshot/sql.store.js";
import { schemaNames } from "../../sandbox/schema/names.js";
import { Progress } from "../../tools/snapshot/progress.js";
import { snapshotDatabase } from "../../tools/snapshot/run.js";

/** job: `npm run snapshot`'s job judges every customer; made-up: rows of fixtures.ts under the population's real ids. */
export type SnapshotFill = "job" | "made-up";

export interface SnapshotState {
  rows: number;
  /** How the rows were made, when this run made them; null when a finished snapshot was reused. */
  filled: SnapshotFill | null;
  seconds: number;
}

/** Made-up rows are written this many to a batch (one statement each, as the job writes). */
const BATCH = 5_000;

/**
 * Makes sure the population's snapshot store holds a finished run with a row for (nearly) every customer;
 * a finished store is reused whichever way it was filled.
 */
export async function ensureSnapshot(databaseUrl: string, schemaPrefix: string, asOf: string, fill: SnapshotFill): Promise<SnapshotState> {
  const store = new SnapshotSqlStore({ connectionString: databaseUrl, schema: snapshotSchemaName(schemaPrefix) });
  const started = Date.now();
  try {
    await store.ensureSchema();
    const customers = await countCustomers(databaseUrl, schemaPrefix);
    const existing = (await store.latest()) ? await store.count({}, { regionPrefix: "", customerIds: null }) : 0;
    // The generator's dirty rows leave a few customers unjudged (0.1 %), never more than 1 %.
    if (existing >= customers * 0.99) {
      console.error(`snapshot ${snapshotSchemaName(schemaPrefix)}: ${existing.toLocaleString("en")} rows of a finished run, reused`);
      return { rows: existing, filled: null, seconds: 0 };
    }
    console.error(`snapshot ${snapshotSchemaName(schemaPrefix)}: filling ${customers.toLocaleString("en")} customers (${fill})`);
    if (fill === "job") {
      await snapshotDatabase({ databaseUrl, schemaPrefix, asOf, progress: new Progress(process.stderr) });
    } else {
      await writeMadeUpRows(databaseUrl, schemaPrefix, store, asOf, customers);
    }
    const rows = await store.count({}, { regionPrefix: "", customerIds: null });
    return { rows, filled: fill, seconds: (Date.now() - started) / 1000 };
  } finally {
    await store.close();
  }
}

async function countCustomers(databaseUrl: string, schemaPrefix: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${schemaNames(schemaPrefix).hall}".tb_cust`);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

const KINDS: Record<string, SnapshotRow["kind"]> = { "01": "RESIDENTIAL", "02": "BUSINESS", "03": "INDIVIDUAL_KEY_ACCOUNT", "04": "ENTERPRISE_KEY_ACCOUNT" };

/**
 * One made-up row per hall customer, as a run of the job writes them (so `latest()` and the month rows
 * are as the job leaves them): id, region and kind the hall's, the judgements fixtures.ts's random ones.
 */
async function writeMadeUpRows(databaseUrl: string, schemaPrefix: string, store: SnapshotSqlStore, asOf: string, customers: number): Promise<void> {
  const run = (await store.unfinishedRun(asOf)) ?? (await store.startRun(asOf));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let after = run.lastCustomerId ?? "";
  let read = run.read;
  let last = 0;
  try {
    for (;;) {
      const { rows } = await client.query<{ cust_no: string; region_code: string; cust_type: string }>(
        `SELECT cust_no, region_code, cust_type FROM "${schemaNames(schemaPrefix).hall}".tb_cust WHERE cust_no > $1 ORDER BY cust_no LIMIT ${BATCH}`,
        [after],
      );
      if (rows.length === 0) break;
      const made = syntheticRows(rows.length, { seed: read + 1, asOf });
      const batch = rows.map((hall, i): SnapshotRow => ({ ...(made[i] as SnapshotRow), customerId: hall.cust_no, regionCode: hall.region_code.trim(), kind: KINDS[hall.cust_type] ?? "RESIDENTIAL" }));
      after = rows.at(-1)!.cust_no;
      read += rows.length;
      await store.writeBatch(run.runId, batch, { lastCustomerId: after, read, written: read, unchanged: 0, failed: 0 });
      if (Date.now() - last > 10_000) {
        last = Date.now();
        console.error(`snapshot: ${read.toLocaleString("en")}/${customers.toLocaleString("en")} made-up rows written`);
      }
    }
  } finally {
    await client.end();
  }
  await store.finishRun(run.runId);
}
