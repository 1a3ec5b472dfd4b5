import { commitLabel, machineLabel } from "../gateways/machine.js";
import { provincesOf, scanCustomers, scanFigures, type ScanResult } from "./bi-scan.js";
import { startScaleGraph, type ScaleGraph } from "./graph.js";
import { benchLookups, sampleCustomerIds, type LookupRow, type LookupTarget } from "./lookup.js";
import type { ScaleOptions } from "./options.js";
import { ensurePopulation, SCALE_AS_OF } from "./populations.js";
import { cpuMs } from "./cpu.js";
import { lookupTable, scanTable, type ScanRun } from "./report.js";
import { ensureSnapshot, type SnapshotState } from "./snapshot-fill.js";

export { parseScaleArgs, SCALE_PARSE_OPTIONS, SCALE_USAGE, type ScaleOptions } from "./options.js";

/** Lookups drawn per population: more than any window asks, so a request rarely repeats a customer. */
const SAMPLE = 50_000;

/**
 * `npm run bench -- scale`: the populations (reused when complete), the graph over each in its own
 * processes, customer lookups at each size, and the BI scan of the largest with its snapshot. Returns
 * the markdown for BENCHMARKS.md.
 */
export async function benchScale(options: ScaleOptions): Promise<string> {
  const header = `${new Date().toISOString().slice(0, 10)} · commit ${commitLabel()} · ${machineLabel()}`;
  const prefixes = new Map<number, string>();
  for (const customers of options.sizes) prefixes.set(customers, (await ensurePopulation(options.databaseUrl, customers)).prefix);
  const sections: string[] = [];

  if (options.parts.includes("lookup")) {
    const graphs: ScaleGraph[] = [];
    try {
      const targets: LookupTarget[] = [];
      for (const [customers, prefix] of prefixes) {
        const graph = await startScaleGraph({ databaseUrl: options.databaseUrl, schemaPrefix: prefix, asOf: SCALE_AS_OF });
        graphs.push(graph);
        targets.push({ customers, url: graph.url, token: graph.token, ids: await sampleCustomerIds(options.databaseUrl, prefix, SAMPLE) });
      }
      const rows: LookupRow[] = await benchLookups(targets, options);
      sections.push(lookupTable(header, rows, options));
    } finally {
      for (const graph of graphs) await graph.close();
    }
  }

  if (options.parts.includes("scan")) {
    const customers = Math.max(...options.sizes);
    const prefix = prefixes.get(customers) as string;
    const fill = options.snapshot === "auto" ? (customers <= 100_000 ? "job" : "made-up") : options.snapshot;
    const snapshot: SnapshotState = await ensureSnapshot(options.databaseUrl, prefix, SCALE_AS_OF, fill);
    const graph = await startScaleGraph({ databaseUrl: options.databaseUrl, schemaPrefix: prefix, asOf: SCALE_AS_OF, cpuProfileDir: options.cpuProfileDir });
    const scans: ScanRun[] = [];
    // CPU each process spent on a scan, per page: steadier than the rate on a shared machine.
    const measured = async (label: string, run: () => Promise<ScanResult>) => {
      const before = { graph: cpuMs(graph.pids.graph), simulators: cpuMs(graph.pids.simulators) };
      const result = await run();
      const perPage = (pid: number, start: number | null) => {
        const end = cpuMs(pid);
        return start === null || end === null || result.pages === 0 ? null : (end - start) / result.pages;
      };
      scans.push({ label, result, graphCpuPerPage: perPage(graph.pids.graph, before.graph), simulatorsCpuPerPage: perPage(graph.pids.simulators, before.simulators) });
    };
    try {
      const scan = { url: graph.url, token: graph.token, seconds: options.scanSeconds, orderField: options.scanOrder };
      console.error(`scan: ${customers.toLocaleString("en")} customers, sequential, order ${options.scanOrder}`);
      await measured("sequential", () => scanCustomers(scan, [null]));
      const provinces = await provincesOf(options.databaseUrl, prefix);
      console.error(`scan: ${customers.toLocaleString("en")} customers, one partition per province (${provinces.join(", ")}) at once`);
      await measured(`${provinces.length} partitions at once (regionCode ${provinces.join(", ")})`, () => scanCustomers(scan, provinces.map((regionCode) => ({ regionCode }))));
    } finally {
      await graph.close();
    }
    for (const { label, result } of scans) {
      const f = scanFigures(result);
      console.error(`scan ${label}: ${result.customers.toLocaleString("en")} customers in ${result.seconds.toFixed(1)} s, ${Math.round(f.rate).toLocaleString("en")}/s, page p50 ${f.p50.toFixed(0)} ms, p99 ${f.p99.toFixed(0)} ms`);
    }
    sections.push(scanTable(header, customers, snapshot, scans, options));
  }
  return sections.join("\n\n");
}
