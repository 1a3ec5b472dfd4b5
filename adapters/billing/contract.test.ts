import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { dropSandbox, generateSandbox } from "../../sandbox/generate/generate.js";
import { startModernBillingSimulator, type ModernBillingSimulator } from "../../sandbox/modern-billing/server.js";
import { modernBillingSchema } from "../../sandbox/schema/modern-billing.js";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { UNREACHABLE_DATABASE } from "../kit/testing.js";
import { billingPortContract, type Corruption } from "./contract.testing.js";
import { BillingRestAdapter } from "./rest.adapter.js";
import { BillingSqlAdapter } from "./sql.adapter.js";

const sandbox = inject("sandbox");
/** A population of this file's own: the contract writes and breaks records, which no other file may see. */
const PREFIX = "ct_";
const CUSTOMERS = 200;
const legacySchema = schemaNames(PREFIX).billing;
const modernSchema = modernBillingSchema(PREFIX);
const b = `"${legacySchema}"`;
const m = `"${modernSchema}"`;

let legacy: pg.Pool;
let simulator: ModernBillingSimulator;

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: CUSTOMERS, seed: 13, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  legacy = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  // Loaded before any write: the adapters then start from the same population.
  simulator = await startModernBillingSimulator({ databaseUrl: sandbox.databaseUrl, schema: modernSchema, legacySchema, today: () => sandbox.asOf });
});

afterAll(async () => {
  await simulator?.close();
  await legacy?.query(`DROP SCHEMA IF EXISTS ${m} CASCADE`);
  await legacy?.end();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

/** Sets one column of one row to `value` and gives back the function that puts the old value back. */
async function swap(table: string, column: string, where: string, key: string, value: string): Promise<() => Promise<void>> {
  const { rows } = await legacy.query(`SELECT ${column}::text AS old FROM ${table} WHERE ${where} = $1 LIMIT 1`, [key]);
  const old = (rows[0] as { old: string } | undefined)?.old;
  if (old === undefined) throw new Error(`no row of ${table} where ${where} = ${key}`);
  await legacy.query(`UPDATE ${table} SET ${column} = $2 WHERE ${where} = $1`, [key, value]);
  return async () => {
    await legacy.query(`UPDATE ${table} SET ${column} = $2 WHERE ${where} = $1`, [key, old]);
  };
}

/** The legacy tables' spelling of each break. */
function corruptLegacy(c: Corruption): Promise<() => Promise<void>> {
  switch (c.kind) {
    case "unknown-payment-method":
      return swap(`${b}."ACCT"`, `"PAY_METHOD"`, `"ACCT_NBR"`, c.accountNo, "Z");
    case "impossible-due-date":
      return swap(`${b}."BILL"`, `"DUE_DATE"`, `"BILL_ID"::text`, c.billNo, "20261331");
    case "paid-but-owing":
      return swap(`${b}."BILL"`, `"STATE"`, `"BILL_ID"::text`, c.billNo, "P");
    case "barred-without-barring":
      return swap(`${b}."SERV"`, `"STATE"`, `"ACC_NBR"`, c.serviceNo, "F0T").then(async (mendState) => {
        const mendFlag = await swap(`${b}."SERV"`, `"STOP_FLAG"`, `"ACC_NBR"`, c.serviceNo, "0");
        return async () => {
          await mendFlag();
          await mendState();
        };
      });
    case "unknown-suspension-reason":
      return oneStop(`${b}."SERV_STOP"`, `"STOP_ID"`, `"SERV_ID" = (SELECT "SERV_ID" FROM ${b}."SERV" WHERE "ACC_NBR" = $1)`, c.serviceNo).then((id) =>
        swap(`${b}."SERV_STOP"`, `"STOP_TYPE"`, `"STOP_ID"::text`, id, "7"),
      );
  }
}

/** The key of one suspension of the service, so that one record is broken, not all of the service's. */
async function oneStop(table: string, key: string, ofService: string, serviceNo: string): Promise<string> {
  const { rows } = await legacy.query(`SELECT ${key}::text AS id FROM ${table} WHERE ${ofService} ORDER BY 1 LIMIT 1`, [serviceNo]);
  const id = (rows[0] as { id: string } | undefined)?.id;
  if (id === undefined) throw new Error(`no suspension of ${serviceNo} in ${table}`);
  return id;
}

/** The modern store's spelling of the same breaks. */
function corruptModern(c: Corruption): Promise<() => Promise<void>> {
  switch (c.kind) {
    case "unknown-payment-method":
      return swap(`${m}.accounts`, "payment_method", "account_no", c.accountNo, "CHEQUE");
    case "impossible-due-date":
      return swap(`${m}.bills`, "due_date", "id::text", c.billNo, "2026-13-31");
    case "paid-but-owing":
      return swap(`${m}.bills`, "status", "id::text", c.billNo, "PAID");
    case "barred-without-barring":
      return swap(`${m}.services`, "status", "service_no", c.serviceNo, "BARRED").then(async (mendStatus) => {
        const mendBarring = await swap(`${m}.services`, "barring", "service_no", c.serviceNo, "NONE");
        return async () => {
          await mendBarring();
          await mendStatus();
        };
      });
    case "unknown-suspension-reason":
      return oneStop(`${m}.suspensions`, "id", "service_no = $1", c.serviceNo).then((id) => swap(`${m}.suspensions`, "reason", "id::text", id, "WEATHER"));
  }
}

// The modern adapter first: its writes go to its own store, so the legacy tables stay as generated for its reads.
describe("modern billing over REST", () => {
  billingPortContract("REST", async () => {
    const counter = new RoundTripCounter();
    return {
      adapter: new BillingRestAdapter({ baseUrl: simulator.url, counter }),
      counter,
      legacy,
      b,
      today: sandbox.asOf,
      corrupt: corruptModern,
      unreachable: () => new BillingRestAdapter({ baseUrl: "http://127.0.0.1:1", counter: new RoundTripCounter(), timeoutMs: 2_000 }),
      // Its answers must be the legacy system's for the same population.
      reference: new BillingSqlAdapter({ connectionString: sandbox.databaseUrl, schema: legacySchema, counter: new RoundTripCounter(), today: () => sandbox.asOf }),
    };
  });
});

describe("legacy billing over SQL", () => {
  billingPortContract("SQL", async () => {
    const counter = new RoundTripCounter();
    return {
      adapter: new BillingSqlAdapter({ connectionString: sandbox.databaseUrl, schema: legacySchema, counter, today: () => sandbox.asOf }),
      counter,
      legacy,
      b,
      today: sandbox.asOf,
      corrupt: corruptLegacy,
      unreachable: () => new BillingSqlAdapter({ connectionString: UNREACHABLE_DATABASE, schema: "billing", counter: new RoundTripCounter(), timeoutMs: 2_000 }),
    };
  });
});
