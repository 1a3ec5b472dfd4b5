import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SpanKind, trace } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startTracing, type RunningTracing } from "../../gateway/tracing.js";
import { currentRequestId } from "../../schema/logging.js";
import { captureLogs, type CapturedLogs } from "../../tests/support/logs.js";
import { observeSubgraphRequest, subgraphLog } from "./telemetry.js";

const exporter = new InMemorySpanExporter();
let tracing: RunningTracing;
let logs: CapturedLogs;
let server: Server;
let url: string;
let status = 200;
/** What the handler saw of the request it served. */
let seen: { requestId?: string | undefined; traceId?: string | undefined } = {};

beforeAll(async () => {
  tracing = startTracing({ exporter: "none" }, exporter);
  server = createServer((req, res) =>
    void observeSubgraphRequest("billing", req, res, async () => {
      seen = { requestId: currentRequestId(), traceId: trace.getActiveSpan()?.spanContext().traceId };
      if (status >= 500) subgraphLog.error("the resolver failed");
      res.writeHead(status).end("{}");
    }),
  );
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

const callLine = () => vi.waitFor(() => logs.lines().find((line) => line.subgraph === "billing") ?? Promise.reject(new Error("no line yet")));

describe("observeSubgraphRequest", () => {
  it("serves the call under the gateway's request id, in a span continuing the gateway's trace", async () => {
    status = 200;
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const response = await fetch(url, { method: "POST", headers: { "x-request-id": "gw-req-7", traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    expect(response.headers.get("x-request-id")).toBe("gw-req-7");
    expect(seen).toEqual({ requestId: "gw-req-7", traceId });
    expect(await callLine()).toMatchObject({ level: "debug", component: "subgraph", requestId: "gw-req-7", status: 200, msg: "subgraph call" });
    const [span] = exporter.getFinishedSpans();
    expect(span).toMatchObject({ name: "subgraph billing", kind: SpanKind.SERVER });
    expect(span!.spanContext().traceId).toBe(traceId);
    expect(span!.parentSpanContext?.spanId).toBe("00f067aa0ba902b7");
    expect(span!.attributes).toMatchObject({ "cg.subgraph": "billing", "http.response.status_code": 200 });
  });

  it("logs a failed call at error level, every line of it with the request id", async () => {
    status = 500;
    await fetch(url, { method: "POST", headers: { "x-request-id": "gw-req-8" } });
    await callLine();
    expect(logs.lines().map((line) => [line.level, line.msg, line.requestId])).toEqual([
      ["error", "the resolver failed", "gw-req-8"],
      ["error", "subgraph call failed", "gw-req-8"],
    ]);
  });
});
