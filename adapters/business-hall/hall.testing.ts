import pg from "pg";
import { afterAll, afterEach, beforeAll, inject } from "vitest";
import { startHallSimulator, type HallSimulator } from "../../sandbox/hall/server.js";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { BusinessHallSoapAdapter } from "./soap.adapter.js";

/** What the hall adapter's tests run against: the hall simulator over the shared sandbox, and its tables read directly. */
export interface HallAdapterFixture {
  /** The hall's schema, for SQL written against its tables. */
  readonly s: string;
  readonly counter: RoundTripCounter;
  /** The hall's tables read directly: what every answer is compared with. */
  sql<Row>(text: string, values?: unknown[]): Promise<Row[]>;
  /** The three below are there once the fixture's beforeAll has run: read them inside a test or hook. */
  readonly simulator: HallSimulator;
  readonly pool: pg.Pool;
  readonly adapter: BusinessHallSoapAdapter;
}

/**
 * Registers the hooks that start the hall simulator, a pool on its tables and a SOAP adapter to it before the file's
 * tests, clear its faults and the round-trip count after each test, and close everything after all. `cleanup` runs
 * after all tests while the pool is still open, for rows the tests wrote.
 */
export function hallAdapterFixture(options: { cleanup?: (hall: HallAdapterFixture) => Promise<unknown> } = {}): HallAdapterFixture {
  const sandbox = inject("sandbox");
  const s = schemaNames(sandbox.schemaPrefix).hall;
  const counter = new RoundTripCounter();
  let simulator: HallSimulator | undefined;
  let pool: pg.Pool | undefined;
  let adapter: BusinessHallSoapAdapter | undefined;

  beforeAll(async () => {
    simulator = await startHallSimulator({ databaseUrl: sandbox.databaseUrl, schema: s, port: 0 });
    pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
    adapter = new BusinessHallSoapAdapter({ baseUrl: simulator.url, counter, timeoutMs: 2_000 });
  });

  afterAll(async () => {
    if (pool !== undefined) await options.cleanup?.(fixture);
    await adapter?.close();
    await simulator?.close();
    await pool?.end();
  });

  afterEach(() => {
    simulator?.faults.clear();
    counter.reset();
  });

  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`the hall fixture's ${name} is there once its beforeAll has run: read it inside a test or hook`);
    return value;
  };
  const fixture: HallAdapterFixture = {
    s,
    counter,
    sql: async <Row>(text: string, values: unknown[] = []) => (await ready(pool, "pool").query(text, values)).rows as Row[],
    get simulator() {
      return ready(simulator, "simulator");
    },
    get pool() {
      return ready(pool, "pool");
    },
    get adapter() {
      return ready(adapter, "adapter");
    },
  };
  return fixture;
}
