import { parseArgs } from "node:util";
import { benchGenerate } from "./generate.js";

const USAGE = `Usage: npm run bench -- <benchmark> [options]

Benchmarks (results go to BENCHMARKS.md by hand, with the machine and the date):
  generate [--customers N] [--seed S]   time the sandbox generator into the schemas with prefix "bench_"
                                        (default 100000 customers; needs DATABASE_URL for sizes that matter)`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { customers: { type: "string" }, seed: { type: "string" }, help: { type: "boolean", short: "h" } },
});

const which = positionals[0] ?? "generate";
if (values.help) {
  console.log(USAGE);
} else if (which === "generate") {
  await benchGenerate({ customers: Number(values.customers ?? 100_000), seed: Number(values.seed ?? 1) });
} else {
  console.error(`unknown benchmark "${which}"\n\n${USAGE}`);
  process.exitCode = 2;
}
