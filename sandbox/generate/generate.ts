import pg from "pg";
import { withClient } from "../db/connect.js";
import { billingIndexes, billingTables } from "../schema/billing.js";
import { modernBillingSchema } from "../schema/modern-billing.js";
import { callCentreIndexes, callCentreTables } from "../schema/call-centre.js";
import { hallIndexes, hallTables } from "../schema/hall.js";
import { keyAccountIndexes, keyAccountTables } from "../schema/key-account.js";
import { schemaNames, type SchemaNames } from "../schema/names.js";
import { networkIndexes, networkTables } from "../schema/network.js";
import { BulkLoader } from "./bulk-loader.js";
import { emitCollectSites } from "./collect-site-rows.js";
import { emitCustomer } from "./customer-rows.js";
import { dayOf, monthOf } from "./dates.js";
import { CustomerRows, DEFAULT_DIRTY_SHARE, MAX_DIRTY_SHARE, type DirtyRow } from "./dirt.js";
import { emitHallRegions } from "./hall-rows.js";
import { complaintSerial, MAX_CUSTOMERS, MAX_SERVICES, ticketSerial } from "./ids.js";
import { emitManagers, managersPerRegion } from "./key-account-rows.js";
import { emitOfferCatalogue } from "./offer-catalogue.js";
import type { World } from "./plan.js";

export interface GenerateOptions {
  databaseUrl: string;
  customers: number;
  seed: number;
  /** Reference date YYYY-MM-DD: bills, payments and arrears ages are laid out up to it. */
  asOf: string;
  schemaPrefix?: string;
  /**
   * Share of customers with one dirty row, of the kinds real legacy data has (dirt.ts); 0 to
   * MAX_DIRTY_SHARE, DEFAULT_DIRTY_SHARE when not given. Tests that compare the graph with the tables ask for 0.
   */
  dirtyShare?: number;
  /** Customers generated between two writes to the database. */
  chunkSize?: number;
  onProgress?: (progress: GenerateProgress) => void;
}

export interface GenerateProgress {
  phase: "schema" | "rows" | "indexes" | "done";
  customersDone: number;
  customersTotal: number;
  rows: number;
  elapsedMs: number;
}

export interface GenerateSummary {
  schemas: SchemaNames;
  customers: number;
  seed: number;
  asOf: string;
  rowsByTable: Record<string, number>;
  totalRows: number;
  dirtyShare: number;
  /** The rows spoiled, in customer order. */
  dirty: DirtyRow[];
  elapsedMs: number;
}

/**
 * Fills the four legacy stores with one consistent, deterministic population: the same seed,
 * count and as-of date always give byte-identical data. Existing data in the target schemas is replaced.
 */
export async function generateSandbox(options: GenerateOptions): Promise<GenerateSummary> {
  if (!Number.isSafeInteger(options.customers) || options.customers < 1 || options.customers > MAX_CUSTOMERS) {
    throw new Error(`customers must be an integer from 1 to ${MAX_CUSTOMERS} (past that the sandbox's fixed-line numbers run out), got ${options.customers}`);
  }
  if (!Number.isSafeInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
    throw new Error(`seed must be an integer from 0 to 4294967295, got ${options.seed}`);
  }
  const dirtyShare = options.dirtyShare ?? DEFAULT_DIRTY_SHARE;
  if (!(Number.isFinite(dirtyShare) && dirtyShare >= 0 && dirtyShare <= MAX_DIRTY_SHARE)) {
    throw new Error(`dirtyShare must be a number from 0 to ${MAX_DIRTY_SHARE}, got ${dirtyShare}`);
  }
  const asOfDay = dayOf(options.asOf);
  const schemas = schemaNames(options.schemaPrefix);
  const world: World = { seed: options.seed, customers: options.customers, asOfDay, lastCycle: monthOf(asOfDay) - 1 };
  const started = Date.now();
  const report = (phase: GenerateProgress["phase"], customersDone: number, rows: number) =>
    options.onProgress?.({ phase, customersDone, customersTotal: options.customers, rows, elapsedMs: Date.now() - started });

  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
  try {
    report("schema", 0, 0);
    await createSchemas(pool, schemas);
    const loader = await BulkLoader.open(pool, Object.values(schemas));
    const managers = managersPerRegion(world);
    emitHallRegions(loader, schemas.hall);
    emitCollectSites(loader, schemas.billing);
    emitOfferCatalogue(world, loader, schemas.billing);
    emitManagers(world, managers, loader, schemas.keyAccount);

    const chunk = options.chunkSize ?? 2_000;
    const dirty: DirtyRow[] = [];
    // Without dirt the rows go straight to the loader and no random number is drawn for it.
    const held = dirtyShare > 0 ? new CustomerRows() : null;
    let pending: Promise<void> = Promise.resolve();
    for (let first = 1; first <= options.customers; first += chunk) {
      const last = Math.min(options.customers, first + chunk - 1);
      for (let index = first; index <= last; index++) {
        const { plan, rng } = emitCustomer(world, index, managers, held ?? loader, schemas);
        const dirt = held?.flushInto(loader, plan, rng, dirtyShare);
        if (dirt) dirty.push(dirt);
      }
      // Write this chunk while the next one is generated; at most one write in flight.
      await pending;
      pending = loader.flush();
      report("rows", last, loader.totalRows());
    }
    await pending;

    report("indexes", options.customers, loader.totalRows());
    await finishSchemas(pool, schemas, options.customers);
    report("done", options.customers, loader.totalRows());

    const rowsByTable = Object.fromEntries(loader.counts);
    return {
      schemas,
      customers: options.customers,
      seed: options.seed,
      asOf: options.asOf,
      rowsByTable,
      totalRows: loader.totalRows(),
      dirtyShare,
      dirty,
      elapsedMs: Date.now() - started,
    };
  } finally {
    await pool.end();
  }
}

/**
 * Whether a generation into these schemas ran to its end: the key-account sequence is made in the very
 * last step, so a run cut short (Ctrl-C during a long load) does not count as data to start on. Data
 * generated before billing kept write-offs (WRITE_OFF), credit grades set by hand (CREDIT_GRADE_HIS), usage (SERV_USAGE_MONTH) or payment places (COLLECT_SITE), or before the
 * call centre, or before offers (billing's OFFER, the hall's tb_user_offer), is no data to start on either: it is made again.
 */
export async function sandboxIsComplete(databaseUrl: string, schemaPrefix = ""): Promise<boolean> {
  const names = schemaNames(schemaPrefix);
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ found: boolean }>(`SELECT bool_and(to_regclass(name) IS NOT NULL) AS found FROM unnest($1::text[]) name`, [[
      `"${names.keyAccount}"."SEQ_BFBH"`,
      `"${names.billing}"."WRITE_OFF"`,
      `"${names.callCentre}".cc_call`,
      `"${names.billing}"."CREDIT_GRADE_HIS"`,
      `"${names.billing}"."SERV_USAGE_MONTH"`,
      `"${names.billing}"."COLLECT_SITE"`,
      `"${names.billing}"."OFFER"`,
      `"${names.hall}".tb_user_offer`,
    ]]);
    return rows[0]?.found === true;
  });
}

/** Removes a generated sandbox: the five systems' schemas under `schemaPrefix`, and modern billing's store loaded from them. */
export async function dropSandbox(databaseUrl: string, schemaPrefix = ""): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    for (const schema of [...Object.values(schemaNames(schemaPrefix)), modernBillingSchema(schemaPrefix)]) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
}

async function createSchemas(pool: pg.Pool, s: SchemaNames): Promise<void> {
  for (const schema of Object.values(s)) {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"`);
  }
  await pool.query(billingTables(`"${s.billing}"`));
  await pool.query(hallTables(`"${s.hall}"`));
  await pool.query(networkTables(`"${s.network}"`));
  await pool.query(keyAccountTables(`"${s.keyAccount}"`));
  await pool.query(callCentreTables(`"${s.callCentre}"`));
}

/** Indexes after the load (much faster than maintaining them row by row), then sequences for new records. */
async function finishSchemas(pool: pg.Pool, s: SchemaNames, customers: number): Promise<void> {
  await Promise.all([
    pool.query(billingIndexes(`"${s.billing}"`)),
    pool.query(hallIndexes(`"${s.hall}"`)),
    pool.query(networkIndexes(`"${s.network}"`)),
    pool.query(keyAccountIndexes(`"${s.keyAccount}"`)),
    pool.query(callCentreIndexes(`"${s.callCentre}"`)),
  ]);
  // New records written through the simulators get numbers above every generated one.
  await pool.query(`SELECT setval('"${s.billing}"."SEQ_PAYMENT_ID"', (SELECT coalesce(max("PAYMENT_ID"), 0) + 1 FROM "${s.billing}"."PAYMENT"))`);
  await pool.query(`SELECT setval('"${s.billing}"."SEQ_DUNNING_ID"', (SELECT coalesce(max("DUNNING_ID"), 0) + 1 FROM "${s.billing}"."DUNNING"))`);
  await pool.query(`SELECT setval('"${s.billing}"."SEQ_WRITE_OFF_ID"', (SELECT coalesce(max("WRITE_OFF_ID"), 0) + 1 FROM "${s.billing}"."WRITE_OFF"))`);
  await pool.query(`SELECT setval('"${s.billing}"."SEQ_GRADE_HIS_ID"', (SELECT coalesce(max("GRADE_HIS_ID"), 0) + 1 FROM "${s.billing}"."CREDIT_GRADE_HIS"))`);
  await pool.query(`SELECT setval('"${s.hall}".seq_complaint', $1)`, [complaintSerial(customers + 1, 0)]);
  await pool.query(`SELECT setval('"${s.network}".seq_ticket', $1)`, [ticketSerial((customers + 1) * MAX_SERVICES, 0)]);
  await pool.query(`SELECT setval('"${s.keyAccount}"."SEQ_BFBH"', $1)`, [(customers + 1) * 16]);
  for (const schema of Object.values(s)) {
    const { rows } = await pool.query<{ table: string }>(`SELECT tablename AS table FROM pg_tables WHERE schemaname = $1`, [schema]);
    for (const { table } of rows) await pool.query(`ANALYZE "${schema}"."${table}"`);
  }
}
