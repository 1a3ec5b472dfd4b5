import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ephemeralSecrets } from "../../stack/dev-secrets.js";
import { mintToken } from "../../stack/dev-token.js";
import { startPinned, type PinnedChild } from "../gateways/child.js";
import { runLoad } from "../gateways/load.js";
import { commitLabel, machineLabel, pinSelf } from "../gateways/machine.js";
import { rssBytes } from "../gateways/proc.js";
import { buildCatalogue } from "../gateways/synthetic/data.js";
import { BENCH_QUERY, benchVariables } from "../gateways/synthetic/query.js";
import { syntheticSubgraphs } from "../gateways/synthetic/subgraphs.js";
import { composeSynthetic } from "../gateways/synthetic/supergraph.js";

export interface SoakOptions {
  minutes: number;
  /** Seconds between memory readings: the load runs in windows of this length. */
  sampleSeconds: number;
  connections: number;
}

export interface SoakSample {
  atSeconds: number;
  rssBytes: number;
  rps: number;
  errors: number;
}

const CONTENDER_MAIN = fileURLToPath(new URL("../gateways/contenders/main.ts", import.meta.url));
const SUBGRAPHS_MAIN = fileURLToPath(new URL("../gateways/synthetic/main.ts", import.meta.url));
const progress = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Our gateway under steady load for `minutes` (workload (a)'s synthetic subgraphs and query, a different
 * offset on every request), its resident memory read from outside after each window: does it stay flat?
 * Returns the markdown report.
 */
export async function benchSoak(options: SoakOptions): Promise<string> {
  pinSelf("1");
  const secrets = ephemeralSecrets();
  const token = await mintToken(secrets.jwtSecret, { roles: ["architect"], region: "HQ" });
  const dir = mkdtempSync(join(tmpdir(), "bench-soak-"));
  let subgraphs: PinnedChild | undefined;
  let gateway: PinnedChild | undefined;
  const samples: SoakSample[] = [];
  try {
    subgraphs = await startPinned(SUBGRAPHS_MAIN, { cpus: "1" });
    const supergraphPath = join(dir, "supergraph.graphql");
    writeFileSync(supergraphPath, composeSynthetic(syntheticSubgraphs(buildCatalogue()), subgraphs.ready.urls ?? {}));
    gateway = await startPinned(CONTENDER_MAIN, { cpus: "0", args: ["ours", supergraphPath], env: { BENCH_JWT_SECRET: secrets.jwtSecret, BENCH_SIGNING_SECRET: secrets.signingSecret } });
    samples.push({ atSeconds: 0, rssBytes: rssBytes(gateway.pid), rps: 0, errors: 0 });
    const windows = Math.max(1, Math.round((options.minutes * 60) / options.sampleSeconds));
    for (let w = 1; w <= windows; w++) {
      const load = await runLoad({
        url: gateway.ready.url,
        headers: { authorization: `Bearer ${token}` },
        body: (n) => JSON.stringify({ query: BENCH_QUERY, variables: benchVariables(n) }),
        connections: options.connections,
        durationSeconds: options.sampleSeconds,
      });
      const sample = { atSeconds: w * options.sampleSeconds, rssBytes: rssBytes(gateway.pid), rps: load.rps, errors: load.errors + load.non2xx + load.graphqlErrors };
      samples.push(sample);
      progress(`soak ${formatClock(sample.atSeconds)}: ${mib(sample.rssBytes)} MiB, ${sample.rps.toFixed(0)} rps, ${sample.errors} errors`);
    }
  } finally {
    await gateway?.stop();
    await subgraphs?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return formatSoak(samples, options);
}

/**
 * The report: a row per reading, then the mean RSS of each third of the run after its first tenth (the
 * warm-up: compiled code, caches). Single readings swing with the garbage collector; the thirds' means
 * show a trend if there is one.
 */
export function formatSoak(samples: readonly SoakSample[], options: SoakOptions): string {
  const loaded = samples.slice(Math.max(1, Math.round((samples.length - 1) / 10)));
  const third = Math.max(1, Math.floor(loaded.length / 3));
  const parts = [loaded.slice(0, third), loaded.slice(third, 2 * third), loaded.slice(2 * third)].filter((p) => p.length > 0);
  const means = parts.map((part) => ({ from: part[0]!.atSeconds, to: part.at(-1)!.atSeconds, rss: part.reduce((sum, s) => sum + s.rssBytes, 0) / part.length }));
  const peak = Math.max(...samples.map((s) => s.rssBytes));
  const growth = means.at(-1)!.rss - means[0]!.rss;
  const rows = samples.map((s) => `| ${formatClock(s.atSeconds)} | ${mib(s.rssBytes)} | ${s.atSeconds === 0 ? "—" : s.rps.toFixed(0)} | ${s.atSeconds === 0 ? "—" : s.errors} |`);
  return [
    `### Our gateway's memory under ${options.minutes} minutes of load`,
    "",
    `${new Date().toISOString().slice(0, 10)} · commit ${commitLabel()} · ${machineLabel()}`,
    "",
    `Workload (a)'s synthetic subgraphs and 50-entity query, ${options.connections} connections, gateway pinned to cpu 0; RSS read from /proc every ${options.sampleSeconds} s.`,
    "",
    "| time | RSS MiB | RPS in the window | errors |",
    "| --- | ---: | ---: | ---: |",
    ...rows,
    "",
    `Mean RSS by thirds after the warm-up: ${means.map((m) => `${formatClock(m.from)}–${formatClock(m.to)} ${mib(m.rss)} MiB`).join(" · ")}; ` +
      `last third against the first: ${growth >= 0 ? "+" : ""}${mib(growth)} MiB; peak ${mib(peak)} MiB.`,
  ].join("\n");
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function formatClock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, "0")}`;
}
