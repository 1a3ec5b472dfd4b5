import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { captureLogs, type CapturedLogs } from "../tests/support/logs.js";
import type { SubgraphReply } from "./engine/subgraph-client.js";
import { gatewayRequests, subgraphCalls } from "./metrics.js";
import { observeRequest, observeSubgraphCall, requestNotes } from "./telemetry.js";
import { startTracing, type RunningTracing } from "./tracing.js";

const exporter = new InMemorySpanExporter();
let tracing: RunningTracing;
let logs: CapturedLogs;
let server: Server;
let url: string;
/** What the handler below does for the next request. */
let handle: (respond: (status: number) => void) => Promise<void>;

beforeAll(async () => {
  tracing = startTracing({ exporter: "none" }, exporter);
  server = createServer((req, res) => void observeRequest(req, res, "/graphql", () => handle((status) => void res.writeHead(status).end("{}"))));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await tracing.stop();
});
beforeEach(() => {
  exporter.reset();
  logs = captureLogs();
});
afterEach(() => logs.restore());

const requestLine = () => vi.waitFor(() => logs.lines().find((line) => line.component === "gateway" && line.path === "/graphql") ?? Promise.reject(new Error("no line yet")));
const counted = async (labels: { operation_type: string; status: string }) =>
  (await gatewayRequests.get()).values.find((v) => v.labels.operation_type === labels.operation_type && v.labels.status === labels.status)?.value ?? 0;

describe("observeRequest", () => {
  it("returns the caller's well-formed request id, logs the request under it once it ends, and counts it", async () => {
    handle = async (respond) => {
      const noted = requestNotes()!;
      noted.operationName = "Customer360";
      noted.operationType = "query";
      noted.errors.set("FORBIDDEN", 2);
      respond(200);
    };
    const before = await counted({ operation_type: "query", status: "200" });
    const response = await fetch(url, { method: "POST", headers: { "x-request-id": "caller-id-42" } });
    expect(response.headers.get("x-request-id")).toBe("caller-id-42");
    expect(await requestLine()).toMatchObject({
      level: "info",
      requestId: "caller-id-42",
      method: "POST",
      status: 200,
      operationName: "Customer360",
      operationType: "query",
      errors: { FORBIDDEN: 2 },
      durationMs: expect.any(Number),
      msg: "request",
    });
    expect(await counted({ operation_type: "query", status: "200" })).toBe(before + 1);
  });

  it("makes an id when the caller sends none, and writes a request that failed at error level, one answered in part at warn", async () => {
    handle = async (respond) => respond(500);
    const failed = await fetch(url, { method: "POST" });
    expect(failed.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await requestLine()).toMatchObject({ level: "error", status: 500, operationType: "none", requestId: failed.headers.get("x-request-id") });

    logs.restore();
    logs = captureLogs();
    handle = async (respond) => {
      requestNotes()!.errors.set("SOURCE_TIMEOUT", 1);
      respond(200);
    };
    await fetch(url, { method: "POST" });
    expect(await requestLine()).toMatchObject({ level: "warn", msg: "request answered in part" });
  });

  it("opens a new trace for each request, whatever traceparent the caller sends: the gateway is where trust starts", async () => {
    handle = async (respond) => respond(200);
    const callers = "0af7651916cd43dd8448eb211c80319c";
    const response = await fetch(url, { method: "POST", headers: { traceparent: `00-${callers}-b7ad6b7169203331-01` } });
    await requestLine();
    const [span] = exporter.getFinishedSpans();
    expect(span).toMatchObject({ name: "POST /graphql", kind: SpanKind.SERVER });
    expect(span!.parentSpanContext).toBeUndefined();
    expect(span!.spanContext().traceId).not.toBe(callers);
    expect(span!.attributes).toMatchObject({ "cg.request_id": response.headers.get("x-request-id"), "http.response.status_code": 200 });
  });
});

describe("observeSubgraphCall", () => {
  it("sends the request id and the trace's context with the call, under a client span with the subgraph and batch size, and counts the outcome", async () => {
    let sent: Record<string, string> = {};
    const answer: SubgraphReply = { kind: "answer", data: {}, errors: undefined };
    const failure: SubgraphReply = { kind: "failed", code: "SOURCE_UNAVAILABLE", message: "billing is unavailable" };
    const before = (await subgraphCalls.get()).values.find((v) => v.labels.subgraph === "billing" && v.labels.outcome === "failed")?.value ?? 0;
    handle = async (respond) => {
      await observeSubgraphCall("profile", 7, async (headers) => ((sent = headers), answer));
      await observeSubgraphCall("billing", undefined, async () => failure);
      respond(200);
    };
    const response = await fetch(url, { method: "POST" });
    await requestLine();
    const spans = exporter.getFinishedSpans();
    const root = spans.find((span) => span.name === "POST /graphql")!;
    const profile = spans.find((span) => span.name === "gateway.fetch profile")!;
    expect(profile.kind).toBe(SpanKind.CLIENT);
    expect(profile.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    expect(profile.attributes).toEqual({ "cg.subgraph": "profile", "cg.batch_size": 7 });
    expect(sent["x-request-id"]).toBe(response.headers.get("x-request-id"));
    expect(sent.traceparent).toBe(`00-${profile.spanContext().traceId}-${profile.spanContext().spanId}-01`);
    expect(spans.find((span) => span.name === "gateway.fetch billing")!.status).toEqual({ code: SpanStatusCode.ERROR, message: "SOURCE_UNAVAILABLE" });
    expect((await subgraphCalls.get()).values.find((v) => v.labels.subgraph === "billing" && v.labels.outcome === "failed")?.value).toBe(before + 1);
  });

  it("outside a request, sends neither and makes no span", async () => {
    let sent: Record<string, string> | undefined;
    await observeSubgraphCall("profile", undefined, async (headers) => ((sent = headers), { kind: "answer", data: null, errors: undefined }));
    expect(sent).toEqual({});
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
