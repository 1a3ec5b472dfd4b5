import { describe, expect, it } from "vitest";
import { withStaleNotes } from "../../stale.js";
import { AdapterError } from "../errors.js";
import { MAX_RETENTION_MS } from "./config.js";
import { memoryCacheStore } from "./memory-store.js";
import { entryKey } from "./keys.js";
import { cachedBatch, invalidate } from "./read-through.js";

const TTL = 30_000;
const STALE = 300_000;

interface Bill {
  billNo: string;
  amountFen: number;
}

/** A legacy system's batch read over `records`, counting its round trips; `down` makes every call fail. */
function fakeSource(records: Map<string, Bill | AdapterError>) {
  const calls: string[][] = [];
  const source = {
    calls,
    down: undefined as unknown,
    fetch: async (keys: readonly string[]) => {
      calls.push([...keys]);
      if (source.down) throw source.down;
      return new Map(keys.flatMap((key) => (records.has(key) ? [[key, records.get(key) as Bill | AdapterError] as const] : [])));
    },
  };
  return source;
}

const bill = (no: number): Bill => ({ billNo: String(no), amountFen: no * 100 });
const ids = (count: number) => Array.from({ length: count }, (_, index) => `88${String(index).padStart(12, "0")}`);

function setup(records = new Map<string, Bill | AdapterError>(ids(60).map((id, index) => [id, bill(index)]))) {
  const clock = { time: 1_700_000_000_000 };
  const now = () => clock.time;
  const store = memoryCacheStore({ now });
  const source = fakeSource(records);
  const read = cachedBatch({ system: "billing", name: "getBills", store, ttlMs: TTL, staleMs: STALE, now }, source.fetch);
  return { clock, now, store, source, read, records };
}

const unavailable = () => new AdapterError("SOURCE_UNAVAILABLE", "billing", "connection refused");

describe("read-through cache", () => {
  it("serves fresh entries from the cache and asks the source only for the rest, in one call", async () => {
    const { source, read } = setup();
    const [a, b, c] = ids(3) as [string, string, string];
    expect(await read([a, b])).toEqual(new Map([[a, bill(0)], [b, bill(1)]]));
    expect(source.calls).toEqual([[a, b]]);
    const again = await read([a, b, c]);
    expect(again).toEqual(new Map([[a, bill(0)], [b, bill(1)], [c, bill(2)]]));
    expect(source.calls).toEqual([[a, b], [c]]);
    await read([c, a, a]);
    expect(source.calls).toHaveLength(2);
  });

  it("costs one source call for 1 key and for 50, however many of them are cached", async () => {
    const { source, read } = setup();
    await read(ids(1));
    expect(source.calls).toHaveLength(1);
    await read(ids(50));
    expect(source.calls).toHaveLength(2);
    expect(source.calls[1]).toEqual(ids(50).slice(1));
    await read(ids(60));
    expect(source.calls).toHaveLength(3);
    expect(source.calls[2]).toHaveLength(10);
  });

  it("asks the source once for a key asked for twice in a batch", async () => {
    const { source, read } = setup();
    const [a] = ids(1) as [string];
    expect(await read([a, a])).toEqual(new Map([[a, bill(0)]]));
    expect(source.calls).toEqual([[a]]);
  });

  it("passes malformed records through without caching them, and caches nothing for unknown keys", async () => {
    const malformed = new AdapterError("MALFORMED_RECORD", "billing", "malformed record ACCT 1", "ACCT 1");
    const records = new Map<string, Bill | AdapterError>([["good", bill(1)], ["bad", malformed]]);
    const { source, read } = setup(records);
    expect(await read(["good", "bad", "new"])).toEqual(new Map<string, Bill | AdapterError>([["good", bill(1)], ["bad", malformed]]));
    expect((await read(["bad"])).get("bad")).toBe(malformed);
    records.set("new", bill(7));
    expect(await read(["good", "bad", "new"])).toEqual(new Map<string, Bill | AdapterError>([["good", bill(1)], ["bad", malformed], ["new", bill(7)]]));
    expect(source.calls).toEqual([["good", "bad", "new"], ["bad"], ["bad", "new"]]);
  });

  it("serves an entry for its TTL, then asks the source again (injected clock)", async () => {
    const { clock, source, read, records } = setup();
    const [a] = ids(1) as [string];
    await read([a]);
    records.set(a, { billNo: "0", amountFen: 1 });
    clock.time += TTL;
    expect((await read([a])).get(a)).toEqual(bill(0));
    clock.time += 1;
    expect((await read([a])).get(a)).toEqual({ billNo: "0", amountFen: 1 });
    expect(source.calls).toHaveLength(2);
  });

  it("serves stale entries while the source is down, noting the oldest age for the request", async () => {
    const { clock, source, read } = setup();
    const [a, b, c] = ids(3) as [string, string, string];
    await read([a]);
    clock.time += 20_000;
    await read([b]);
    clock.time += 25_000;
    await read([c]);
    clock.time += 5_000;
    // a is 50 s old, b 30 s (fresh, TTL included), c 5 s.
    for (const down of [unavailable(), new AdapterError("SOURCE_TIMEOUT", "billing", "no answer in 2000 ms")]) {
      source.down = down;
      const run = withStaleNotes(() => read([a, b, c]));
      expect(await run.result).toEqual(new Map([[b, bill(1)], [c, bill(2)], [a, bill(0)]]));
      expect(run.notes()).toEqual([{ source: "billing", ageSeconds: 50 }]);
    }
    expect(source.calls.slice(3)).toEqual([[a], [a]]);
  });

  it("serves no fresh entry as stale: nothing is noted when every key is fresh", async () => {
    const { source, read } = setup();
    await read(ids(2));
    source.down = unavailable();
    const run = withStaleNotes(() => read(ids(2)));
    expect((await run.result).size).toBe(2);
    expect(run.notes()).toEqual([]);
  });

  it("rethrows the source's error when a key it was asked for has no entry to serve", async () => {
    const { source, read } = setup();
    const [a, b] = ids(2) as [string, string];
    await read([a]);
    const down = unavailable();
    source.down = down;
    const run = withStaleNotes(() => read([a, b]));
    await expect(run.result).rejects.toBe(down);
    expect(run.notes()).toEqual([]);
  });

  it("rethrows the source's error once the entry is past its stale window", async () => {
    const { clock, store, source, read } = setup();
    const [a] = ids(1) as [string];
    source.down = unavailable();
    // Kept longer than asked (another instance's settings, a clock ahead): the age decides, not the store.
    const keep = (ageMs: number) => store.setMany([{ key: entryKey("billing", "getBills", [], a), value: bill(0), ttlMs: 10 * STALE, storedAt: clock.time - ageMs }]);
    await keep(TTL + STALE);
    await expect(read([a])).resolves.toEqual(new Map([[a, bill(0)]]));
    await keep(TTL + STALE + 1);
    await expect(read([a])).rejects.toBe(source.down);
  });

  it("never masks an error that is not an outage with stale values", async () => {
    const { clock, source, read } = setup();
    const [a] = ids(1) as [string];
    await read([a]);
    clock.time += TTL + 1;
    for (const error of [
      new AdapterError("INTERNAL", "billing", 'relation "acct" does not exist'),
      new AdapterError("BAD_USER_INPUT", "billing", "not an account number"),
      new TypeError("a bug"),
    ]) {
      source.down = error;
      const run = withStaleNotes(() => read([a]));
      await expect(run.result).rejects.toBe(error);
      expect(run.notes()).toEqual([]);
    }
  });

  it("keeps entries apart per set of further arguments", async () => {
    const { store, now } = setup();
    const unpaid = fakeSource(new Map([["a", bill(1)]]));
    const all = fakeSource(new Map([["a", bill(2)]]));
    const options = { system: "billing", name: "getBills", store, ttlMs: TTL, staleMs: STALE, now } as const;
    const readUnpaid = cachedBatch({ ...options, args: [{ unpaidOnly: true }] }, unpaid.fetch);
    const readAll = cachedBatch({ ...options, args: [{}] }, all.fetch);
    expect((await readUnpaid(["a"])).get("a")).toEqual(bill(1));
    expect((await readAll(["a"])).get("a")).toEqual(bill(2));
    expect((await readUnpaid(["a"])).get("a")).toEqual(bill(1));
    expect([unpaid.calls.length, all.calls.length]).toEqual([1, 1]);
  });

  it("refuses a TTL and stale window longer than write marks are kept", () => {
    const { store } = setup();
    const options = { system: "billing", name: "getBills", store, ttlMs: MAX_RETENTION_MS, staleMs: 1 } as const;
    expect(() => cachedBatch(options, async () => new Map())).toThrow(RangeError);
    expect(() => cachedBatch({ ...options, staleMs: 0 }, async () => new Map())).not.toThrow();
  });
});

describe("invalidation by our own writes", () => {
  it("makes every cached variant of the written records go to the source, and only those", async () => {
    const { clock, store, now } = setup();
    const options = { system: "billing", name: "getBills", store, ttlMs: TTL, staleMs: STALE, now } as const;
    const plain = fakeSource(new Map([["a", bill(1)], ["b", bill(2)]]));
    const unpaid = fakeSource(new Map([["a", bill(1)], ["b", bill(2)]]));
    const readPlain = cachedBatch(options, plain.fetch);
    const readUnpaid = cachedBatch({ ...options, args: [{ unpaidOnly: true }] }, unpaid.fetch);
    await readPlain(["a", "b"]);
    await readUnpaid(["a", "b"]);
    clock.time += 1;
    await invalidate(store, "billing", "getBills", ["a"], now);
    clock.time += 1;
    await readPlain(["a", "b"]);
    await readUnpaid(["a", "b"]);
    expect(plain.calls).toEqual([["a", "b"], ["a"]]);
    expect(unpaid.calls).toEqual([["a", "b"], ["a"]]);
    await readPlain(["a", "b"]);
    expect(plain.calls).toHaveLength(2);
  });

  it("leaves other methods and systems alone", async () => {
    const { clock, store, now, source, read } = setup();
    const [a] = ids(1) as [string];
    expect((await read([a])).get(a)).toEqual(bill(0));
    clock.time += 1;
    await invalidate(store, "billing", "getPayments", [a], now);
    await invalidate(store, "network", "getBills", [a], now);
    expect((await read([a])).get(a)).toEqual(bill(0));
    expect(source.calls).toHaveLength(1);
  });

  it("serves no value from before the write as stale while the source is down", async () => {
    const { clock, store, now, source, read } = setup();
    const [a] = ids(1) as [string];
    await read([a]);
    clock.time += 1;
    await invalidate(store, "billing", "getBills", [a], now);
    clock.time += TTL;
    source.down = unavailable();
    await expect(read([a])).rejects.toBe(source.down);
  });

  it("discards a value read before a write that lands while it is being fetched", async () => {
    const { clock, store, now } = setup();
    const calls: string[][] = [];
    let writeDuringFetch = true;
    const read = cachedBatch({ system: "billing", name: "getBills", store, ttlMs: TTL, staleMs: STALE, now }, async (keys) => {
      calls.push([...keys]);
      const answer = new Map(keys.map((key) => [key, bill(writeDuringFetch ? 1 : 2)]));
      if (writeDuringFetch) {
        // The source answered with the old bill; our write lands before that answer is stored.
        writeDuringFetch = false;
        clock.time += 10;
        await invalidate(store, "billing", "getBills", keys, now);
        clock.time += 10;
      }
      return answer;
    });
    expect((await read(["a"])).get("a")).toEqual(bill(1));
    expect((await read(["a"])).get("a")).toEqual(bill(2));
    expect((await read(["a"])).get("a")).toEqual(bill(2));
    expect(calls).toEqual([["a"], ["a"]]);
  });
});
