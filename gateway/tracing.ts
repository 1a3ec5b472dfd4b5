import { context, propagation, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, ParentBasedSampler, SimpleSpanProcessor, TraceIdRatioBasedSampler, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import type { TracingSettings } from "./telemetry-env.js";

export interface RunningTracing {
  /** Sends the spans still buffered, then stops tracing in this process. */
  stop(): Promise<void>;
}

/**
 * Traces for this process: the gateway, the subgraphs and the adapters create their spans through
 * OpenTelemetry's API, which costs next to nothing until a provider is registered here. With the
 * exporter off (the default) none is. `exporter` replaces OTLP (a test keeps spans in memory).
 */
export function startTracing(settings: TracingSettings, exporter?: SpanExporter): RunningTracing {
  if (settings.exporter === "none" && !exporter) return { stop: async () => {} };
  const otlp = settings.exporter === "otlp" ? settings : undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: otlp?.serviceName ?? "customer-graph" }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(otlp?.sampleRatio ?? 1) }),
    // In memory, each span is there as soon as it ends; on the wire, spans go in batches off the request's path.
    spanProcessors: [exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(new OTLPTraceExporter({ url: otlp!.url, headers: otlp!.headers }))],
  });
  // The context manager (AsyncLocalStorage) and the W3C traceparent propagator come with it.
  provider.register();
  return {
    stop: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
