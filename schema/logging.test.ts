import { context, trace } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTracing, type RunningTracing } from "../gateway/tracing.js";
import { captureLogs, type CapturedLogs } from "../tests/support/logs.js";
import { componentLog, currentRequestId, setLogLevel, withRequestId } from "./logging.js";
import { requestIdFrom } from "./request-id.js";

let logs: CapturedLogs;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

describe("the graph's log", () => {
  it("writes one JSON line per event, naming the part that wrote it, its level as a word and the time as ISO 8601", () => {
    componentLog("gateway").info({ status: 200 }, "request");
    const [line] = logs.lines();
    expect(line).toMatchObject({ level: "info", component: "gateway", status: 200, msg: "request" });
    expect(String(line!.time)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(logs.text().endsWith("\n")).toBe(true);
  });

  it("puts the request's id on every line made while it runs, however deep, and none outside", async () => {
    const log = componentLog("subgraph");
    await withRequestId("req-0001", async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentRequestId()).toBe("req-0001");
      log.warn("inside");
    });
    log.warn("outside");
    expect(logs.lines().map((line) => [line.msg, line.requestId])).toEqual([
      ["inside", "req-0001"],
      ["outside", undefined],
    ]);
  });

  it("masks ID-card, bank-card and phone numbers wherever they are on the line, and keeps customer and account numbers", () => {
    componentLog("adapters").error({ detail: "holder 13912340456", card: "6222021234567890123" }, "bad row 32010219800101045X of customer 320100000006, account 88320100000006, line 025-84561234");
    const text = logs.text();
    for (const personal of ["13912340456", "6222021234567890123", "32010219800101045X", "025-84561234"]) expect(text).not.toContain(personal);
    expect(text).toContain("320100000006");
    expect(text).toContain("88320100000006");
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it("writes what the level lets through, for every part's log at once", () => {
    const log = componentLog("stack");
    setLogLevel("warn");
    log.info("dropped");
    componentLog("a-new-part").info("dropped too");
    log.warn("kept");
    expect(logs.lines().map((line) => line.msg)).toEqual(["kept"]);
  });
});

describe("the trace id on a line", () => {
  let tracing: RunningTracing;
  beforeAll(() => {
    tracing = startTracing({ exporter: "none" }, new InMemorySpanExporter());
  });
  afterAll(() => tracing.stop());

  it("is the sampled trace the line was written in", () => {
    const span = trace.getTracer("test").startSpan("work");
    context.with(trace.setSpan(context.active(), span), () => componentLog("gateway").info("traced"));
    span.end();
    expect(logs.lines()[0]?.traceId).toBe(span.spanContext().traceId);
  });
});

describe("requestIdFrom", () => {
  it("takes the caller's id when it is well-formed", () => {
    for (const id of ["3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b", "01HZX3K8Q2V7R9T5W1Y4B6N0M2", "lb.abc-123:7"]) expect(requestIdFrom(id)).toBe(id);
    expect(requestIdFrom(["first-id", "second-id"])).toBe("first-id");
  });

  it("makes a new one for none, a malformed one, or one shaped like personal data", () => {
    for (const bad of [undefined, "", "has space", "x".repeat(129), "<script>", "13912340456", "32010219800101045X"]) {
      const made = requestIdFrom(bad);
      expect(made).not.toBe(bad);
      expect(made).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});
