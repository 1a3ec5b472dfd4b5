import pg from "pg";
import { schemaNames } from "../../sandbox/schema/names.js";
import { seeded } from "../../adapters/snapshot/fixtures.js";
import { percentile, runLoad } from "./load.js";
import { CUSTOMER_360, CUSTOMER_SMALL } from "./queries.js";

export interface LookupTarget {
  customers: number;
  url: string;
  token: string;
  /** Customer ids to ask for, drawn at random from the population. */
  ids: readonly string[];
}

export interface LookupOptions {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  rounds: number;
}

export interface LookupRow {
  query: "customer 360" | "small";
  connections: number;
  customers: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

const QUERIES = { "customer 360": CUSTOMER_360, small: CUSTOMER_SMALL } as const;

/** `count` customer ids at random (the same for the same seed), for lookups that miss every cache. */
export async function sampleCustomerIds(databaseUrl: string, schemaPrefix: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ cust_no: string }>(`SELECT cust_no FROM "${schemaNames(schemaPrefix).hall}".tb_cust`);
    const random = seeded(11);
    return Array.from({ length: count }, () => rows[Math.floor(random() * rows.length)]!.cust_no);
  } finally {
    await client.end();
  }
}

/**
 * Each query at one and at `connections` connections against every population, the populations taking
 * turns within a round (so a noisy minute costs them alike); each figure is the median over the rounds.
 */
export async function benchLookups(targets: readonly LookupTarget[], options: LookupOptions): Promise<LookupRow[]> {
  const samples = new Map<string, { rps: number; p50: number; p99: number; requests: number; errors: number }[]>();
  const concurrencies = [...new Set([1, options.connections])];
  let offset = 0;
  for (let round = 1; round <= options.rounds; round++) {
    for (const query of Object.keys(QUERIES) as (keyof typeof QUERIES)[]) {
      for (const connections of concurrencies) {
        // Alternate which population goes first.
        const order = round % 2 === 1 ? targets : [...targets].reverse();
        for (const target of order) {
          const start = offset;
          const result = await runLoad({
            url: target.url,
            token: target.token,
            query: QUERIES[query],
            variables: (i) => ({ id: target.ids[(start + i) % target.ids.length] }),
            connections,
            durationMs: options.durationSeconds * 1000,
            warmupMs: options.warmupSeconds * 1000,
          });
          offset += result.requests + 1_000;
          const key = `${query}|${connections}|${target.customers}`;
          const figures = { rps: result.requests / (result.elapsedMs / 1000), p50: percentile(result.latencies, 50), p99: percentile(result.latencies, 99), requests: result.requests, errors: result.errors };
          samples.set(key, [...(samples.get(key) ?? []), figures]);
          console.error(
            `lookup round ${round} ${query} ×${connections} ${target.customers.toLocaleString("en")}: ${figures.rps.toFixed(1)} RPS, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, ${result.errors} errors${result.firstError ? ` (${result.firstError})` : ""}`,
          );
        }
      }
    }
  }
  return [...samples].map(([key, runs]) => {
    const [query, connections, customers] = key.split("|") as [LookupRow["query"], string, string];
    return {
      query,
      connections: Number(connections),
      customers: Number(customers),
      rps: median(runs.map((r) => r.rps)),
      p50: median(runs.map((r) => r.p50)),
      p99: median(runs.map((r) => r.p99)),
      requests: runs.reduce((sum, r) => sum + r.requests, 0),
      errors: runs.reduce((sum, r) => sum + r.errors, 0),
    };
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
