import { isIP } from "node:net";
import { z } from "zod";
import { loggingEnvSchema, type LogLevel } from "../schema/logging.js";

const optional = <T extends z.ZodType>(schema: T) => schema.optional().or(z.literal("").transform(() => undefined));

/** `key=value` pairs separated by commas, as OpenTelemetry's OTEL_EXPORTER_OTLP_HEADERS has them. */
const headerList = z
  .string()
  .regex(/^\s*[^=,\s]+\s*=[^,]*(,\s*[^=,\s]+\s*=[^,]*)*$/, "must be key=value pairs separated by commas")
  .transform((text) =>
    Object.fromEntries(
      text.split(",").map((pair) => {
        const at = pair.indexOf("=");
        return [decodeURIComponent(pair.slice(0, at).trim()), decodeURIComponent(pair.slice(at + 1).trim())];
      }),
    ),
  );

/**
 * How the graph reports on itself: the log level, where traces go (nowhere unless asked), and where
 * Prometheus reads the metrics. The OTEL_* names are OpenTelemetry's own, so a collector's usual
 * settings apply as they are; docs/observability.md explains each.
 */
export const telemetryEnvSchema = z.object({
  ...loggingEnvSchema.shape,
  /** `otlp`: traces go to an OpenTelemetry collector over OTLP/HTTP; `none` (default): no trace leaves the process. */
  OTEL_TRACES_EXPORTER: z.enum(["none", "otlp"]).default("none"),
  /** The collector's traces URL; OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces, or http://localhost:4318/v1/traces, when unset. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optional(z.string().url()),
  /** The collector's base URL (OTLP/HTTP): traces go to its /v1/traces. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(z.string().url()),
  /** Headers sent with every export (a collector's key): `key=value,key2=value2`. */
  OTEL_EXPORTER_OTLP_HEADERS: optional(headerList),
  OTEL_SERVICE_NAME: z.string().min(1).default("customer-graph"),
  /** Share of new traces kept, 0 to 1; a subgraph call follows the gateway's decision. */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  /** The Prometheus endpoint's own port (`/metrics`), never the gateway's. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(9_464),
  /** The address it listens on: loopback unless a scraper elsewhere must reach it. */
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  /** When set, a scrape must send `Authorization: Bearer <it>`; required in production off loopback. */
  METRICS_TOKEN: optional(z.string().min(16, "METRICS_TOKEN must be at least 16 characters")),
});

export type TelemetryEnv = z.infer<typeof telemetryEnvSchema>;

export type TracingSettings =
  | { exporter: "none" }
  | { exporter: "otlp"; url: string; headers: Record<string, string>; serviceName: string; sampleRatio: number };

export interface MetricsSettings {
  port: number;
  host: string;
  token?: string | undefined;
}

export interface TelemetrySettings {
  logLevel: LogLevel;
  tracing: TracingSettings;
  metrics: MetricsSettings;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1"]);

/** Whether `host` is reachable only from this machine. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || (isIP(host) === 4 && host.startsWith("127."));
}

/**
 * The telemetry settings from the checked environment. In production, metrics reachable from other
 * machines must ask for a token: an open /metrics tells anyone the graph's traffic and sick systems.
 */
export function telemetryFromEnv(env: TelemetryEnv & { GATEWAY_ENV?: string }): TelemetrySettings {
  if (env.GATEWAY_ENV === "production" && !isLoopback(env.METRICS_HOST) && !env.METRICS_TOKEN) {
    throw new Error(`bad environment: METRICS_TOKEN: set it when METRICS_HOST (${env.METRICS_HOST}) is not a loopback address in production, or bind /metrics to loopback`);
  }
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, "");
  return {
    logLevel: env.LOG_LEVEL,
    tracing:
      env.OTEL_TRACES_EXPORTER === "none"
        ? { exporter: "none" }
        : {
            exporter: "otlp",
            url: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base}/v1/traces` : "http://localhost:4318/v1/traces"),
            headers: env.OTEL_EXPORTER_OTLP_HEADERS ?? {},
            serviceName: env.OTEL_SERVICE_NAME,
            sampleRatio: env.OTEL_TRACES_SAMPLER_ARG,
          },
    metrics: { port: env.METRICS_PORT, host: env.METRICS_HOST, token: env.METRICS_TOKEN },
  };
}
