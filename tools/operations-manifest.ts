import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { printSchema, Supergraph } from "@apollo/federation-internals";
import { buildSchema, GraphQLError, Kind, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { Redis } from "ioredis";
import { apqHash, type OperationManifest } from "../gateway/plugins/operation-manifest.js";
import { redisKeys } from "../gateway/plugins/persisted-queries.js";

/** A file of the operations folder that cannot be registered, named with what is wrong. */
export class OperationFileError extends Error {
  override readonly name = "OperationFileError";
}

/**
 * What consumers can query: the supergraph without its federation plumbing and @inaccessible facts.
 * Rebuilt from its printed SDL, so the schema belongs to the same graphql module that validates against it.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return buildSchema(printSchema(Supergraph.build(supergraphSdl).apiSchema()));
}

/**
 * Every `.graphql` file of `dir`, in name order, checked against the API schema: one named operation
 * per file (and the fragments it uses), names unique. The key is the APQ hash of the file's exact text,
 * which is what clients send. The first bad file fails the whole manifest, named with its error.
 */
export async function buildManifest(dir: string, schema: GraphQLSchema, root = process.cwd()): Promise<OperationManifest> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".graphql")).sort();
  } catch (error) {
    throw new OperationFileError(`${dir}: cannot read the folder (${(error as Error).message})`);
  }
  const operations: OperationManifest["operations"] = {};
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const shown = path.relative(root, file).split(path.sep).join("/");
    const document = await readFile(file, "utf8");
    const operation = checkedOperation(document, schema, shown);
    const other = seen.get(operation);
    if (other) throw new OperationFileError(`${shown}: operation ${operation} is already registered from ${other}`);
    seen.set(operation, shown);
    operations[apqHash(document)] = { name: operation, file: shown, document };
  }
  return { version: 1, operations };
}

function checkedOperation(document: string, schema: GraphQLSchema, shown: string): string {
  let parsed;
  try {
    parsed = parse(document);
  } catch (error) {
    throw new OperationFileError(`${shown}: ${(error as GraphQLError).message}`);
  }
  const errors = validate(schema, parsed);
  if (errors.length > 0) throw new OperationFileError(`${shown}: ${errors.map((e) => e.message).join("; ")}`);
  const operations = parsed.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  // One operation per file: the hash then names exactly one thing a client may run.
  if (operations.length !== 1) throw new OperationFileError(`${shown}: holds ${operations.length} operations; put each in its own file`);
  const name = operations[0]!.name?.value;
  if (!name) throw new OperationFileError(`${shown}: the operation needs a name (query Name { … })`);
  return name;
}

/**
 * Stores the registered documents in Redis so that every running gateway knows them by hash at once,
 * and drops those registered before that are no longer in the manifest.
 */
export async function storeRegistered(manifest: OperationManifest, redisUrl: string, keyPrefix?: string): Promise<{ stored: number; dropped: number }> {
  const { registered } = redisKeys(keyPrefix);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 5_000, lazyConnect: true });
  redis.on("error", () => {});
  try {
    await redis.connect();
    const wanted = new Set(Object.keys(manifest.operations).map((hash) => registered + hash));
    const stale: string[] = [];
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${registered}*`, "COUNT", 500);
      stale.push(...keys.filter((key) => !wanted.has(key)));
      cursor = next;
    } while (cursor !== "0");
    const batch = redis.multi();
    for (const [hash, operation] of Object.entries(manifest.operations)) batch.set(registered + hash, operation.document);
    if (stale.length > 0) batch.del(...stale);
    await batch.exec();
    return { stored: wanted.size, dropped: stale.length };
  } finally {
    redis.disconnect();
  }
}
