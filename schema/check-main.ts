import "reflect-metadata";
import { parseArgs } from "node:util";
import { schemaCheck } from "./check-run.js";

const USAGE = `Usage: npm run schema:check -- [--base <git-revision> | --base-file <supergraph.graphql>] [--accept]

Composes the supergraph from the subgraphs' code and compares what consumers see of it (the API schema:
types, fields, arguments, enum values; not which subgraph resolves what) with the contract they rely on:
schema/contract.graphql, which moves only on purpose (--accept), never with npm run compose.

Fails (exit code 1) on a breaking change that schema/deliberate-changes.json does not list, printing each
with its path, a hint and the entry that would let it through. Dangerous changes are warnings, safe ones a
summary; entries matching nothing are reported as stale; committed schema/ files that differ from the code
are reported as stale ("run npm run compose"). docs/migration.md explains the contract and the file.

  --base R        compare with schema/supergraph.graphql at git revision R instead (a reviewer: --base main)
  --base-file F   compare with the supergraph in file F instead (e.g. the one production serves)
  --accept        move the contract: when the check passes (every break listed), write the composed
                  supergraph to schema/contract.graphql; commit it when consumers have caught up`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { base: { type: "string" }, "base-file": { type: "string" }, accept: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) return console.log(USAGE);
  if (values.base && values["base-file"]) throw new Error("give --base or --base-file, not both");
  if (values.accept && (values.base || values["base-file"])) throw new Error("--accept moves schema/contract.graphql: compare with it, not with --base or --base-file");
  const result = await schemaCheck({ base: values.base, baseFile: values["base-file"], accept: values.accept });
  console.log(result.output);
  if (!result.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`schema:check failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
