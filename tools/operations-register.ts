import { readFile, rename, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { apiSchemaOf, buildManifest, storeRegistered } from "./operations-manifest.js";

const USAGE = `Usage: npm run operations:register -- [--dir docs/queries] [--out schema/operations.json] [--supergraph schema/supergraph.graphql]

Registers the operations consumers may run by hash (APQ) and, with OPERATIONS_SAFELIST=on, the only ones
the gateway runs. Reads every .graphql file of --dir (one named operation each), checks it against the
supergraph's API schema (a file that does not validate fails the command, named with its error), and
writes the manifest --out: sha256 of each file's exact text → name, file, document. Commit the manifest:
every gateway loads it at boot. With REDIS_URL set, also stores the documents in the gateway's persisted-
query store, so that running gateways know them by hash at once (and forgets those no longer registered).

  --dir D          folder of .graphql files (default docs/queries)
  --out F          the manifest to write (default schema/operations.json)
  --supergraph S   the supergraph to validate against (default schema/supergraph.graphql)

A client sends { "extensions": { "persistedQuery": { "version": 1, "sha256Hash": "<hash>" } } } with its
variables, or the document itself; the hashes are printed below.`;

const envSchema = z.object({
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: "string" }, out: { type: "string" }, supergraph: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) return console.log(USAGE);
  const env = envSchema.safeParse(process.env);
  if (!env.success) throw new Error(`bad environment: ${env.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const dir = values.dir ?? "docs/queries";
  const out = values.out ?? "schema/operations.json";
  const schema = apiSchemaOf(await readFile(values.supergraph ?? "schema/supergraph.graphql", "utf8"));
  const manifest = await buildManifest(dir, schema);
  for (const [hash, operation] of Object.entries(manifest.operations)) console.log(`${operation.name}  ${operation.file}  ${hash}`);
  // Written whole or not at all: a gateway starting meanwhile reads the old manifest or the new one.
  const text = JSON.stringify(manifest, null, 2) + "\n";
  await writeFile(`${out}.tmp`, text);
  await rename(`${out}.tmp`, out);
  console.log(`wrote ${out}: ${Object.keys(manifest.operations).length} operations`);
  if (env.data.REDIS_URL) {
    const { stored, dropped } = await storeRegistered(manifest, env.data.REDIS_URL);
    console.log(`stored ${stored} in Redis for the running gateways${dropped > 0 ? `, dropped ${dropped} no longer registered` : ""}`);
  }
}

main().catch((error: unknown) => {
  console.error(`operations:register failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
