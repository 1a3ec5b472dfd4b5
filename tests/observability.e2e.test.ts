import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SpanKind } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { DEFAULT_CACHE_CONFIG } from "../adapters/kit/cache/config.js";
import { SOURCE_SYSTEMS } from "../adapters/kit/errors.js";
import { startMetricsServer, type RunningMetrics } from "../gateway/metrics-server.js";
import { startTracing, type RunningTracing } from "../gateway/tracing.js";
import { schemaNames } from "../sandbox/schema/names.js";
import { captureLogs } from "./support/logs.js";
import { readmeQuery } from "./support/readme.js";
import { startTestStack, type TestStack } from "./support/stack.js";

const sandbox = inject("sandbox");
const s = schemaNames(sandbox.schemaPrefix);
const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
const METRICS_TOKEN = "scrape-token-for-the-tests";
const exporter = new InMemorySpanExporter();
let tracing: RunningTracing;
let stack: TestStack;
let metrics: RunningMetrics;
let dir: string;
/** A key account: the README's query about it reaches every subgraph and every legacy system but the call centre. */
let keyAccountCustomer: string;

beforeAll(async () => {
  tracing = startTracing({ exporter: "none" }, exporter);
  dir = await mkdtemp(join(tmpdir(), "cg-obs-"));
  const resilience = JSON.parse(await readFile("config/resilience.json", "utf8"));
  // Two failures open the network's breaker, which then stays open for the rest of the file.
  resilience.network.breaker = { consecutiveFailures: 2, halfOpenAfterMs: 600_000 };
  resilience.network.retry = { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 };
  await writeFile(join(dir, "resilience.json"), JSON.stringify(resilience));
  // Only the business hall's records are cached: the network's outage must reach its adapter.
  const cache = Object.fromEntries(SOURCE_SYSTEMS.map((system) => [system, { ...DEFAULT_CACHE_CONFIG[system], enabled: system === "business-hall" }]));
  stack = await startTestStack(sandbox.databaseUrl, sandbox.schemaPrefix, sandbox.asOf, {}, { resiliencePath: join(dir, "resilience.json"), cache: { config: cache as never } });
  metrics = await startMetricsServer({ port: 0, host: "127.0.0.1", token: METRICS_TOKEN });
  const { rows } = await pool.query<{ id: string }>(`SELECT substr("YYKHH", 3) AS id FROM ${s.keyAccount}."DKH_KHXX" ORDER BY "KHBH" LIMIT 1`);
  keyAccountCustomer = rows[0]!.id;
});
afterAll(async () => {
  await metrics?.stop();
  await stack?.close();
  await tracing?.stop();
  await pool.end();
  await rm(dir, { recursive: true, force: true });
});

async function post(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${await stack.token()}`, ...headers },
    body: JSON.stringify({ query }),
  });
  return { requestId: response.headers.get("x-request-id"), body: (await response.json()) as { data?: Record<string, any>; errors?: { extensions?: { code?: string } }[] } };
}

/** The spans of the trace whose gateway span carries `requestId`, once the gateway's span has ended. */
async function traceOf(requestId: string): Promise<ReadableSpan[]> {
  const root = await vi.waitFor(() => {
    const found = exporter.getFinishedSpans().find((span) => span.attributes["cg.request_id"] === requestId);
    if (!found) throw new Error(`no gateway span for ${requestId} yet`);
    return found;
  });
  return exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === root.spanContext().traceId);
}

const parentOf = (span: ReadableSpan, spans: ReadableSpan[]) => spans.find((p) => p.spanContext().spanId === span.parentSpanContext?.spanId);

/** The value of one series in Prometheus's text format; 0 when it has no such sample yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split("\n").find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

async function scrape(): Promise<string> {
  const response = await fetch(metrics.url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  return response.text();
}

describe("traces", () => {
  it("one request is one trace: the gateway, each subgraph fetched, the adapters and every legacy call, with system, operation and batch size", async () => {
    exporter.reset();
    const before = stack.roundTrips.snapshot();
    const { requestId, body } = await post(readmeQuery(keyAccountCustomer));
    expect(body.errors).toBeUndefined();
    const spans = await traceOf(requestId!);

    const gateway = spans.find((span) => span.name === "POST /graphql")!;
    expect(gateway.kind).toBe(SpanKind.SERVER);
    expect(gateway.parentSpanContext).toBeUndefined();
    expect(gateway.attributes).toMatchObject({ "cg.request_id": requestId, "graphql.operation.type": "query", "http.response.status_code": 200 });

    const fetches = spans.filter((span) => span.name.startsWith("gateway.fetch "));
    const fetched = new Set(fetches.map((span) => span.attributes["cg.subgraph"]));
    expect([...fetched].sort()).toEqual(["billing", "insights", "key-account", "network", "profile"]);
    for (const fetch of fetches) {
      expect(fetch.kind).toBe(SpanKind.CLIENT);
      expect(parentOf(fetch, spans)).toBe(gateway);
      // Over HTTP, carried by traceparent: the subgraph's span is the fetch's child.
      const served = spans.filter((span) => span.kind === SpanKind.SERVER && parentOf(span, spans) === fetch);
      expect(served.map((span) => span.name)).toEqual([`subgraph ${fetch.attributes["cg.subgraph"]}`]);
    }

    const legacy = spans.filter((span) => span.attributes["cg.protocol"] !== undefined);
    for (const call of legacy) {
      const adapter = parentOf(call, spans)!;
      expect(adapter.name).toBe(`${call.attributes["cg.system"]} ${call.attributes["cg.operation"]}`);
      expect(call.attributes["cg.batch_size"]).toBe(adapter.attributes["cg.batch_size"]);
      expect(parentOf(adapter, spans)!.name).toMatch(/^subgraph /);
    }
    // Every round trip the adapters counted is a span, system by system.
    const after = stack.roundTrips.snapshot();
    for (const system of SOURCE_SYSTEMS) expect(legacy.filter((span) => span.attributes["cg.system"] === system).length, system).toBe(after[system] - before[system]);
    expect(legacy.find((span) => span.attributes["cg.system"] === "billing")!.attributes["db.system.name"]).toBe("postgresql");
    expect(new Set(legacy.map((span) => span.attributes["cg.system"]))).toEqual(new Set(["business-hall", "billing", "network", "key-account"]));
  });

  it("gives a batched call its batch size at every hop: five customers' accounts are one fetch, one port call and one query of five", async () => {
    exporter.reset();
    const { requestId, body } = await post(`{ customers(first: 5) { edges { node { id accounts { accountNo } } } } }`);
    expect(body.data!.customers.edges).toHaveLength(5);
    const spans = await traceOf(requestId!);
    const fetch = spans.find((span) => span.name === "gateway.fetch billing")!;
    expect(fetch.attributes["cg.batch_size"]).toBe(5);
    const adapter = spans.filter((span) => span.name === "billing getAccountsByCustomer");
    expect(adapter).toHaveLength(1);
    expect(adapter[0]!.attributes).toMatchObject({ "cg.system": "billing", "cg.operation": "getAccountsByCustomer", "cg.batch_size": 5 });
    const queries = spans.filter((span) => parentOf(span, spans) === adapter[0]);
    expect(queries.map((span) => span.attributes)).toEqual([expect.objectContaining({ "cg.system": "billing", "cg.operation": "getAccountsByCustomer", "cg.batch_size": 5, "cg.protocol": "sql" })]);
  });
});

describe("logs", () => {
  it("carry the request id on every line of the request, pass it to the subgraphs, and hold no personal data", async () => {
    const { rows } = await pool.query<{ name: string; phone: string; card: string; address: string; serviceNo: string }>(
      `SELECT c.cust_name AS name, c.phone, c.cert_no AS card, c.address, u.serv_no AS "serviceNo" FROM ${s.hall}.tb_cust c JOIN ${s.hall}.tb_user u ON u.cust_no = c.cust_no WHERE c.cust_no = $1 LIMIT 1`,
      [keyAccountCustomer],
    );
    const person = rows[0]!;
    const logs = captureLogs();
    let answered: { data?: Record<string, any> };
    try {
      const query = `{ customer(id: "${keyAccountCustomer}") { name phone idCardNumber address accounts { accountNo } } customerByServiceNumber(serviceNo: "${person.serviceNo}") { id } }`;
      const sent = await post(query, { "x-request-id": "obs-test-0001" });
      answered = sent.body;
      expect(sent.requestId).toBe("obs-test-0001");
      // Billing down: the errors logged on the way carry the id too.
      stack.simulators.billing.faults.set({ down: true });
      const failing = await post(query, { "x-request-id": "obs-test-0002" });
      expect(failing.body.errors?.map((e) => e.extensions?.code)).toContain("SOURCE_UNAVAILABLE");
      // A phone number is no request id: the gateway makes its own.
      const replaced = await post(`{ judgementsAsOf }`, { "x-request-id": person.phone });
      expect(replaced.requestId).toMatch(/^[0-9a-f-]{36}$/);
      await vi.waitFor(() => expect(logs.lines().filter((line) => line.msg === "request")).toHaveLength(2));
    } finally {
      stack.simulators.billing.faults.clear();
      logs.restore();
    }
    // What the answer held with the PII right, and the tables hold: never in a log line.
    expect(answered.data!.customer).toMatchObject({ name: person.name, phone: person.phone, idCardNumber: person.card, address: person.address });
    for (const personal of [person.name, person.phone, person.card, person.address, person.serviceNo]) expect(logs.text()).not.toContain(personal);

    const lines = logs.lines();
    const first = lines.filter((line) => line.requestId === "obs-test-0001");
    expect(first.find((line) => line.component === "gateway")).toMatchObject({ msg: "request", status: 200, operationType: "query", roles: ["hq-analyst"], region: "HQ" });
    expect(first.filter((line) => line.component === "subgraph").map((line) => line.subgraph)).toEqual(expect.arrayContaining(["profile", "billing"]));
    const second = lines.filter((line) => line.requestId === "obs-test-0002");
    expect(second.find((line) => line.component === "gateway")).toMatchObject({ level: "warn", msg: "request answered in part", errors: { SOURCE_UNAVAILABLE: expect.any(Number) } });
    expect(second.some((line) => line.component === "subgraph" && line.level === "error" && line.source === "billing")).toBe(true);
    // Every line made while serving a request says which.
    for (const line of lines.filter((l) => l.component === "gateway" || l.component === "subgraph")) expect(line.requestId, JSON.stringify(line)).toEqual(expect.any(String));
  });
});

describe("/metrics", () => {
  it("answers only a scrape with the token, on its own port", async () => {
    expect((await fetch(metrics.url)).status).toBe(401);
    expect((await fetch(metrics.url, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    expect((await fetch(metrics.url.replace("/metrics", "/graphql"), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(404);
    expect((await fetch(stack.gateway.url.replace("/graphql", "/metrics"))).status).toBe(404);
  });

  it("exposes the named series after a request: requests, errors, latency, round trips per system, breakers, cache, shadow differences", async () => {
    const before = await scrape();
    await post(readmeQuery(keyAccountCustomer));
    await post(readmeQuery(keyAccountCustomer));
    await post(`{ customer(id: "${keyAccountCustomer}") { name } }`, { authorization: "Bearer not-a-token" });
    const text = await scrape();
    for (const name of ["cg_gateway_requests_total", "cg_gateway_errors_total", "cg_gateway_request_duration_seconds", "cg_gateway_subgraph_requests_total", "cg_gateway_subgraph_duration_seconds", "cg_legacy_round_trips_total", "cg_legacy_errors_total", "cg_legacy_round_trip_duration_seconds", "cg_breaker_state", "cg_cache_lookups_total", "cg_shadow_differences_total"]) {
      expect(text, name).toContain(`# TYPE ${name} `);
    }
    expect(sample(text, "cg_gateway_requests_total", { operation_type: "query", status: "200" }) - sample(before, "cg_gateway_requests_total", { operation_type: "query", status: "200" })).toBe(2);
    expect(sample(text, "cg_gateway_requests_total", { operation_type: "none", status: "401" }) - sample(before, "cg_gateway_requests_total", { operation_type: "none", status: "401" })).toBe(1);
    expect(sample(text, "cg_gateway_errors_total", { code: "UNAUTHENTICATED" }) - sample(before, "cg_gateway_errors_total", { code: "UNAUTHENTICATED" })).toBe(1);
    expect(sample(text, "cg_gateway_request_duration_seconds_count", { operation_type: "query" }) - sample(before, "cg_gateway_request_duration_seconds_count", { operation_type: "query" })).toBe(2);
    expect(sample(text, "cg_gateway_subgraph_requests_total", { subgraph: "insights", outcome: "answer" })).toBeGreaterThan(sample(before, "cg_gateway_subgraph_requests_total", { subgraph: "insights", outcome: "answer" }));
    // The adapters' own count and the metric see the same calls.
    for (const system of SOURCE_SYSTEMS) expect(sample(text, "cg_legacy_round_trips_total", { system }), system).toBe(stack.roundTrips.get(system));
    // The second answer found the hall's records in the cache.
    expect(sample(text, "cg_cache_lookups_total", { system: "business-hall", result: "hit" })).toBeGreaterThan(sample(before, "cg_cache_lookups_total", { system: "business-hall", result: "hit" }));
    expect(sample(text, "cg_cache_lookups_total", { system: "business-hall", result: "miss" })).toBeGreaterThan(0);
    for (const system of SOURCE_SYSTEMS) expect(sample(text, "cg_breaker_state", { system }), system).toBe(0);
    expect(text).not.toMatch(/^cg_shadow_differences_total\{/m);
  });

  it("moves with a faulted system: its errors count, its breaker opens, the answers carry SOURCE_UNAVAILABLE", async () => {
    const before = await scrape();
    stack.simulators.network.faults.set({ down: true });
    try {
      for (let i = 0; i < 3; i++) {
        const { body } = await post(readmeQuery(keyAccountCustomer));
        expect(body.errors?.map((e) => e.extensions?.code)).toContain("SOURCE_UNAVAILABLE");
      }
    } finally {
      stack.simulators.network.faults.clear();
    }
    const text = await scrape();
    expect(sample(text, "cg_legacy_errors_total", { system: "network", code: "SOURCE_UNAVAILABLE" }) - sample(before, "cg_legacy_errors_total", { system: "network", code: "SOURCE_UNAVAILABLE" })).toBeGreaterThanOrEqual(2);
    expect(sample(text, "cg_breaker_state", { system: "network" })).toBe(2);
    expect(sample(text, "cg_breaker_state", { system: "billing" })).toBe(0);
    expect(sample(text, "cg_gateway_errors_total", { code: "SOURCE_UNAVAILABLE" })).toBeGreaterThan(sample(before, "cg_gateway_errors_total", { code: "SOURCE_UNAVAILABLE" }));
    expect(sample(text, "cg_legacy_round_trips_total", { system: "network" })).toBe(stack.roundTrips.get("network"));
  });
});
