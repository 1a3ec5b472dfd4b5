import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { fileURLToPath } from "node:url";
import { ephemeralSecrets } from "../../stack/dev-secrets.js";
import { startPinned, type PinnedChild } from "./child.js";
import { CONTENDER_LABELS, type ContenderName } from "./contenders/contender.js";
import { commitLabel, machineLabel, pinSelf } from "./machine.js";
import { benchOperations, OPERATION_LABELS, pickVariables, type BenchOperation, type OperationName, type Picks } from "./own/operations.js";
import { ensurePopulation, ensureSnapshot, POPULATION_AS_OF } from "./own/population.js";
import { withSubgraphUrls } from "./own/supergraph.js";
import { rssBytes } from "./proc.js";
import { formatReport, type GatewayRow } from "./report.js";
import { measureWindow } from "./window.js";

/** What workloads b and stack share: our own population, the windows, the subgraphs' cache settings. */
export interface OwnGraphBenchOptions {
  databaseUrl: string;
  customers: number;
  seed: number;
  warmupSeconds: number;
  durationSeconds: number;
  connections: number;
  rounds: number;
  caches: ("off" | "on")[];
  cpuProfileDir?: string | undefined;
}

export interface WorkloadBOptions extends OwnGraphBenchOptions {
  gateways: ContenderName[];
  operations: OperationName[];
  latenciesMs: number[];
}

const GATEWAY_CPU = "0";
const REST_CPU = "1";
const SCHEMA_PREFIX = "bench_";
const CONTENDER_MAIN = fileURLToPath(new URL("./contenders/main.ts", import.meta.url));
const SUBGRAPHS_MAIN = fileURLToPath(new URL("./own/subgraphs-main.ts", import.meta.url));
const SUPERGRAPH = fileURLToPath(new URL("../../schema/supergraph.graphql", import.meta.url));
/** Requests each gateway answers one at a time per setting: compared with ours, then fresh ones counted. */
const CHECKED = 3;

const progress = (line: string) => process.stderr.write(`${line}\n`);

interface Contender {
  name: ContenderName;
  child?: PinnedChild;
  failure?: string;
}

/**
 * Workload (b): the gateways in front of our own five subgraphs over a generated population on
 * PostgreSQL. The simulated legacy systems and the subgraphs share one process on the load generator's
 * core; each gateway has its own process on the other. Every (cache, latency, operation) setting is
 * checked first (each gateway's data against ours for the same variables), then measured in
 * interleaved rounds. Returns the markdown report.
 */
export async function benchWorkloadB(options: WorkloadBOptions): Promise<string> {
  // Preparing the data uses the whole machine; the measuring does not.
  await ensurePopulation({ databaseUrl: options.databaseUrl, schemaPrefix: SCHEMA_PREFIX, customers: options.customers, seed: options.seed, progress }).then((how) =>
    progress(`population: ${options.customers.toLocaleString("en")} customers ${how}`),
  );
  if (options.operations.includes("bi")) await ensureSnapshot({ databaseUrl: options.databaseUrl, schemaPrefix: SCHEMA_PREFIX, progress }).then((how) => progress(`snapshot: ${how}`));
  pinSelf(REST_CPU);

  const secrets = ephemeralSecrets();
  const env = { BENCH_JWT_SECRET: secrets.jwtSecret, BENCH_SIGNING_SECRET: secrets.signingSecret };
  const dir = mkdtempSync(join(tmpdir(), "bench-gateways-b-"));
  const rows = new Map<string, GatewayRow>();
  const rowOf = (cache: string, latencyMs: number, operation: OperationName, name: ContenderName) => {
    const group = `${OPERATION_LABELS[operation]} · ${latencyMs} ms · cache ${cache}`;
    const key = `${group}|${name}`;
    if (!rows.has(key)) rows.set(key, { label: CONTENDER_LABELS[name], baseline: name === "apollo", group, rounds: [] });
    return rows.get(key)!;
  };
  let picks: Picks | undefined;
  let operations: Record<OperationName, BenchOperation> | undefined;

  try {
    for (const cache of options.caches) {
      progress(`workload b, cache ${cache}: starting the simulators and our subgraphs (cpu ${REST_CPU})`);
      const subgraphs = await startPinned(SUBGRAPHS_MAIN, {
        cpus: REST_CPU,
        execArgv: options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${join(options.cpuProfileDir, `subgraphs-cache-${cache}`)}`] : [],
        env: { ...env, BENCH_DATABASE_URL: options.databaseUrl, BENCH_SCHEMA_PREFIX: SCHEMA_PREFIX, BENCH_CACHE: cache },
        timeoutMs: 120_000,
      });
      const contenders: Contender[] = options.gateways.map((name) => ({ name }));
      const rss = new Map<ContenderName, number>();
      try {
        picks ??= await pickVariables(subgraphs.ready.url, secrets.jwtSecret, progress, { bi: options.operations.includes("bi") });
        operations ??= await benchOperations(secrets.jwtSecret, picks);
        const supergraphPath = join(dir, `supergraph-${cache}.graphql`);
        writeFileSync(supergraphPath, withSubgraphUrls(readFileSync(SUPERGRAPH, "utf8"), subgraphs.ready.urls ?? {}));
        for (const contender of contenders) {
          progress(`  starting ${contender.name} (cpu ${GATEWAY_CPU})`);
          try {
            const execArgv = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${join(options.cpuProfileDir, `${contender.name}-cache-${cache}`)}`] : [];
            contender.child = await startPinned(CONTENDER_MAIN, { cpus: GATEWAY_CPU, args: [contender.name, supergraphPath], env: { ...env, BENCH_SIGN_SUBGRAPH_REQUESTS: "1" }, execArgv });
            rss.set(contender.name, rssBytes(contender.child.pid));
          } catch (error) {
            contender.failure = `could not start: ${(error as Error).message}`;
            progress(`  ${contender.failure}`);
          }
        }

        for (const latencyMs of options.latenciesMs) {
          await subgraphs.ask({ type: "latency", latencyMs }, "latency-set");
          for (const name of options.operations) {
            const operation = operations[name];
            progress(`  cache ${cache}, ${latencyMs} ms, ${OPERATION_LABELS[name]}: checking the answers`);
            for (const contender of contenders) if (contender.failure) rowOf(cache, latencyMs, name, contender.name).failure = contender.failure;
            const measured = await checkAnswers(contenders, operation, subgraphs, (c) => rowOf(cache, latencyMs, name, c));
            for (let round = 1; round <= options.rounds; round++) {
              for (const contender of measured) {
                const child = contender.child!;
                const load = { url: child.ready.url, headers: {}, body: operation.body, headersFor: operation.headers, connections: options.connections };
                const figures = await measureWindow(load, { gateway: child.pid, subgraphs: subgraphs.pid }, options.warmupSeconds, options.durationSeconds);
                rowOf(cache, latencyMs, name, contender.name).rounds.push(figures);
                progress(
                  `    round ${round}/${options.rounds} ${contender.name}: ${figures.rps.toFixed(1)} rps, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, ` +
                    `cpu ${figures.cpuPercent.toFixed(0)} %, subgraphs' cpu ${figures.subgraphCpuPercent.toFixed(0)} %, errors ${figures.errors}`,
                );
              }
            }
          }
        }
        for (const contender of contenders) {
          if (!contender.child) continue;
          const end = rssBytes(contender.child.pid);
          for (const row of rows.values()) {
            if (row.label !== CONTENDER_LABELS[contender.name] || !row.group?.endsWith(`cache ${cache}`)) continue;
            row.rssStartBytes = rss.get(contender.name);
            row.rssEndBytes = end;
          }
        }
      } finally {
        await Promise.all(contenders.map((c) => c.child?.stop()));
        await subgraphs.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return formatReport(
    {
      title: `Workload (b): our own subgraphs over ${options.customers.toLocaleString("en")} generated customers on PostgreSQL`,
      date: new Date().toISOString().slice(0, 10),
      commit: commitLabel(),
      machine: machineLabel(),
      settings:
        `Gateway pinned to cpu ${GATEWAY_CPU}; the simulated legacy systems, our five subgraphs (one process), the load generator and the runner on cpu ${REST_CPU}; ` +
        `PostgreSQL unpinned. Population seed ${options.seed} as of ${POPULATION_AS_OF}, judged as of the same date. ${options.connections} connections, ` +
        `${options.warmupSeconds} s warm-up then ${options.durationSeconds} s measured, median of ${options.rounds} rounds (interleaved). ` +
        `Latency: what each simulated system adds to every call. Cache: the subgraphs' read-through cache (config/cache.json, in process). ` +
        `Stock Apollo and Hive check the bearer token and sign every subgraph request, as ours does.`,
    },
    [...rows.values()],
  );
}

/**
 * Every gateway must give ours's data for the same variables before it is measured in a setting; one
 * that answers with errors is not measured there (the reason goes in the table), one whose data differs
 * is, with a note. Then each answers fresh variables one at a time, so the subgraph requests and legacy
 * round trips per operation are its own (with the cache on, a repeat would cost less). Returns the
 * gateways to measure.
 */
async function checkAnswers(contenders: Contender[], operation: BenchOperation, subgraphs: PinnedChild, rowOf: (name: ContenderName) => GatewayRow): Promise<Contender[]> {
  const counts = async () => {
    const requests = sum((await subgraphs.ask({ type: "requests" }, "requests")).counts);
    const roundTrips = sum((await subgraphs.ask({ type: "round-trips" }, "round-trips")).counts);
    return { requests, roundTrips };
  };
  const checked = Array.from({ length: CHECKED }, () => nextCheck++);
  const answers = new Map<ContenderName, unknown[]>();
  const measured: Contender[] = [];
  for (const contender of contenders) {
    if (!contender.child || contender.failure) continue;
    const row = rowOf(contender.name);
    try {
      // Once more on failure: on a loaded machine a legacy call can time out once without the gateway being at fault.
      const answer = (n: number) => ask(contender.child!.ready.url, operation, n).catch(() => ask(contender.child!.ready.url, operation, n));
      answers.set(contender.name, await Promise.all(checked.map(answer)));
      const fresh = Array.from({ length: CHECKED }, () => nextCheck++);
      const before = await counts();
      for (const n of fresh) await ask(contender.child.ready.url, operation, n);
      const after = await counts();
      row.subgraphRequestsPerOp = (after.requests - before.requests) / CHECKED;
      row.roundTripsPerOp = (after.roundTrips - before.roundTrips) / CHECKED;
      measured.push(contender);
    } catch (error) {
      row.failure = `answered wrongly: ${(error as Error).message}`;
      progress(`    ${contender.name} ${row.failure.slice(0, 300)}`);
    }
  }
  const reference = answers.get("ours") ?? [...answers.values()][0];
  const referenceName = answers.has("ours") ? "ours" : [...answers.keys()][0];
  for (const [name, data] of answers) {
    if (name === referenceName || !reference) continue;
    const same = data.every((d, i) => isDeepStrictEqual(d, reference[i]));
    if (!same) rowOf(name).note = `its data differs from ${referenceName}'s for the same variables${firstDifference(data, reference)}`;
    progress(`    ${name}: data ${same ? "identical to" : "DIFFERS from"} ${referenceName}'s`);
  }
  return measured;
}

/** Check variables run far past the load's counter, so a check never repeats what a measured window sent. */
let nextCheck = 1_000_000;

async function ask(url: string, operation: BenchOperation, n: number): Promise<unknown> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...operation.headers(n) }, body: operation.body(n) });
  const json = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (!response.ok || json.errors) throw new Error(`HTTP ${response.status}: ${JSON.stringify(json.errors ?? json).slice(0, 400)}`);
  return json.data;
}

/** Where two answers first part, as a path, for the note. */
function firstDifference(data: unknown[], reference: unknown[]): string {
  const walk = (a: unknown, b: unknown, path: string): string | null => {
    if (isDeepStrictEqual(a, b)) return null;
    if (a && b && typeof a === "object" && typeof b === "object") {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        const found = walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
        if (found) return found;
      }
    }
    return `${path}: ${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)}`;
  };
  for (let i = 0; i < data.length; i++) {
    const found = walk(data[i], reference[i], "data");
    if (found) return ` (first at ${found})`;
  }
  return "";
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
