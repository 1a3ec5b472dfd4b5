import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_LIMITS } from "../gateway/plugins/limits.js";
import { gatewayPlugins } from "../gateway/plugins/index.js";
import { apqHash, EMPTY_MANIFEST, type OperationManifest } from "../gateway/plugins/operation-manifest.js";
import { DEFAULT_PERSISTED_QUERIES } from "../gateway/plugins/persisted-queries.js";
import { startGateway } from "../gateway/server.js";
import { devSecurity } from "../stack/dev-secrets.js";
import { apiSchemaOf, buildManifest, storeRegistered } from "../tools/operations-manifest.js";
import { redisTestsRun, TEST_REDIS_URL } from "./support/redis.js";
import { startTestStack, SUPERGRAPH_PATH, type TestStack } from "./support/stack.js";

// The shared population, read only.
const sandbox = inject("sandbox");
const useRedis = await redisTestsRun();

const AS_OF = "query AsOf { judgementsAsOf }\n";
const PAGE = "query Page($first: Int!) {\n  customers(first: $first) { edges { node { id name } } }\n}\n";
const UNREGISTERED = "query Other { customers(first: 1) { edges { node { id } } } }";

const dir = mkdtempSync(join(tmpdir(), "operations-"));
let manifest: OperationManifest;
let manifestPath: string;
const stacks: TestStack[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  const queries = join(dir, "queries");
  mkdirSync(queries);
  writeFileSync(join(queries, "as-of.graphql"), AS_OF);
  writeFileSync(join(queries, "page.graphql"), PAGE);
  manifest = await buildManifest(queries, apiSchemaOf(readFileSync(SUPERGRAPH_PATH, "utf8")));
  manifestPath = join(dir, "operations.json");
  writeFileSync(manifestPath, JSON.stringify(manifest));
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  for (const stack of stacks) await stack.close();
});

interface Answer {
  status: number;
  data?: any;
  codes: unknown[];
}

/** A POST as Apollo clients send persisted queries: the hash in extensions, the document or not. */
async function post(url: string, body: { query?: string; hash?: string; variables?: Record<string, unknown> }, token?: string): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({
      ...(body.query ? { query: body.query } : {}),
      variables: body.variables ?? {},
      ...(body.hash ? { extensions: { persistedQuery: { version: 1, sha256Hash: body.hash } } } : {}),
    }),
  });
  const json = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
  return { status: response.status, data: json.data, codes: (json.errors ?? []).map((e) => e.extensions?.code) };
}

async function stackWith(overrides: Parameters<typeof startTestStack>[3]): Promise<TestStack> {
  const stack = await startTestStack(sandbox.databaseUrl, sandbox.schemaPrefix, sandbox.asOf, overrides);
  stacks.push(stack);
  return stack;
}

const totalRoundTrips = (stack: TestStack) => Object.values(stack.roundTrips.snapshot()).reduce((sum, n) => sum + n, 0);

describe("persisted queries in process, outside safelist mode", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await stackWith({ persistedQueries: { ...DEFAULT_PERSISTED_QUERIES, manifestPath } });
  });

  it("runs registered operations by hash alone on a fresh gateway, variables included", async () => {
    const token = await stack.token();
    expect(await post(stack.gateway.url, { hash: apqHash(AS_OF) }, token)).toEqual({ status: 200, data: { judgementsAsOf: sandbox.asOf }, codes: [] });
    const page = await post(stack.gateway.url, { hash: apqHash(PAGE), variables: { first: 3 } }, token);
    expect(page.codes).toEqual([]);
    expect(page.data.customers.edges).toHaveLength(3);
  });

  it("answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, then knows it once sent with its document", async () => {
    const token = await stack.token();
    const hash = apqHash(UNREGISTERED);
    expect((await post(stack.gateway.url, { hash }, token)).codes).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
    expect((await post(stack.gateway.url, { query: UNREGISTERED, hash }, token)).data.customers.edges).toHaveLength(1);
    await expect.poll(async () => (await post(stack.gateway.url, { hash }, token)).codes).toEqual([]);
  });

  it("still wants a valid token for a persisted operation", async () => {
    expect(await post(stack.gateway.url, { hash: apqHash(AS_OF) })).toMatchObject({ status: 401, codes: ["UNAUTHENTICATED"] });
  });
});

describe("safelist mode", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await stackWith({ persistedQueries: { ...DEFAULT_PERSISTED_QUERIES, safelist: true, manifestPath }, limits: { ...DEFAULT_LIMITS, maxCost: 20 } });
  });

  it("runs a registered operation, by hash or in full", async () => {
    const token = await stack.token();
    expect((await post(stack.gateway.url, { hash: apqHash(AS_OF) }, token)).data).toEqual({ judgementsAsOf: sandbox.asOf });
    expect((await post(stack.gateway.url, { query: AS_OF }, token)).data).toEqual({ judgementsAsOf: sandbox.asOf });
  });

  it("refuses an unregistered operation, by hash or in full, with OPERATION_NOT_REGISTERED before any system is called", async () => {
    const token = await stack.token();
    stack.roundTrips.reset();
    for (const body of [{ query: UNREGISTERED }, { hash: apqHash(UNREGISTERED) }, { query: UNREGISTERED, hash: apqHash(UNREGISTERED) }, { query: PAGE.trim(), variables: { first: 1 } }]) {
      expect(await post(stack.gateway.url, body, token), JSON.stringify(body)).toEqual({ status: 400, data: undefined, codes: ["OPERATION_NOT_REGISTERED"] });
    }
    // A legacy application/json client gets 200 with the errors, as for any document that could not run.
    const legacy = await fetch(stack.gateway.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: UNREGISTERED }) });
    expect(legacy.status).toBe(200);
    expect(((await legacy.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("OPERATION_NOT_REGISTERED");
    expect(totalRoundTrips(stack)).toBe(0);
  });

  it("applies authentication and the query limits to registered operations", async () => {
    expect(await post(stack.gateway.url, { hash: apqHash(AS_OF) })).toMatchObject({ status: 401, codes: ["UNAUTHENTICATED"] });
    const token = await stack.token();
    stack.roundTrips.reset();
    expect(await post(stack.gateway.url, { hash: apqHash(PAGE), variables: { first: 50 } }, token)).toMatchObject({ status: 400, codes: ["QUERY_TOO_COMPLEX"] });
    expect(totalRoundTrips(stack)).toBe(0);
    expect((await post(stack.gateway.url, { hash: apqHash(PAGE), variables: { first: 2 } }, token)).data.customers.edges).toHaveLength(2);
  });
});

describe.runIf(useRedis)("persisted queries in Redis, shared by every gateway process", () => {
  const redisKeyPrefix = `cg:test:${randomUUID()}:`;
  let stack: TestStack;
  /** Two more gateways over the same subgraphs, as other processes would be: one plain, one in safelist mode. */
  let plain: { url: string };
  let other: { url: string };
  let asOfOnly: OperationManifest;

  beforeAll(async () => {
    const empty = join(dir, "empty.json");
    writeFileSync(empty, JSON.stringify(EMPTY_MANIFEST));
    stack = await stackWith({ redisUrl: TEST_REDIS_URL, persistedQueries: { ...DEFAULT_PERSISTED_QUERIES, manifestPath: empty, redisKeyPrefix } });
    // Booted knowing AS_OF alone: PAGE can only come from what the register command stores in Redis.
    asOfOnly = { version: 1, operations: { [apqHash(AS_OF)]: manifest.operations[apqHash(AS_OF)]! } };
    writeFileSync(join(dir, "as-of-only.json"), JSON.stringify(asOfOnly));
    const gatewayWith = async (persistedQueries: typeof DEFAULT_PERSISTED_QUERIES) => {
      const settings = devSecurity(stack.secrets, { redisUrl: TEST_REDIS_URL, persistedQueries: { ...persistedQueries, redisKeyPrefix } });
      const gateway = await startGateway({
        supergraphSdl: readFileSync(SUPERGRAPH_PATH, "utf8"),
        subgraphUrls: Object.fromEntries(stack.subgraphs.map((s) => [s.name, s.url])),
        port: 0,
        host: "127.0.0.1",
        signingSecret: settings.signingSecret,
        plugins: gatewayPlugins(settings),
      });
      cleanups.push(() => gateway.stop());
      return gateway;
    };
    plain = await gatewayWith({ ...DEFAULT_PERSISTED_QUERIES, manifestPath: empty });
    other = await gatewayWith({ ...DEFAULT_PERSISTED_QUERIES, safelist: true, manifestPath: join(dir, "as-of-only.json") });
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 0 });
    cleanups.push(async () => {
      const keys = await redis.keys(`${redisKeyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });
  });

  it("runs an operation by hash alone as soon as it is registered, on a gateway that booted without it", async () => {
    const token = await stack.token();
    expect((await post(stack.gateway.url, { hash: apqHash(PAGE), variables: { first: 1 } }, token)).codes).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
    await storeRegistered(manifest, TEST_REDIS_URL, redisKeyPrefix);
    expect((await post(stack.gateway.url, { hash: apqHash(PAGE), variables: { first: 1 } }, token)).data.customers.edges).toHaveLength(1);
  });

  it("shares what one gateway learned with the others, and keeps a safelist gateway to registered operations", async () => {
    const token = await stack.token();
    // Registering without PAGE takes it out of Redis; registering it again puts it back, for every gateway.
    await storeRegistered(asOfOnly, TEST_REDIS_URL, redisKeyPrefix);
    expect((await post(other.url, { hash: apqHash(PAGE), variables: { first: 1 } }, token)).codes).toEqual(["OPERATION_NOT_REGISTERED"]);
    await storeRegistered(manifest, TEST_REDIS_URL, redisKeyPrefix);
    const hash = apqHash(UNREGISTERED);
    await post(stack.gateway.url, { query: UNREGISTERED, hash }, token);
    // Learned by one gateway, known to the other by hash alone.
    await expect.poll(async () => (await post(plain.url, { hash }, token)).codes).toEqual([]);
    // The safelist gateway knows registered operations from Redis, never learned ones.
    expect((await post(other.url, { hash: apqHash(PAGE), variables: { first: 1 } }, token)).codes).toEqual([]);
    expect(await post(other.url, { hash }, token)).toMatchObject({ status: 400, codes: ["OPERATION_NOT_REGISTERED"] });
  });
});
