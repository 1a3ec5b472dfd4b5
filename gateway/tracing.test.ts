import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { context, propagation, trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { startTracing } from "./tracing.js";

describe("startTracing", () => {
  it("registers nothing with the exporter off: spans are not recorded and no context travels", async () => {
    const tracing = startTracing({ exporter: "none" });
    const span = trace.getTracer("test").startSpan("work");
    expect(span.isRecording()).toBe(false);
    const headers: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), span), headers);
    expect(headers).toEqual({});
    await tracing.stop();
  });

  it("sends the spans to the collector over OTLP/HTTP, with its headers and the service's name, and flushes them on stop", async () => {
    const received: { path?: string | undefined; key?: string | string[] | undefined; body: string }[] = [];
    const collector = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ path: req.url, key: req.headers["x-api-key"], body });
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/v1/traces`;
    try {
      const tracing = startTracing({ exporter: "otlp", url, headers: { "x-api-key": "k-123" }, serviceName: "cg-test", sampleRatio: 1 });
      const span = trace.getTracer("test").startSpan("gateway.fetch profile");
      const headers: Record<string, string> = {};
      propagation.inject(trace.setSpan(context.active(), span), headers);
      expect(headers.traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
      span.end();
      await tracing.stop();
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ path: "/v1/traces", key: "k-123" });
      expect(received[0]!.body).toContain("gateway.fetch profile");
      expect(received[0]!.body).toContain("cg-test");
    } finally {
      await new Promise((resolve) => collector.close(resolve));
    }
  });

  it("keeps no new trace with a ratio of 0, and says so to the subgraphs it calls", async () => {
    const tracing = startTracing({ exporter: "otlp", url: "http://127.0.0.1:9/v1/traces", headers: {}, serviceName: "cg-test", sampleRatio: 0 });
    const span = trace.getTracer("test").startSpan("POST /graphql");
    expect(span.isRecording()).toBe(false);
    const headers: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), span), headers);
    expect(headers.traceparent).toMatch(/-00$/);
    span.end();
    await tracing.stop();
  });
});
