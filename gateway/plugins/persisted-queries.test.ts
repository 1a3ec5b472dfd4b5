import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it, vi } from "vitest";
import { redisTestsRun, TEST_REDIS_URL } from "../../tests/support/redis.js";
import { captureLogs } from "../../tests/support/logs.js";
import type { GatewayContext } from "../identity.js";
import { apqHash, EMPTY_MANIFEST, loadManifest, type OperationManifest } from "./operation-manifest.js";
import {
  createPersistedQueryStore,
  DEFAULT_PERSISTED_QUERIES,
  memoryStore,
  persistedQueriesEnvSchema,
  persistedQueriesFromEnv,
  persistedQueriesFromSettings,
  persistedQueriesPlugin,
  redisKeys,
  type PersistedQueryStore,
} from "./persisted-queries.js";
import type { GatewayPlugin } from "./plugin.js";

const useRedis = await redisTestsRun();
const runPrefix = `cg:test:${randomUUID()}:`;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const REGISTERED = "query Ping { ping }";
const OTHER = "query Pong { ping }";
const manifestOf = (...documents: string[]): OperationManifest => ({
  version: 1,
  operations: Object.fromEntries(documents.map((document, i) => [apqHash(document), { name: `Op${i}`, file: `docs/queries/op${i}.graphql`, document }])),
});

let resolved = 0;

/** An Apollo Server with only this plugin, and a POST of a GraphQL body. */
async function serve(plugin: GatewayPlugin) {
  const server = new ApolloServer<GatewayContext>({
    typeDefs: "type Query { ping: String }",
    resolvers: { Query: { ping: () => (resolved++, "pong") } },
    plugins: plugin.apollo ?? [],
    persistedQueries: plugin.persistedQueries ?? false,
  });
  await server.start();
  cleanups.push(() => server.stop(), () => plugin.close?.() ?? Promise.resolve());
  return async (body: { query?: string; hash?: string }) => {
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: "POST",
        headers: new HeaderMap([["content-type", "application/json"]]),
        search: "",
        body: { ...(body.query ? { query: body.query } : {}), ...(body.hash ? { extensions: { persistedQuery: { version: 1, sha256Hash: body.hash } } } : {}) },
      },
      context: async () => ({ identity: { subject: "u-1", roles: ["agent"], region: "HQ", managerId: null, pii: false }, deadline: Date.now() + 8_000 }),
    });
    if (response.body.kind !== "complete") throw new Error("expected a complete body");
    const parsed = JSON.parse(response.body.string) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    return { status: response.status ?? 200, data: parsed.data, codes: parsed.errors?.map((e) => e.extensions?.code) };
  };
}

const plugin = (manifest: OperationManifest, store: PersistedQueryStore, safelist = false) =>
  persistedQueriesPlugin(manifest, store, { ...DEFAULT_PERSISTED_QUERIES, safelist });

const kinds = [
  { name: "in-process store", enabled: true, make: () => createPersistedQueryStore() },
  { name: `Redis store at ${TEST_REDIS_URL}`, enabled: useRedis, make: () => createPersistedQueryStore(TEST_REDIS_URL, `${runPrefix}${randomUUID()}:`) },
];

for (const kind of kinds) {
  describe.runIf(kind.enabled)(`automatic persisted queries, ${kind.name}`, () => {
    it("runs a registered operation by hash alone, with nothing learned yet", async () => {
      const post = await serve(plugin(manifestOf(REGISTERED), kind.make()));
      expect(await post({ hash: apqHash(REGISTERED) })).toEqual({ status: 200, data: { ping: "pong" }, codes: undefined });
    });

    it("answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, then learns the document sent with it", async () => {
      const post = await serve(plugin(EMPTY_MANIFEST, kind.make()));
      const hash = apqHash(OTHER);
      expect((await post({ hash })).codes).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
      expect((await post({ query: OTHER, hash })).data).toEqual({ ping: "pong" });
      // Apollo Server stores it after answering, without waiting for the store.
      await vi.waitFor(async () => expect((await post({ hash })).data).toEqual({ ping: "pong" }));
    });
  });
}

describe("safelist mode", () => {
  it("runs a registered operation sent by hash or in full, and refuses anything else before it is parsed", async () => {
    const post = await serve(plugin(manifestOf(REGISTERED), createPersistedQueryStore(), true));
    expect((await post({ hash: apqHash(REGISTERED) })).data).toEqual({ ping: "pong" });
    expect((await post({ query: REGISTERED })).data).toEqual({ ping: "pong" });
    const before = resolved;
    const refused = [{ query: OTHER }, { hash: apqHash(OTHER) }, { query: OTHER, hash: apqHash(OTHER) }, { query: `${REGISTERED} ` }, { query: "not graphql" }, { query: "{ nope }" }];
    for (const body of refused) {
      expect(await post(body), JSON.stringify(body)).toEqual({ status: 400, data: undefined, codes: ["OPERATION_NOT_REGISTERED"] });
    }
    expect(resolved).toBe(before);
  });

  it("learns nothing from clients: a document sent with its hash stays unknown", async () => {
    const store = memoryStore();
    const post = await serve(plugin(manifestOf(REGISTERED), store, true));
    await post({ query: OTHER, hash: apqHash(OTHER) });
    expect(store.size()).toBe(0);
  });

  it("refuses to start without registered operations, and names a manifest it cannot read", () => {
    const dir = mkdtempSync(join(tmpdir(), "operations-"));
    const empty = join(dir, "empty.json");
    writeFileSync(empty, JSON.stringify(EMPTY_MANIFEST));
    expect(() => persistedQueriesFromSettings({ ...DEFAULT_PERSISTED_QUERIES, safelist: true, manifestPath: empty })).toThrow(/OPERATIONS_SAFELIST=on needs registered operations/);
    expect(() => persistedQueriesFromSettings({ ...DEFAULT_PERSISTED_QUERIES, manifestPath: join(dir, "absent.json") })).toThrow(/OPERATIONS_MANIFEST_PATH: cannot read .*absent\.json/);
  });
});

describe("the operation manifest", () => {
  it("is refused when a document does not hash to its key, or a name is registered twice", () => {
    const dir = mkdtempSync(join(tmpdir(), "operations-"));
    const tampered = manifestOf(REGISTERED);
    tampered.operations[apqHash(REGISTERED)]!.document = OTHER;
    writeFileSync(join(dir, "tampered.json"), JSON.stringify(tampered));
    expect(() => loadManifest(join(dir, "tampered.json"))).toThrow(/tampered\.json is not an operation manifest: .*does not hash to its key/);
    const twice = manifestOf(REGISTERED, OTHER);
    for (const operation of Object.values(twice.operations)) operation.name = "Same";
    writeFileSync(join(dir, "twice.json"), JSON.stringify(twice));
    expect(() => loadManifest(join(dir, "twice.json"))).toThrow(/Same is registered twice/);
  });

  it("ships a manifest the gateway can load", () => {
    expect(Object.keys(loadManifest(DEFAULT_PERSISTED_QUERIES.manifestPath).operations).length).toBeGreaterThan(0);
  });
});

describe("the in-process store", () => {
  it("forgets a document after its TTL, and the least recently used one beyond its budget", async () => {
    let clock = 0;
    const store = memoryStore(() => clock, 10);
    await store.learn("a", "12345", 60);
    await store.learn("b", "12345", 60);
    expect(await store.learned("a")).toBe("12345");
    await store.learn("c", "12345", 60);
    expect([await store.learned("a"), await store.learned("b"), await store.learned("c")]).toEqual(["12345", undefined, "12345"]);
    clock += 60_000;
    expect(await store.learned("a")).toBeUndefined();
  });
});

describe.runIf(useRedis)("the Redis store", () => {
  it("reads what the register command stored under its own prefix, never a learned document as registered", async () => {
    const prefix = `${runPrefix}${randomUUID()}:`;
    const admin = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 0 });
    cleanups.push(async () => admin.disconnect());
    await admin.set(redisKeys(prefix).registered + apqHash(OTHER), OTHER);
    const store = createPersistedQueryStore(TEST_REDIS_URL, prefix);
    cleanups.push(() => store.close());
    await store.learn(apqHash(REGISTERED), REGISTERED, 60);
    expect(await store.registered(apqHash(OTHER))).toBe(OTHER);
    expect(await store.registered(apqHash(REGISTERED))).toBeUndefined();
    expect(await admin.ttl(redisKeys(prefix).learned + apqHash(REGISTERED))).toBeGreaterThan(0);
  });
});

describe("a store that fails", () => {
  it("is a miss with one warning, not a failed request", async () => {
    const logs = captureLogs("warn");
    const broken: PersistedQueryStore = {
      learned: () => Promise.reject(new Error("connection refused")),
      learn: () => Promise.reject(new Error("connection refused")),
      registered: () => Promise.reject(new Error("connection refused")),
      close: async () => {},
    };
    const post = await serve(plugin(manifestOf(REGISTERED), broken));
    expect((await post({ hash: apqHash(OTHER) })).codes).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
    expect((await post({ hash: apqHash(OTHER) })).codes).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
    expect((await post({ hash: apqHash(REGISTERED) })).data).toEqual({ ping: "pong" });
    logs.restore();
    expect(logs.lines().filter((line) => line.msg?.startsWith("persisted queries: the store failed"))).toHaveLength(1);
  });
});

describe("settings", () => {
  it("reads the safelist switch, the manifest and the TTL, naming a bad variable", () => {
    expect(persistedQueriesFromEnv(persistedQueriesEnvSchema.parse({}))).toEqual({ safelist: false, manifestPath: DEFAULT_PERSISTED_QUERIES.manifestPath, apqTtlSeconds: 86_400 });
    expect(persistedQueriesFromEnv(persistedQueriesEnvSchema.parse({ OPERATIONS_SAFELIST: "on", APQ_TTL_SECONDS: "3600" }))).toMatchObject({ safelist: true, apqTtlSeconds: 3_600 });
    const bad = persistedQueriesEnvSchema.safeParse({ OPERATIONS_SAFELIST: "yes" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["OPERATIONS_SAFELIST"]);
  });
});
