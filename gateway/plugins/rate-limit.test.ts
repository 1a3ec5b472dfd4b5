import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:net";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GatewayContext } from "../identity.js";
import type { GatewayPlugin } from "./plugin.js";
import { RATE_LIMIT_WINDOW_MS, createRateLimitStore, memoryStore, rateLimitEnvSchema, rateLimitFromEnv, rateLimitPlugin, type RateLimitStore } from "./rate-limit.js";
import { redisTestsRun, TEST_REDIS_URL } from "../../tests/support/redis.js";
import { captureLogs, type CapturedLogs } from "../../tests/support/logs.js";

const redisUrl = TEST_REDIS_URL;
const useRedis = await redisTestsRun();
const runPrefix = `cg:rl:test:${randomUUID()}:`;


const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

let resolved = 0;

/** An Apollo Server with only the rate limit, and a POST /graphql as a given subject. */
async function serve(plugin: GatewayPlugin) {
  const server = new ApolloServer<GatewayContext>({
    typeDefs: "type Query { ping: String }",
    resolvers: { Query: { ping: () => (resolved++, "pong") } },
    plugins: plugin.apollo ?? [],
  });
  await server.start();
  cleanups.push(() => server.stop(), () => plugin.close?.() ?? Promise.resolve());
  return async (subject: string) => {
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: "POST", headers: new HeaderMap([["content-type", "application/json"]]), search: "", body: { query: "{ ping }" } },
      context: async () => ({ identity: { subject, roles: ["agent"], region: "HQ", managerId: null, pii: false }, deadline: Date.now() + 8_000 }),
    });
    if (response.body.kind !== "complete") throw new Error("expected a complete body");
    const body = JSON.parse(response.body.string) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
    return { status: response.status ?? 200, retryAfter: response.headers.get("retry-after"), body };
  };
}

interface StoreKind {
  name: string;
  enabled: boolean;
  make(): RateLimitStore;
  /** Lets the current window end. */
  nextWindow(store: RateLimitStore, subject: string, windowMs: number): Promise<void>;
}

let clock = 1_000_000;
const kinds: StoreKind[] = [
  {
    name: "in-process store",
    enabled: true,
    make: () => memoryStore(() => clock),
    nextWindow: async (_store, _subject, windowMs) => void (clock += windowMs),
  },
  {
    name: `Redis store at ${redisUrl}`,
    enabled: useRedis,
    make: () => createRateLimitStore(redisUrl, { keyPrefix: runPrefix }),
    // Real time: wait out the window Redis reports.
    nextWindow: async (store, subject, windowMs) => {
      const { resetMs } = await store.hit(`${subject}:probe`, windowMs);
      await new Promise((resolve) => setTimeout(resolve, resetMs + 50));
    },
  },
];

for (const kind of kinds) {
  describe.runIf(kind.enabled)(`rate limit, ${kind.name}`, () => {
    it("answers the (limit+1)-th request of a window with 429, RATE_LIMITED and Retry-After, before any resolver", async () => {
      const post = await serve(rateLimitPlugin(kind.make(), { limit: 3, windowMs: RATE_LIMIT_WINDOW_MS }));
      const subject = `u-${randomUUID()}`;
      for (let i = 0; i < 3; i++) expect((await post(subject)).body).toEqual({ data: { ping: "pong" } });
      const before = resolved;
      const refused = await post(subject);
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(["RATE_LIMITED"]);
      expect(refused.retryAfter).toMatch(/^\d+$/);
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
      expect(resolved).toBe(before);
    });

    it("counts each subject on its own", async () => {
      const post = await serve(rateLimitPlugin(kind.make(), { limit: 1, windowMs: RATE_LIMIT_WINDOW_MS }));
      const [busy, quiet] = [`u-${randomUUID()}`, `u-${randomUUID()}`];
      await post(busy);
      expect((await post(busy)).status).toBe(429);
      expect(await post(quiet)).toMatchObject({ status: 200, body: { data: { ping: "pong" } } });
    });

    it("lets a subject in again in the next window", async () => {
      const store = kind.make();
      const windowMs = 1_000;
      const post = await serve(rateLimitPlugin(store, { limit: 1, windowMs }));
      const subject = `u-${randomUUID()}`;
      await post(subject);
      expect((await post(subject)).status).toBe(429);
      await kind.nextWindow(store, subject, windowMs);
      expect(await post(subject)).toMatchObject({ status: 200, body: { data: { ping: "pong" } } });
    });
  });
}

describe("rate limit, in-process store", () => {
  it("is what createRateLimitStore gives without a Redis URL", async () => {
    const store = createRateLimitStore();
    cleanups.push(() => store.close());
    expect((await store.hit("u-1", 60_000)).count).toBe(1);
    expect(await store.hit("u-1", 60_000)).toMatchObject({ count: 2 });
  });

  it("forgets ended windows, so it cannot grow without bound", async () => {
    let now = 0;
    const store = memoryStore(() => now);
    for (let i = 0; i < 1_000; i++) await store.hit(`s${i}`, 100);
    expect(store.size()).toBe(1_000);
    now = 100;
    expect(await store.hit("s0", 100)).toEqual({ count: 1, resetMs: 100 });
    expect(store.size()).toBe(1);
  });
});

describe("rate limit when Redis does not answer", () => {
  let logs: CapturedLogs;
  beforeEach(() => {
    logs = captureLogs("warn");
  });
  afterEach(() => logs.restore());
  const warnings = () => logs.lines().filter((line) => line.level === "warn" && line.msg?.startsWith("rate limit: the store failed"));

  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  async function silentServer(): Promise<Server> {
    // Reads what it is sent (so it sees the client leave), answers nothing.
    const server = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    return server;
  }

  it("lets requests through uncounted when nothing listens, warning once", async () => {
    const post = await serve(rateLimitPlugin(createRateLimitStore(`redis://127.0.0.1:${await closedPort()}`), { limit: 1, windowMs: 60_000 }));
    for (let i = 0; i < 3; i++) expect(await post("u-1")).toMatchObject({ status: 200, body: { data: { ping: "pong" } } });
    expect(warnings()).toHaveLength(1);
  });

  it("lets requests through when Redis accepts the connection but never answers", async () => {
    const server = await silentServer();
    const { port } = server.address() as { port: number };
    const post = await serve(rateLimitPlugin(createRateLimitStore(`redis://127.0.0.1:${port}`, { commandTimeoutMs: 50 }), { limit: 1, windowMs: 60_000 }));
    for (let i = 0; i < 2; i++) expect(await post("u-1")).toMatchObject({ status: 200, body: { data: { ping: "pong" } } });
    expect(warnings()).toHaveLength(1);
  });
});

describe("rateLimitEnvSchema", () => {
  it("gives 600 requests a minute by default and reads a number from a string", () => {
    expect(rateLimitFromEnv(rateLimitEnvSchema.parse({}))).toEqual({ limit: 600, windowMs: 60_000 });
    expect(rateLimitFromEnv(rateLimitEnvSchema.parse({ RATE_LIMIT_PER_MINUTE: "30" }))).toEqual({ limit: 30, windowMs: 60_000 });
  });

  it("refuses a limit that is not a positive whole number", () => {
    for (const bad of ["0", "-1", "2.5", "lots"]) expect(rateLimitEnvSchema.safeParse({ RATE_LIMIT_PER_MINUTE: bad }).success).toBe(false);
  });
});
