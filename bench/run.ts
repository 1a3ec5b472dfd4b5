import { parseArgs } from "node:util";
import { z } from "zod";
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
  const args = z
    .object({
      customers: z.coerce.number().int().min(1).max(9_999_999).default(100_000),
      seed: z.coerce.number().int().min(0).max(0xffffffff).default(1),
    })
    .safeParse(values);
  if (args.success) await benchGenerate(args.data);
  else {
    console.error(`${args.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n")}\n\n${USAGE}`);
    process.exitCode = 2;
  }
} else {
  console.error(`unknown benchmark "${which}"\n\n${USAGE}`);
  process.exitCode = 2;
}
