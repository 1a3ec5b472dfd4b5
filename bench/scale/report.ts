import { scanFigures, type ScanResult } from "./bi-scan.js";
import type { LookupRow } from "./lookup.js";
import type { ScaleOptions } from "./options.js";
import type { SnapshotState } from "./snapshot-fill.js";

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const grouped = (n: number) => Math.round(n).toLocaleString("en");

/** One row per query and load, the sizes side by side, with the largest's ratio to the smallest. */
export function lookupTable(header: string, rows: readonly LookupRow[], options: ScaleOptions): string {
  const sizes = [...new Set(rows.map((r) => r.customers))].sort((a, b) => a - b);
  const smallest = sizes[0] as number;
  const largest = sizes.at(-1) as number;
  const name = (n: number) => grouped(n);
  const head = ["query", "connections", ...sizes.flatMap((s) => [`${name(s)}: RPS`, `p50 ms`, `p99 ms`]), `p50 ${name(largest)} / ${name(smallest)}`, "p99 ratio", "errors"];
  const lines = [`| ${head.join(" | ")} |`, `| ${head.map((_, i) => (i < 2 ? "---" : "---:")).join(" | ")} |`];
  const keys = [...new Set(rows.map((r) => `${r.query}|${r.connections}`))];
  for (const key of keys) {
    const bySize = new Map(rows.filter((r) => `${r.query}|${r.connections}` === key).map((r) => [r.customers, r]));
    const [query, connections] = key.split("|");
    const cells = sizes.flatMap((s) => {
      const r = bySize.get(s);
      return r ? [r.rps.toFixed(1), ms(r.p50), ms(r.p99)] : ["", "", ""];
    });
    const low = bySize.get(smallest);
    const high = bySize.get(largest);
    const ratio = (a?: number, b?: number) => (a && b ? `${(a / b).toFixed(2)}×` : "");
    const errors = [...bySize.values()].reduce((sum, r) => sum + r.errors, 0);
    lines.push(`| ${[query, connections, ...cells, ratio(high?.p50, low?.p50), ratio(high?.p99, low?.p99), String(errors)].join(" | ")} |`);
  }
  const how = `The graph in two processes (the simulated legacy systems; the adapters, subgraphs and gateway), the load from a third; random customers, a different one each request; ${options.warmupSeconds} s warm-up then ${options.durationSeconds} s per window, ${options.rounds} round(s), populations taking turns; each figure the median over the rounds.`;
  return [`### Customer lookups by population size`, "", header, "", how, "", ...lines].join("\n");
}

export interface ScanRun {
  label: string;
  result: ScanResult;
  /** CPU time per page, ms, of the graph's process and of the simulated systems' process; null without /proc. */
  graphCpuPerPage: number | null;
  simulatorsCpuPerPage: number | null;
}

export function scanTable(header: string, customers: number, snapshot: SnapshotState, scans: readonly ScanRun[], options: ScaleOptions): string {
  const filled = snapshot.filled === null ? "a finished snapshot reused" : snapshot.filled === "job" ? `filled by the snapshot job in ${snapshot.seconds.toFixed(0)} s` : `filled with made-up judgement rows under the real customer ids in ${snapshot.seconds.toFixed(0)} s`;
  const head = ["scan", "customers read", "with judgements", "time", "customers/s", "pages", "page p50 ms", "page p99 ms", "graph CPU ms / page", "simulators' CPU ms / page", "pages with errors", "complete"];
  const lines = [`| ${head.join(" | ")} |`, `| --- | ${head.slice(1).map(() => "---:").join(" | ")} |`];
  const cpu = (n: number | null) => (n === null ? "" : n.toFixed(0));
  for (const { label, result, graphCpuPerPage, simulatorsCpuPerPage } of scans) {
    const f = scanFigures(result);
    lines.push(`| ${[label, grouped(result.customers), grouped(result.judged), `${result.seconds.toFixed(1)} s`, grouped(f.rate), String(result.pages), ms(f.p50), ms(f.p99), cpu(graphCpuPerPage), cpu(simulatorsCpuPerPage), String(result.errors), result.complete ? "yes" : `no (stopped at ${options.scanSeconds} s)`].join(" | ")} |`);
  }
  const how = `docs/queries/bi-page.graphql, first 1000, each page after the last one's endCursor (totalCount on the first page only), order ${options.scanOrder}; ${grouped(customers)} customers; snapshot of ${grouped(snapshot.rows)} rows, ${filled}.`;
  return [`### BI scan of ${grouped(customers)} customers with judgements`, "", header, "", how, "", ...lines].join("\n");
}
