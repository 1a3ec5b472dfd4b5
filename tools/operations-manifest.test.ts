import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { apqHash, manifestSchema } from "../gateway/plugins/operation-manifest.js";
import { redisKeys } from "../gateway/plugins/persisted-queries.js";
import { redisTestsRun, TEST_REDIS_URL } from "../tests/support/redis.js";
import { apiSchemaOf, buildManifest, OperationFileError, storeRegistered } from "./operations-manifest.js";

const run = promisify(execFile);
const schema = apiSchemaOf(readFileSync("schema/supergraph.graphql", "utf8"));
const useRedis = await redisTestsRun();

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "queries-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const AS_OF = "# When judgements are made.\nquery AsOf { judgementsAsOf }\n";
const ME = "query Me($first: Int!) {\n  me { subject portfolio(first: $first) { id name } }\n}\n";

async function refusal(files: Record<string, string>): Promise<string> {
  const error = await buildManifest(folder(files), schema).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OperationFileError);
  return (error as Error).message;
}

describe("building the operation manifest", () => {
  it("keys every operation by the sha256 of its file's exact text, in file order, with its name and file", async () => {
    const dir = folder({ "b-me.graphql": ME, "a-as-of.graphql": AS_OF, "notes.txt": "not an operation" });
    const manifest = await buildManifest(dir, schema, dir);
    expect(manifest).toEqual({
      version: 1,
      operations: {
        [apqHash(AS_OF)]: { name: "AsOf", file: "a-as-of.graphql", document: AS_OF },
        [apqHash(ME)]: { name: "Me", file: "b-me.graphql", document: ME },
      },
    });
    expect(Object.keys(manifest.operations)[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(manifestSchema.safeParse(manifest).success).toBe(true);
  });

  it("fails on a file that does not validate, naming the file and the error", async () => {
    expect(await refusal({ "ok.graphql": AS_OF, "bad.graphql": "query Bad { customer(id: 1) { nope } }" })).toMatch(/bad\.graphql: .*Cannot query field "nope" on type "Customer"/);
    expect(await refusal({ "broken.graphql": "query {" })).toMatch(/broken\.graphql: Syntax Error/);
  });

  it("refuses the facts hidden from consumers, as the gateway does", async () => {
    expect(await refusal({ "facts.graphql": 'query Facts { customer(id: "320100000001") { billingFacts } }' })).toMatch(/facts\.graphql: .*billingFacts/);
  });

  it("wants one named operation per file, each name once", async () => {
    expect(await refusal({ "two.graphql": `${AS_OF}\nquery Other { judgementsAsOf }` })).toMatch(/two\.graphql: holds 2 operations/);
    expect(await refusal({ "anonymous.graphql": "{ judgementsAsOf }" })).toMatch(/anonymous\.graphql: the operation needs a name/);
    expect(await refusal({ "a.graphql": AS_OF, "b.graphql": "query AsOf { me { subject } }" })).toMatch(/b\.graphql: operation AsOf is already registered from .*a\.graphql/);
  });
});

describe("npm run operations:register", () => {
  it("writes the manifest, and fails naming the file without writing anything when one is bad", async () => {
    const dir = folder({ "as-of.graphql": AS_OF });
    const out = join(dir, "operations.json");
    const ok = await run("npx", ["tsx", "tools/operations-register.ts", "--dir", dir, "--out", out], { env: { ...process.env, REDIS_URL: "" } });
    expect(ok.stdout).toContain(`AsOf  `);
    expect(ok.stdout).toContain(apqHash(AS_OF));
    expect(JSON.parse(readFileSync(out, "utf8")).operations[apqHash(AS_OF)].document).toBe(AS_OF);

    writeFileSync(join(dir, "bad.graphql"), "query Bad { nope }");
    const failed = await run("npx", ["tsx", "tools/operations-register.ts", "--dir", dir, "--out", join(dir, "other.json")], { env: { ...process.env, REDIS_URL: "" } }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/bad\.graphql: Cannot query field "nope" on type "Query"/);
    expect(() => readFileSync(join(dir, "other.json"))).toThrow();
  });

  it("explains itself with --help", async () => {
    const { stdout } = await run("npx", ["tsx", "tools/operations-register.ts", "--help"]);
    expect(stdout).toMatch(/--dir D .*docs\/queries/);
    expect(stdout).toMatch(/REDIS_URL/);
  });
});

describe.runIf(useRedis)("storing registered operations in Redis", () => {
  const prefix = `cg:test:${randomUUID()}:`;
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 0 });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it("stores each document under its hash and drops those no longer registered", async () => {
    const key = (document: string) => redisKeys(prefix).registered + apqHash(document);
    const first = await buildManifest(folder({ "as-of.graphql": AS_OF, "me.graphql": ME }), schema);
    expect(await storeRegistered(first, TEST_REDIS_URL, prefix)).toEqual({ stored: 2, dropped: 0 });
    expect(await redis.get(key(ME))).toBe(ME);
    expect(await redis.ttl(key(ME))).toBe(-1);

    const second = await buildManifest(folder({ "as-of.graphql": AS_OF }), schema);
    expect(await storeRegistered(second, TEST_REDIS_URL, prefix)).toEqual({ stored: 1, dropped: 1 });
    expect(await redis.get(key(ME))).toBeNull();
    expect(await redis.get(key(AS_OF))).toBe(AS_OF);
  });
});
