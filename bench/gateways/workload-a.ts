import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { fileURLToPath } from "node:url";
import { ephemeralSecrets } from "../../stack/dev-secrets.js";
import { mintToken } from "../../stack/dev-token.js";
import { startPinned, type PinnedChild } from "./child.js";
import { CONTENDER_LABELS, CONTENDERS, type ContenderName } from "./contenders/contender.js";
import { commitLabel, machineLabel, pinSelf } from "./machine.js";
import { rssBytes } from "./proc.js";
import { formatReport, type GatewayRow } from "./report.js";
import { buildCatalogue } from "./synthetic/data.js";
import { BENCH_QUERY, benchVariables, ENTITIES_PER_QUERY } from "./synthetic/query.js";
import { syntheticSubgraphs } from "./synthetic/subgraphs.js";
import { measureWindow } from "./window.js";
import { composeSynthetic } from "./synthetic/supergraph.js";

export interface BenchOptions {
  warmupSeconds: number;
  durationSeconds: number;
  connections: number;
  rounds: number;
  gateways: ContenderName[];
  /** A folder to write each gateway's V8 CPU profile to (node --cpu-prof), for where its time goes. */
  cpuProfileDir?: string | undefined;
}

/** Gateways on the first core, everything else (this runner, the load generator, the subgraphs) on the second. */
const GATEWAY_CPU = "0";
const REST_CPU = "1";
const CONTENDER_MAIN = fileURLToPath(new URL("./contenders/main.ts", import.meta.url));
const SUBGRAPHS_MAIN = fileURLToPath(new URL("./synthetic/main.ts", import.meta.url));
/** The variables every gateway's answer is compared on, one request at a time, before anything is measured. */
const CHECKED_REQUESTS = [0, 1, 2, 135];

const progress = (line: string) => process.stderr.write(`${line}\n`);

interface Contender {
  name: ContenderName;
  row: GatewayRow;
  child?: PinnedChild;
}

/**
 * Workload (a): the gateways alone. Four synthetic in-memory subgraphs answer one entity-heavy query
 * (50 products, their stock, reviews and authors, about 43 KB); each gateway runs in its own process
 * pinned to one core and is driven over loopback, rounds interleaved so the machine's drift falls on all.
 * Returns the markdown report.
 */
export async function benchWorkloadA(options: BenchOptions): Promise<string> {
  pinSelf(REST_CPU);
  const secrets = ephemeralSecrets();
  const token = await mintToken(secrets.jwtSecret, { roles: ["architect"], region: "HQ" });
  const headers = { authorization: `Bearer ${token}` };
  const body = (n: number) => JSON.stringify({ query: BENCH_QUERY, variables: benchVariables(n) });
  const dir = mkdtempSync(join(tmpdir(), "bench-gateways-"));
  const contenders: Contender[] = options.gateways.map((name) => ({ name, row: { label: CONTENDER_LABELS[name], baseline: name === "apollo", rounds: [] } }));
  let subgraphs: PinnedChild | undefined;
  try {
    progress(`workload a: starting the synthetic subgraphs (cpu ${REST_CPU})`);
    subgraphs = await startPinned(SUBGRAPHS_MAIN, { cpus: REST_CPU });
    const supergraphPath = join(dir, "supergraph.graphql");
    writeFileSync(supergraphPath, composeSynthetic(syntheticSubgraphs(buildCatalogue()), subgraphs.ready.urls ?? {}));
    const env = { BENCH_JWT_SECRET: secrets.jwtSecret, BENCH_SIGNING_SECRET: secrets.signingSecret };

    for (const contender of contenders) {
      progress(`workload a: starting ${contender.name} (cpu ${GATEWAY_CPU})`);
      try {
        // A folder per gateway: tsx's loader thread writes a profile of its own beside the main thread's.
        const execArgv = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${join(options.cpuProfileDir, contender.name)}`] : [];
        contender.child = await startPinned(CONTENDER_MAIN, { cpus: GATEWAY_CPU, args: [contender.name, supergraphPath], env, execArgv });
        contender.row.rssStartBytes = rssBytes(contender.child.pid);
      } catch (error) {
        contender.row.failure = `could not start: ${(error as Error).message}`;
        progress(`  ${contender.row.failure}`);
      }
    }
    await checkAnswers(contenders, headers, body, subgraphs);

    const running = contenders.filter((c) => c.child && !c.row.failure);
    for (let round = 1; round <= options.rounds; round++) {
      for (const contender of running) {
        const child = contender.child!;
        const url = child.ready.url;
        const figures = await measureWindow({ url, headers, body, connections: options.connections }, { gateway: child.pid, subgraphs: subgraphs.pid }, options.warmupSeconds, options.durationSeconds);
        contender.row.rounds.push(figures);
        progress(
          `  round ${round}/${options.rounds} ${contender.name}: ${figures.rps.toFixed(0)} rps, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, ` +
            `cpu ${figures.cpuPercent.toFixed(0)} %, subgraphs' cpu ${figures.subgraphCpuPercent.toFixed(0)} %, errors ${figures.errors}`,
        );
      }
    }
    for (const contender of running) contender.row.rssEndBytes = rssBytes(contender.child!.pid);
  } finally {
    await Promise.all(contenders.map((c) => c.child?.stop()));
    await subgraphs?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return formatReport(
    {
      title: `Workload (a): the gateway alone, synthetic subgraphs, ${ENTITIES_PER_QUERY} entities (about 43 KB) per request`,
      date: new Date().toISOString().slice(0, 10),
      commit: commitLabel(),
      machine: machineLabel(),
      settings:
        `Gateway pinned to cpu ${GATEWAY_CPU}; subgraphs, load generator and runner on cpu ${REST_CPU}. ` +
        `${options.connections} connections, ${options.warmupSeconds} s warm-up then ${options.durationSeconds} s measured, ` +
        `median of ${options.rounds} rounds (interleaved). A different offset on every request.`,
    },
    contenders.map((c) => c.row),
  );
}

/**
 * Every gateway must give the same data as the first that answers cleanly, for the same variables,
 * before anything is measured. One that answers with errors or not at all is not measured; one whose
 * data differs is, with a note.
 */
async function checkAnswers(contenders: Contender[], headers: Record<string, string>, body: (n: number) => string, subgraphs: PinnedChild): Promise<void> {
  const answers = new Map<ContenderName, unknown[]>();
  const subgraphRequests = async () => sum((await subgraphs.ask({ type: "requests" }, "requests")).counts);
  for (const contender of contenders) {
    if (!contender.child || contender.row.failure) continue;
    const data: unknown[] = [];
    const before = await subgraphRequests();
    for (const n of CHECKED_REQUESTS) {
      try {
        const response = await fetch(contender.child.ready.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: body(n) });
        const json = (await response.json()) as { data?: unknown; errors?: unknown[] };
        if (!response.ok || json.errors) throw new Error(`HTTP ${response.status}: ${JSON.stringify(json.errors ?? json).slice(0, 400)}`);
        data.push(json.data);
      } catch (error) {
        contender.row.failure = `answered the benchmark query wrongly: ${(error as Error).message}`;
        progress(`  ${contender.name} ${contender.row.failure}`);
        break;
      }
    }
    if (contender.row.failure) continue;
    answers.set(contender.name, data);
    contender.row.subgraphRequestsPerOp = ((await subgraphRequests()) - before) / CHECKED_REQUESTS.length;
  }
  const [reference, expected] = [...answers][0] ?? [];
  if (!reference || !expected) return;
  for (const contender of contenders) {
    const data = answers.get(contender.name);
    if (!data || contender.name === reference) continue;
    const same = data.every((d, i) => isDeepStrictEqual(d, expected[i]));
    if (!same) contender.row.note = `its data differs from ${reference}'s for the same variables`;
    progress(`  ${contender.name}: data ${same ? "identical to" : "DIFFERS from"} ${reference}'s`);
  }
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
