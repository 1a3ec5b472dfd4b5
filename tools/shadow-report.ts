import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileShadowStore, SHADOW_FILE } from "../adapters/kit/shadow-store.js";
import { stackEnv } from "../stack/env.js";
import { formatShadowReport } from "./shadow-report-format.js";

const USAGE = `Usage: npm run shadow:report -- [--examples N] [--json]

Prints the differences shadow mode kept (BILLING_SHADOW, docs/shadow.md): per field, how many, over how many keys,
with the newest examples. Reads the file the stack keeps them in: SHADOW_DIFFERENCES_PATH, else
$SANDBOX_DATA_DIR/${SHADOW_FILE} (default .data/pglite), as npm start with the same environment writes it.

  --examples N   examples per field (default 3)
  --json         every kept difference as JSON lines instead`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { examples: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean" } } });
  if (values.help) return console.log(USAGE);
  const examples = Number(values.examples ?? 3);
  if (!Number.isInteger(examples) || examples < 0) {
    console.error(`--examples must be a whole number\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const env = stackEnv();
  const path = env.SHADOW_DIFFERENCES_PATH ?? join(env.SANDBOX_DATA_DIR, SHADOW_FILE);
  const differences = await fileShadowStore(path).recent();
  if (values.json) return void process.stdout.write(differences.map((d) => JSON.stringify(d) + "\n").join(""));
  console.error(`from ${path}`);
  process.stdout.write(formatShadowReport(differences, examples));
}

main().catch((error: unknown) => {
  console.error(`shadow:report failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
