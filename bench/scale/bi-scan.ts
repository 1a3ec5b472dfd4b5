import { performance } from "node:perf_hooks";
import pg from "pg";
import { Pool } from "undici";
import { schemaNames } from "../../sandbox/schema/names.js";
import { percentile } from "./load.js";
import { BI_FIRST_PAGE, BI_NEXT_PAGE } from "./queries.js";

export interface ScanOptions {
  url: string;
  token: string;
  /** Stop after this long even if customers remain (the rate is over what was read). */
  seconds: number;
  /** CUSTOMER_ID pages come live from the hall; another order pages through the snapshot. */
  orderField: string;
}

export interface ScanResult {
  partitions: number;
  customers: number;
  /** Customers whose judgementSnapshot was not null. */
  judged: number;
  pages: number;
  seconds: number;
  /** Per-page latency, ms, ascending. */
  pageLatencies: number[];
  errors: number;
  firstError: string | null;
  /** Whether every partition reached its last page. */
  complete: boolean;
}

interface BiPage {
  data?: { customers: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { judgementSnapshot: unknown } | null }[] } | null };
  errors?: unknown[];
}

/** The provinces of the population's customers (the first two digits of the hall's region codes). */
export async function provincesOf(databaseUrl: string, schemaPrefix: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ province: string }>(`SELECT DISTINCT left(region_code, 2) AS province FROM "${schemaNames(schemaPrefix).hall}".tb_region ORDER BY 1`);
    return rows.map((r) => r.province);
  } finally {
    await client.end();
  }
}

/**
 * A BI connector's scan: pages of 1,000 with the judgements the snapshot holds, each after the last
 * page's endCursor, one partition per filter given (all at once, one connection each).
 */
export async function scanCustomers(options: ScanOptions, partitions: readonly (Record<string, unknown> | null)[]): Promise<ScanResult> {
  const origin = new URL(options.url);
  const pool = new Pool(origin.origin, { connections: partitions.length, pipelining: 1 });
  const headers = { "content-type": "application/json", authorization: `Bearer ${options.token}` };
  const orderBy = { field: options.orderField, direction: options.orderField === "CUSTOMER_ID" ? "ASC" : "DESC" };
  const result: ScanResult = { partitions: partitions.length, customers: 0, judged: 0, pages: 0, seconds: 0, pageLatencies: [], errors: 0, firstError: null, complete: true };
  const start = performance.now();
  const end = start + options.seconds * 1000;
  let lastReport = start;
  const scan = async (filter: Record<string, unknown> | null) => {
    let after: string | null = null;
    for (;;) {
      if (performance.now() >= end) {
        result.complete = false;
        return;
      }
      const body = JSON.stringify({ query: after === null ? BI_FIRST_PAGE : BI_NEXT_PAGE, variables: { filter, orderBy, first: 1000, after } });
      const sent = performance.now();
      const response = await pool.request({ method: "POST", path: origin.pathname, headers, body });
      const page = (await response.body.json()) as BiPage;
      result.pageLatencies.push(performance.now() - sent);
      result.pages += 1;
      if (page.errors?.length) {
        result.errors += 1;
        result.firstError ??= JSON.stringify(page.errors[0]).slice(0, 300);
      }
      const connection = page.data?.customers;
      if (!connection) return;
      result.customers += connection.edges.length;
      result.judged += connection.edges.filter((e) => e.node?.judgementSnapshot != null).length;
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        console.error(`scan: ${result.customers.toLocaleString("en")} customers, ${Math.round(result.customers / ((lastReport - start) / 1000)).toLocaleString("en")}/s`);
      }
      if (!connection.pageInfo.hasNextPage) return;
      after = connection.pageInfo.endCursor;
    }
  };
  try {
    await Promise.all(partitions.map(scan));
  } finally {
    await pool.close();
  }
  result.seconds = (performance.now() - start) / 1000;
  result.pageLatencies.sort((a, b) => a - b);
  return result;
}

export const scanFigures = (r: ScanResult) => ({
  rate: r.customers / r.seconds,
  p50: percentile(r.pageLatencies, 50),
  p99: percentile(r.pageLatencies, 99),
});
