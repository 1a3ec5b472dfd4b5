import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCacheConfig } from "../../adapters/kit/cache/config.js";
import { withClient } from "../../sandbox/db/connect.js";
import { ephemeralSecrets } from "../../stack/dev-secrets.js";
import { startPinned, type PinnedChild } from "./child.js";
import { runLoad } from "./load.js";
import { commitLabel, machineLabel } from "./machine.js";
import { benchOperations, pickVariables, type BenchOperation } from "./own/operations.js";
import { ensurePopulation, POPULATION_AS_OF } from "./own/population.js";
import { treeCpuSeconds } from "./proc.js";
import { formatStackReport, type StackRow } from "./stack/report.js";
import type { OwnGraphBenchOptions } from "./workload-b.js";

export interface WholeStackOptions extends OwnGraphBenchOptions {
  /** STACK_PROCESSES values to run. */
  processes: number[];
}

/** npm start reads the unprefixed schemas: the stack gets a database of its own on the same server. */
const STACK_DATABASE = "bench_stack";
const PRIMARY_MAIN = fileURLToPath(new URL("./stack/primary.ts", import.meta.url));
const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const progress = (line: string) => process.stderr.write(`${line}\n`);

/**
 * The `stack` workload: customer 360 through our stack as `npm start` deploys it (stack/primary.ts),
 * nothing pinned, for each STACK_PROCESSES and cache setting; the figure issue 11's "4× today's RPS" is
 * judged on. Returns the markdown report.
 */
export async function benchWholeStack(options: WholeStackOptions): Promise<string> {
  const databaseUrl = await ensureDatabase(options.databaseUrl, STACK_DATABASE);
  const how = await ensurePopulation({ databaseUrl, schemaPrefix: "", customers: options.customers, seed: options.seed, progress });
  progress(`population in database ${STACK_DATABASE}: ${options.customers.toLocaleString("en")} customers ${how}`);
  const secrets = ephemeralSecrets();
  const dir = mkdtempSync(join(tmpdir(), "bench-stack-"));
  const cacheConfigs = { on: root("config/cache.json"), off: join(dir, "cache-off.json") };
  const shipped = loadCacheConfig(cacheConfigs.on);
  writeFileSync(cacheConfigs.off, JSON.stringify(Object.fromEntries(Object.entries(shipped).map(([system, settings]) => [system, { ...settings, enabled: false }]))));
  const allCpus = cpus().map((_, i) => i).join(",");
  const rows: StackRow[] = [];
  let operation: BenchOperation | undefined;
  try {
    for (const processes of options.processes) {
      for (const cache of options.caches) {
        const row: StackRow = { processes, cache, rounds: [] };
        rows.push(row);
        progress(`stack: STACK_PROCESSES=${processes}, cache ${cache}: starting`);
        let primary: PinnedChild | undefined;
        try {
          const [gateway, profile, billing, network, keyAccount, insights] = await freePorts(6);
          primary = await startPinned(PRIMARY_MAIN, {
            cpus: allCpus,
            timeoutMs: 180_000,
            execArgv: options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${join(options.cpuProfileDir, `stack-${processes}-cache-${cache}`)}`] : [],
            env: {
              DATABASE_URL: databaseUrl,
              STACK_PROCESSES: String(processes),
              AUTH_JWT_SECRET: secrets.jwtSecret,
              SUBGRAPH_SIGNING_SECRET: secrets.signingSecret,
              RATE_LIMIT_PER_MINUTE: "1000000000",
              INSIGHTS_AS_OF: POPULATION_AS_OF,
              CACHE_CONFIG_PATH: cacheConfigs[cache],
              SUPERGRAPH_PATH: root("schema/supergraph.graphql"),
              RESILIENCE_CONFIG_PATH: root("config/resilience.json"),
              SANDBOX_HOST: "127.0.0.1",
              // Workers share these through node:cluster; fixed here, as npm start's are, rather than 0.
              GATEWAY_PORT: String(gateway),
              PROFILE_PORT: String(profile),
              BILLING_PORT: String(billing),
              NETWORK_SUBGRAPH_PORT: String(network),
              KEY_ACCOUNT_PORT: String(keyAccount),
              INSIGHTS_PORT: String(insights),
              HALL_PORT: "0",
              NETWORK_PORT: "0",
              BILLING_PROXY_PORT: "0",
              BILLING_FAULTS_PORT: "0",
              KEY_ACCOUNT_PROXY_PORT: "0",
              KEY_ACCOUNT_FAULTS_PORT: "0",
            },
          });
          const url = primary.ready.url;
          operation ??= (await benchOperations(secrets.jwtSecret, await pickVariables(url, secrets.jwtSecret, progress, { bi: false }))).customer360;
          const load = { url, headers: {}, body: operation.body, headersFor: operation.headers, connections: options.connections };
          for (let round = 1; round <= options.rounds; round++) {
            if (options.warmupSeconds > 0) await runLoad({ ...load, durationSeconds: options.warmupSeconds });
            const before = treeCpuSeconds(primary.pid);
            const result = await runLoad({ ...load, durationSeconds: options.durationSeconds });
            const cpuPercent = ((treeCpuSeconds(primary.pid) - before) / result.seconds) * 100;
            const figures = { rps: result.rps, p50Ms: result.p50Ms, p99Ms: result.p99Ms, cpuPercent, errors: result.errors + result.non2xx + result.graphqlErrors };
            row.rounds.push(figures);
            progress(`  round ${round}/${options.rounds}: ${figures.rps.toFixed(1)} rps, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, cpu ${cpuPercent.toFixed(0)} %, errors ${figures.errors}`);
          }
        } catch (error) {
          row.failure = (error as Error).message;
          progress(`  failed: ${row.failure.slice(0, 400)}`);
        } finally {
          await primary?.stop();
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return formatStackReport(
    {
      title: `Whole stack as npm start deploys it: customer 360 over ${options.customers.toLocaleString("en")} generated customers on PostgreSQL`,
      date: new Date().toISOString().slice(0, 10),
      commit: commitLabel(),
      machine: machineLabel(),
      settings:
        `The simulators in the primary process; STACK_PROCESSES workers each with the adapters, five subgraphs and gateway (node:cluster, shared ports), or all in ` +
        `the primary when 1; nothing pinned; the load generator in its own process. A different customer each request, an HQ analyst's token. ` +
        `${options.connections} connections, ${options.warmupSeconds} s warm-up then ${options.durationSeconds} s measured, median of ${options.rounds} rounds. ` +
        `Cache: config/cache.json in each process, or every system's cache disabled. CPU: the primary and its workers together, in % of one core.`,
    },
    rows,
  );
}

/** `databaseUrl` with another database on the same server, created when missing. */
async function ensureDatabase(databaseUrl: string, name: string): Promise<string> {
  await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (rows.length === 0) await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Ports free now, for the ones the workers share (the stack's own port 0 would be one port per listen order). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => resolve(server));
    })),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

