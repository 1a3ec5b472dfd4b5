import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { CONTENDERS } from "./gateways/contenders/contender.js";
import { OPERATIONS } from "./gateways/own/operations.js";
import { benchWorkloadA } from "./gateways/workload-a.js";
import { benchWorkloadB } from "./gateways/workload-b.js";
import { benchWholeStack } from "./gateways/workload-stack.js";
import { benchGenerate } from "./generate.js";
import { benchScale, parseScaleArgs, SCALE_PARSE_OPTIONS, SCALE_USAGE } from "./scale/scale.js";
import { benchSoak } from "./soak/soak.js";
import { MAX_CUSTOMERS } from "../sandbox/generate/ids.js";

const DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres";

const USAGE = `Usage: npm run bench -- <benchmark> [options]

Benchmarks (results go to BENCHMARKS.md by hand, with the machine and the date):
  generate [--customers N] [--seed S]   time the sandbox generator into the schemas with prefix "bench_"
                                        (default 100000 customers; needs DATABASE_URL for sizes that matter)
  gateways [options]                    our gateway, stock @apollo/gateway in @apollo/server, Hive Gateway and
                                        Hive Gateway with the Rust planner, side by side over loopback; each
                                        gateway in its own process pinned to cpu 0, everything else to cpu 1;
                                        progress on stderr, a markdown table on stdout
    --workload a|b|stack  a: synthetic in-memory subgraphs, one 50-entity query (default a)
                          b: our own subgraphs over a generated population on PostgreSQL (DATABASE_URL, default
                             ${DEFAULT_DATABASE_URL}; schemas "bench_…", generated when missing,
                             the judgement snapshot made when missing): customer 360, a KA portfolio of 50 and a BI
                             page of 1,000, the simulators at each --latency, the subgraphs' cache per --cache;
                             all four gateways in front, subgraphs and simulators in one process on cpu 1
                          stack: customer 360 through our whole stack as npm start deploys it (simulators in the
                             primary, STACK_PROCESSES workers each with subgraphs and gateway, no pinning), its
                             own database "bench_stack" on DATABASE_URL's server; cache off and on
    --duration S          measured seconds per round and gateway (default 15 for a, 10 for b and stack)
    --warmup S            warm-up seconds before each measured window (default 5 for a, 2 for b and stack)
    --connections N       concurrent connections, one request in flight on each (default 10)
    --rounds R            rounds; the table gives each figure's median (default 3 for a, 1 for b and stack)
    --gateways LIST       comma-separated subset of ${CONTENDERS.join(",")} (default all; a and b)
    --cpu-prof DIR        write V8 CPU profiles (node --cpu-prof), one per thread (the largest is the main
                          thread): a: DIR/<gateway>/; b: DIR/<gateway>-cache-<on|off>/ and the subgraphs'
                          process's DIR/subgraphs-cache-<on|off>/; stack: DIR/stack-<processes>-cache-<on|off>/
                          (primary and workers)
    --customers N         b and stack: population size (default 20000)
    --seed S              b and stack: population seed (default 1)
    --operations LIST     b: comma-separated subset of ${OPERATIONS.join(",")} (default all)
    --latency LIST        b: comma-separated ms the simulators add to every call (default 0,10)
    --cache LIST          b and stack: comma-separated subset of off,on (default off,on)
    --processes LIST      stack: comma-separated STACK_PROCESSES values (default 2,1)
                          With the defaults, b measures 48 windows (3 operations x 2 latencies x 2 caches x 4
                          gateways, about 12 minutes) and stack 4 (about 3 minutes), plus the population and
                          snapshot the first time (about 2 minutes for 20,000 customers)
  soak [--minutes M] [--sample S] [--connections N]
                                        our gateway under steady load (workload a's subgraphs and query) for M
                                        minutes (default 10), its RSS read every S seconds (default 30): does its
                                        memory stay flat? A row per reading and the mean of each third
${SCALE_USAGE}

  -h, --help              this text`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    ...SCALE_PARSE_OPTIONS,
    customers: { type: "string" },
    seed: { type: "string" },
    workload: { type: "string" },
    duration: { type: "string" },
    warmup: { type: "string" },
    connections: { type: "string" },
    rounds: { type: "string" },
    gateways: { type: "string" },
    "cpu-prof": { type: "string" },
    operations: { type: "string" },
    latency: { type: "string" },
    cache: { type: "string" },
    processes: { type: "string" },
    minutes: { type: "string" },
    sample: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

const generateArgs = z.object({
  customers: z.coerce.number().int().min(1).max(MAX_CUSTOMERS).default(100_000),
  seed: z.coerce.number().int().min(0).max(0xffffffff).default(1),
});

/** A comma-separated list, the default when absent; each item checked by the pipe after it. */
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((items) => items.split(",").map((s) => s.trim()));

/** Workload (a) keeps its longer windows; (b) and stack have many settings, so shorter ones keep a run bounded. */
const timing = (a: number, others: number) => ({ a, others });
const TIMINGS = { duration: timing(15, 10), warmup: timing(5, 2), rounds: timing(3, 1) };

const gatewaysArgs = z.object({
  workload: z.enum(["a", "b", "stack"]).default("a"),
  duration: z.coerce.number().int().min(1).max(600).optional(),
  warmup: z.coerce.number().int().min(0).max(120).optional(),
  connections: z.coerce.number().int().min(1).max(1_000).default(10),
  rounds: z.coerce.number().int().min(1).max(20).optional(),
  gateways: list(CONTENDERS.join(",")).pipe(z.array(z.enum(CONTENDERS)).min(1)),
  "cpu-prof": z.string().min(1).optional(),
  customers: z.coerce.number().int().min(100).max(MAX_CUSTOMERS).default(20_000),
  seed: z.coerce.number().int().min(0).max(0xffffffff).default(1),
  operations: list(OPERATIONS.join(",")).pipe(z.array(z.enum(OPERATIONS)).min(1)),
  latency: list("0,10").pipe(z.array(z.coerce.number<string>().int().min(0).max(10_000)).min(1)),
  cache: list("off,on").pipe(z.array(z.enum(["off", "on"])).min(1)),
  processes: list("2,1").pipe(z.array(z.coerce.number<string>().int().min(1).max(64)).min(1)),
});

const soakArgs = z.object({
  minutes: z.coerce.number().min(1).max(240).default(10),
  sample: z.coerce.number().int().min(5).max(600).default(30),
  connections: z.coerce.number().int().min(1).max(1_000).default(10),
});

function refuse(error: z.ZodError): void {
  console.error(`${error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n")}\n\n${USAGE}`);
  process.exitCode = 2;
}

const which = positionals[0] ?? "generate";
if (values.help) {
  console.log(USAGE);
} else if (which === "generate") {
  const args = generateArgs.safeParse(values);
  if (args.success) await benchGenerate(args.data);
  else refuse(args.error);
} else if (which === "gateways") {
  const args = gatewaysArgs.safeParse(values);
  if (!args.success) refuse(args.error);
  else {
    const { workload, connections, gateways, customers, seed, operations, latency, cache, processes, "cpu-prof": cpuProfileDir } = args.data;
    const pick = (key: keyof typeof TIMINGS) => args.data[key] ?? (workload === "a" ? TIMINGS[key].a : TIMINGS[key].others);
    const common = { durationSeconds: pick("duration"), warmupSeconds: pick("warmup"), rounds: pick("rounds"), connections, cpuProfileDir: cpuProfileDir && resolve(cpuProfileDir) };
    const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
    if (workload === "a") console.log(await benchWorkloadA({ ...common, gateways }));
    else if (workload === "b") console.log(await benchWorkloadB({ ...common, gateways, databaseUrl, customers, seed, operations, latenciesMs: latency, caches: cache }));
    else console.log(await benchWholeStack({ ...common, databaseUrl, customers, seed, caches: cache, processes }));
  }
} else if (which === "scale") {
  const args = parseScaleArgs(values);
  if (args.success) console.log(await benchScale(args.data));
  else refuse(args.error);
} else if (which === "soak") {
  const args = soakArgs.safeParse(values);
  if (args.success) console.log(await benchSoak({ minutes: args.data.minutes, sampleSeconds: args.data.sample, connections: args.data.connections }));
  else refuse(args.error);
} else {
  console.error(`unknown benchmark "${which}"\n\n${USAGE}`);
  process.exitCode = 2;
}
