import { SpanKind, SpanStatusCode, context, trace } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startTracing, type RunningTracing } from "../../gateway/tracing.js";
import { breakerPolicy } from "./policies/breaker.js";
import { memoryCacheStore } from "./cache/memory-store.js";
import { cachedBatch } from "./cache/read-through.js";
import { AdapterError } from "./errors.js";
import { breakerState, cacheLookups, legacyErrors, legacyRoundTrips } from "./metrics.js";
import { legacyCall, tracedPort } from "./telemetry.js";

const exporter = new InMemorySpanExporter();
let tracing: RunningTracing;
beforeAll(() => {
  tracing = startTracing({ exporter: "none" }, exporter);
});
afterAll(() => tracing.stop());
beforeEach(() => exporter.reset());

/** Runs `work` inside a span, as a subgraph serves a request. */
function inRequest<T>(work: () => Promise<T>): Promise<T> {
  const span = trace.getTracer("test").startSpan("subgraph profile");
  return context.with(trace.setSpan(context.active(), span), work).finally(() => span.end());
}

/** A port whose batch read makes one legacy call per attempt, as the adapters' sources do. */
const port = {
  async getAccounts(ids: readonly string[]) {
    return legacyCall("billing", "sql", async () => new Map(ids.map((id) => [id, { id }])));
  },
  async getBroken(_ids: readonly string[]) {
    return legacyCall("billing", "sql", () => Promise.reject(new AdapterError("SOURCE_TIMEOUT", "billing", "no answer within 50 ms")));
  },
  health: () => ({ system: "billing" as const, breaker: "closed" as const }),
};

const value = async <T extends string>(metric: { get(): Promise<{ values: { labels: Partial<Record<T, string | number>>; value: number }[] }> }, labels: Partial<Record<T, string>>) =>
  (await metric.get()).values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k as T] === l))?.value ?? 0;

describe("tracedPort and legacyCall", () => {
  it("make a span per port call, with the legacy call under it carrying the system, the operation and the batch size", async () => {
    const traced = tracedPort("billing", port);
    await inRequest(() => traced.getAccounts(["88000000000001", "88000000000002", "88000000000003"]));
    const spans = exporter.getFinishedSpans();
    const adapter = spans.find((span) => span.name === "billing getAccounts")!;
    const legacy = spans.find((span) => span.name === "billing sql")!;
    expect(adapter.attributes).toEqual({ "cg.system": "billing", "cg.operation": "getAccounts", "cg.batch_size": 3 });
    expect(legacy.kind).toBe(SpanKind.CLIENT);
    expect(legacy.parentSpanContext?.spanId).toBe(adapter.spanContext().spanId);
    expect(legacy.attributes).toEqual({ "cg.system": "billing", "cg.operation": "getAccounts", "cg.batch_size": 3, "cg.protocol": "sql", "db.system.name": "postgresql" });
  });

  it("mark a failed call with its error code on both spans, and count it", async () => {
    const before = await value(legacyErrors, { system: "billing", code: "SOURCE_TIMEOUT" });
    const traced = tracedPort("billing", port);
    await expect(inRequest(() => traced.getBroken(["88000000000001"]))).rejects.toMatchObject({ code: "SOURCE_TIMEOUT" });
    for (const name of ["billing getBroken", "billing sql"]) {
      const span = exporter.getFinishedSpans().find((s) => s.name === name)!;
      expect(span.status, name).toEqual({ code: SpanStatusCode.ERROR, message: "SOURCE_TIMEOUT" });
      expect(span.attributes["cg.error_code"]).toBe("SOURCE_TIMEOUT");
    }
    expect(await value(legacyErrors, { system: "billing", code: "SOURCE_TIMEOUT" })).toBe(before + 1);
  });

  it("count every legacy call, traced or not, and make no span outside a traced request", async () => {
    const before = await value(legacyRoundTrips, { system: "billing" });
    const traced = tracedPort("billing", port);
    expect(await traced.getAccounts(["88000000000001"])).toEqual(new Map([["88000000000001", { id: "88000000000001" }]]));
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(await value(legacyRoundTrips, { system: "billing" })).toBe(before + 1);
  });

  it("leave what is no call to the system alone", async () => {
    const traced = tracedPort("billing", port);
    await inRequest(async () => traced.health());
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(["subgraph profile"]);
  });
});

describe("the adapters' metrics", () => {
  it("follow each breaker's state: 0 closed, 2 open, 1 half-open while a call tests the system, 0 once it answers", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const breaker = breakerPolicy("call-centre", { consecutiveFailures: 2, halfOpenAfterMs: 1_000 });
      const state = () => value(breakerState, { system: "call-centre" });
      expect(await state()).toBe(0);
      const down = () => Promise.reject(new AdapterError("SOURCE_UNAVAILABLE", "call-centre", "down"));
      for (let i = 0; i < 2; i++) await breaker.execute(down).catch(() => undefined);
      expect(await state()).toBe(2);
      vi.setSystemTime(Date.now() + 1_000);
      let during = -1;
      await breaker.execute(async () => {
        // The test call is under way.
        await new Promise((resolve) => setImmediate(resolve));
        during = await state();
      });
      expect(during).toBe(1);
      expect(await state()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("count the cache's hits, misses, and the misses served stale while the system is down", async () => {
    const lookups = (result: string) => value(cacheLookups, { system: "network", result });
    const [hits, misses, stale] = [await lookups("hit"), await lookups("miss"), await lookups("stale")];
    const clock = { time: 1_700_000_000_000 };
    const now = () => clock.time;
    let down = false;
    const read = cachedBatch({ system: "network", name: "getLineStatuses", store: memoryCacheStore({ now }), ttlMs: 1_000, staleMs: 60_000, now }, async (keys) => {
      if (down) throw new AdapterError("SOURCE_UNAVAILABLE", "network", "down");
      return new Map(keys.map((key) => [key, "up"]));
    });
    await read(["a", "b"]);
    await read(["a", "b", "c"]);
    clock.time += 2_000;
    down = true;
    await read(["a", "b"]);
    expect([(await lookups("hit")) - hits, (await lookups("miss")) - misses, (await lookups("stale")) - stale]).toEqual([2, 2 + 1 + 2, 2]);
  });
});
