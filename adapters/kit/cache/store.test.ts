import { randomUUID } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { encodeEntry } from "./envelope.js";
import { memoryCacheStore } from "./memory-store.js";
import { createCacheStore, type CacheStore } from "./store.js";
import { redisTestsRun, TEST_REDIS_URL } from "../../../tests/support/redis.js";
import { captureLogs } from "../../../tests/support/logs.js";

const redisUrl = TEST_REDIS_URL;
const useRedis = await redisTestsRun();
const runPrefix = `cg:cache:test:${randomUUID()}:`;
const admin = useRedis ? new Redis(redisUrl, { maxRetriesPerRequest: 0 }) : undefined;


const opened: CacheStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});
afterAll(async () => {
  if (!admin) return;
  const keys = await admin.keys(`${runPrefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
});

let time = 1_700_000_000_000;
const now = () => time;

const kinds = [
  { name: "in-process LRU", enabled: true, make: () => createCacheStore(undefined, { now }) },
  { name: "Redis", enabled: useRedis, make: () => createCacheStore(redisUrl, { now, keyPrefix: `${runPrefix}${randomUUID()}:` }) },
];

for (const kind of kinds) {
  describe.runIf(kind.enabled)(`cache store, ${kind.name}`, () => {
    const open = () => {
      const store = kind.make();
      opened.push(store);
      return store;
    };

    it("hands back what was stored, JSON round-tripped, with when it was stored; unknown keys are absent", async () => {
      const store = open();
      const bill = { billNo: "1", amountFen: 12_300, dueDate: "2026-11-20", note: undefined, items: [{ type: "DATA" }] };
      await store.setMany([
        { key: "billing:getBills:880000000001", value: [bill], ttlMs: 60_000 },
        { key: "billing:getBills:880000000002", value: [], ttlMs: 60_000, storedAt: time - 5_000 },
      ]);
      const found = await store.getMany(["billing:getBills:880000000001", "billing:getBills:880000000002", "billing:getBills:unknown"]);
      expect([...found.keys()]).toEqual(["billing:getBills:880000000001", "billing:getBills:880000000002"]);
      expect(found.get("billing:getBills:880000000001")).toEqual({ value: [JSON.parse(JSON.stringify(bill))], storedAt: time });
      expect(found.get("billing:getBills:880000000001")?.value).not.toHaveProperty("0.note");
      expect(found.get("billing:getBills:880000000002")).toEqual({ value: [], storedAt: time - 5_000 });
      expect(await store.getMany([])).toEqual(new Map());
    });

    it("serves copies: changing a value it handed out leaves the cache as it was", async () => {
      const store = open();
      await store.setMany([{ key: "k", value: { visitDates: ["2026-10-01"] }, ttlMs: 60_000 }]);
      const first = (await store.getMany(["k"])).get("k")?.value as { visitDates: string[] };
      first.visitDates.push("2026-11-01");
      expect((await store.getMany(["k"])).get("k")?.value).toEqual({ visitDates: ["2026-10-01"] });
    });

    it("stores nothing with no time to keep it", async () => {
      const store = open();
      await store.setMany([{ key: "gone", value: 1, ttlMs: 0 }]);
      expect(await store.getMany(["gone"])).toEqual(new Map());
    });
  });
}

describe("in-process LRU store", () => {
  it("forgets an entry once its time is up, on its clock", async () => {
    let clock = 0;
    const store = memoryCacheStore({ now: () => clock });
    await store.setMany([{ key: "a", value: "A", ttlMs: 1_000 }]);
    clock = 999;
    expect((await store.getMany(["a"])).get("a")?.value).toBe("A");
    clock = 1_000;
    expect(await store.getMany(["a"])).toEqual(new Map());
    expect(store.size()).toBe(0);
  });

  it("holds at most maxEntries, evicting the least recently used first", async () => {
    const store = memoryCacheStore({ maxEntries: 3, now: () => 0 });
    await store.setMany(["a", "b", "c"].map((key) => ({ key, value: key, ttlMs: 60_000 })));
    await store.getMany(["a"]);
    await store.setMany([{ key: "d", value: "d", ttlMs: 60_000 }]);
    expect(store.size()).toBe(3);
    expect([...(await store.getMany(["a", "b", "c", "d"])).keys()]).toEqual(["a", "c", "d"]);
    await store.setMany(["e", "f", "g", "h"].map((key) => ({ key, value: key, ttlMs: 60_000 })));
    expect([...(await store.getMany(["a", "c", "d", "e", "f", "g", "h"])).keys()]).toEqual(["f", "g", "h"]);
  });

  it("holds 50,000 entries by default and refuses a bound that is no positive integer", async () => {
    const store = memoryCacheStore({ now: () => 0 });
    await store.setMany(Array.from({ length: 50_010 }, (_, index) => ({ key: `k${index}`, value: index, ttlMs: 60_000 })));
    expect(store.size()).toBe(50_000);
    expect(await store.getMany(["k9", "k10"])).toEqual(new Map([["k10", { value: 10, storedAt: 0 }]]));
    expect(() => memoryCacheStore({ maxEntries: 0 })).toThrow(RangeError);
  });
});

describe.runIf(useRedis)("Redis store", () => {
  it("keeps entries under its prefix as { v, t } JSON, for the time asked (SET … PX)", async () => {
    const prefix = `${runPrefix}${randomUUID()}:`;
    const store = createCacheStore(redisUrl, { now, keyPrefix: prefix });
    opened.push(store);
    await store.setMany([{ key: "network:getLineStatuses:13800000000", value: { status: "UP" }, ttlMs: 90_000 }]);
    const key = `${prefix}network:getLineStatuses:13800000000`;
    expect(JSON.parse((await admin?.get(key)) ?? "null")).toEqual({ v: { status: "UP" }, t: time });
    const pttl = (await admin?.pttl(key)) ?? 0;
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(90_000);
  });

  it("takes what is no envelope of ours as a miss", async () => {
    const prefix = `${runPrefix}${randomUUID()}:`;
    const store = createCacheStore(redisUrl, { now, keyPrefix: prefix });
    opened.push(store);
    await admin?.mset(`${prefix}not-json`, "{", `${prefix}no-time`, JSON.stringify({ v: 1 }), `${prefix}no-value`, JSON.stringify({ t: 1 }));
    await admin?.mset(`${prefix}extra`, JSON.stringify({ v: 1, t: 1, x: 2 }), `${prefix}good`, encodeEntry("ok", 5));
    const found = await store.getMany(["not-json", "no-time", "no-value", "extra", "good"]);
    expect(found).toEqual(new Map([["good", { value: "ok", storedAt: 5 }]]));
  });
});

describe("Redis store when Redis cannot answer", () => {
  const servers: { server: Server; sockets: Set<Socket> }[] = [];
  afterAll(async () => {
    for (const { server, sockets } of servers) {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  async function listen(onConnection: (socket: Socket) => void = () => {}): Promise<{ port: number; server: Server }> {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      onConnection(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push({ server, sockets });
    const address = server.address();
    if (!address || typeof address === "string") throw new Error("no port");
    return { port: address.port, server };
  }

  it("answers with misses and drops writes when nothing listens, warning once for the outage", { timeout: 10_000 }, async () => {
    const { port, server } = await listen();
    await new Promise((resolve) => server.close(resolve));
    const logs = captureLogs();
    try {
      const store = createCacheStore(`redis://127.0.0.1:${port}`, { now });
      opened.push(store);
      await expect(store.setMany([{ key: "a", value: 1, ttlMs: 60_000 }])).resolves.toBeUndefined();
      expect(await store.getMany(["a", "b"])).toEqual(new Map());
      expect(await store.getMany(["a"])).toEqual(new Map());
    } finally {
      logs.restore();
    }
    expect(logs.lines()).toEqual([expect.objectContaining({ level: "warn", msg: expect.stringMatching(/^cache: Redis failed; reads go to the sources/) })]);
  });

  it("answers with misses when Redis accepts the connection and never replies (command timeout)", { timeout: 10_000 }, async () => {
    const { port } = await listen();
    const logs = captureLogs("error");
    try {
      const store = createCacheStore(`redis://127.0.0.1:${port}`, { now, commandTimeoutMs: 50 });
      opened.push(store);
      expect(await store.getMany(["a"])).toEqual(new Map());
      await expect(store.setMany([{ key: "a", value: 1, ttlMs: 60_000 }])).resolves.toBeUndefined();
    } finally {
      logs.restore();
    }
  });
});
