import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { CONTENDERS } from "./gateways/contenders/contender.js";
import { benchWorkloadA } from "./gateways/workload-a.js";
import { benchGenerate } from "./generate.js";
import { MAX_CUSTOMERS } from "../sandbox/generate/ids.js";

const USAGE = `Usage: npm run bench -- <benchmark> [options]

Benchmarks (results go to BENCHMARKS.md by hand, with the machine and the date):
  generate [--customers N] [--seed S]   time the sandbox generator into the schemas with prefix "bench_"
                                        (default 100000 customers; needs DATABASE_URL for sizes that matter)
  gateways [options]                    our gateway, stock @apollo/gateway in @apollo/server, Hive Gateway and
                                        Hive Gateway with the Rust planner, side by side over loopback; each
                                        gateway in its own process pinned to cpu 0, everything else to cpu 1;
                                        progress on stderr, a markdown table on stdout
    --workload a|b        a: synthetic in-memory subgraphs, one 50-entity query (default a)
                          b: our own subgraphs over a generated population (not built yet)
    --duration S          measured seconds per round and gateway (default 15)
    --warmup S            warm-up seconds before each measured window (default 5)
    --connections N       concurrent connections, one request in flight on each (default 10)
    --rounds R            rounds; the table gives each figure's median (default 3)
    --gateways LIST       comma-separated subset of ${CONTENDERS.join(",")} (default all)
    --cpu-prof DIR        write each gateway's V8 CPU profiles (node --cpu-prof) to DIR/<gateway>/, one per
                          thread: the largest is the gateway's main thread

  -h, --help              this text`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    customers: { type: "string" },
    seed: { type: "string" },
    workload: { type: "string" },
    duration: { type: "string" },
    warmup: { type: "string" },
    connections: { type: "string" },
    rounds: { type: "string" },
    gateways: { type: "string" },
    "cpu-prof": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

const generateArgs = z.object({
  customers: z.coerce.number().int().min(1).max(MAX_CUSTOMERS).default(100_000),
  seed: z.coerce.number().int().min(0).max(0xffffffff).default(1),
});

const gatewaysArgs = z.object({
  workload: z.enum(["a", "b"]).default("a"),
  duration: z.coerce.number().int().min(1).max(600).default(15),
  warmup: z.coerce.number().int().min(0).max(120).default(5),
  connections: z.coerce.number().int().min(1).max(1_000).default(10),
  rounds: z.coerce.number().int().min(1).max(20).default(3),
  gateways: z
    .string()
    .default(CONTENDERS.join(","))
    .transform((list) => list.split(",").map((s) => s.trim()))
    .pipe(z.array(z.enum(CONTENDERS)).min(1)),
  "cpu-prof": z.string().min(1).optional(),
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
  else if (args.data.workload === "b") {
    console.error("workload b (our own subgraphs) is not built yet\n");
    process.exitCode = 2;
  } else {
    const { duration, warmup, connections, rounds, gateways, "cpu-prof": cpuProfileDir } = args.data;
    console.log(await benchWorkloadA({ durationSeconds: duration, warmupSeconds: warmup, connections, rounds, gateways, cpuProfileDir: cpuProfileDir && resolve(cpuProfileDir) }));
  }
} else {
  console.error(`unknown benchmark "${which}"\n\n${USAGE}`);
  process.exitCode = 2;
}
