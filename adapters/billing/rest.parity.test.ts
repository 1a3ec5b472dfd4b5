import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dropSandbox, generateSandbox, type GenerateSummary } from "../../sandbox/generate/generate.js";
import { startModernBillingSimulator, type ModernBillingSimulator } from "../../sandbox/modern-billing/server.js";
import { modernBillingSchema } from "../../sandbox/schema/modern-billing.js";
import { schemaNames } from "../../sandbox/schema/names.js";
import { isAdapterError } from "../kit/errors.js";
import type { OrMalformed } from "../kit/parse.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import type { BillingPort } from "./port.js";
import { BillingRestAdapter } from "./rest.adapter.js";
import { BillingSqlAdapter } from "./sql.adapter.js";

const sandbox = inject("sandbox");
/** A dirty population of this file's own: the modern store is loaded with the legacy rows' dirt too. */
const PREFIX = "rp_";
const b = `"${schemaNames(PREFIX).billing}"`;

let generated: GenerateSummary;
let pool: pg.Pool;
let simulator: ModernBillingSimulator;
let sql: BillingSqlAdapter;
let rest: BillingRestAdapter;
let customers: string[];
let accounts: string[];

beforeAll(async () => {
  generated = await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 400, seed: 21, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0.05 });
  simulator = await startModernBillingSimulator({ databaseUrl: sandbox.databaseUrl, schema: modernBillingSchema(PREFIX), legacySchema: schemaNames(PREFIX).billing });
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  sql = new BillingSqlAdapter({ connectionString: sandbox.databaseUrl, schema: schemaNames(PREFIX).billing, counter: new RoundTripCounter() });
  rest = new BillingRestAdapter({ baseUrl: simulator.url, counter: new RoundTripCounter() });
  customers = ((await pool.query(`SELECT replace("CUST_CODE", '-', '') AS id FROM ${b}."CUST" ORDER BY 1`)).rows as { id: string }[]).map((r) => r.id);
  accounts = ((await pool.query(`SELECT "ACCT_NBR" AS n FROM ${b}."ACCT" ORDER BY 1`)).rows as { n: string }[]).map((r) => r.n);
});

afterAll(async () => {
  await simulator?.close();
  await pool?.query(`DROP SCHEMA IF EXISTS "${modernBillingSchema(PREFIX)}" CASCADE`);
  await pool?.end();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

/** An answer with each error reduced to its code: the records they name are spelled by each system its own way. */
function comparable<V>(found: Map<string, OrMalformed<V>>): Map<string, V | string> {
  return new Map([...found].map(([key, value]) => [key, isAdapterError(value) ? value.code : value]));
}

/** Both adapters' answers to one read of every key, errors by code. */
async function both<V>(read: (port: BillingPort) => Promise<Map<string, OrMalformed<V>>>) {
  const [legacy, modern] = await Promise.all([read(sql), read(rest)]);
  return { legacy: comparable(legacy), modern: comparable(modern) };
}

describe("modern billing over REST against legacy billing over SQL, on a population with dirty rows", () => {
  it("has billing dirt to be read, which costs the facts of its customers in both", async () => {
    expect(generated.dirty.filter((d) => d.system === "billing").length).toBeGreaterThan(2);
    const { legacy } = await both((p) => p.getBillingFacts(customers));
    expect([...legacy.values()].filter((v) => v === "MALFORMED_RECORD").length).toBeGreaterThan(0);
  });

  it.each([
    ["accounts", (p: BillingPort) => p.getAccounts(accounts)],
    ["bills", (p: BillingPort) => p.getBills(accounts)],
    ["services by account", (p: BillingPort) => p.getServicesByAccount(accounts)],
    ["account facts", (p: BillingPort) => p.getAccountFacts(accounts)],
    ["fee trends", (p: BillingPort) => p.getFeeTrends(accounts)],
  ])("answers the %s of every account alike, failing the same accounts", async (_, read) => {
    const { legacy, modern } = await both(read as (p: BillingPort) => Promise<Map<string, OrMalformed<unknown>>>);
    expect(modern).toEqual(legacy);
  });

  it.each([
    ["accounts", (p: BillingPort) => p.getAccountsByCustomer(customers)],
    ["services", (p: BillingPort) => p.getServicesByCustomer(customers)],
    ["suspensions", (p: BillingPort) => p.getSuspensionsByCustomer(customers)],
    ["billing facts", (p: BillingPort) => p.getBillingFacts(customers)],
    ["billing facts as of a year ago", (p: BillingPort) => p.getBillingFacts(customers, { asOf: `${Number(sandbox.asOf.slice(0, 4)) - 1}${sandbox.asOf.slice(4)}` })],
  ])("answers the %s of every customer alike, failing the same customers", async (_, read) => {
    const { legacy, modern } = await both(read as (p: BillingPort) => Promise<Map<string, OrMalformed<unknown>>>);
    expect(modern).toEqual(legacy);
  });
});
