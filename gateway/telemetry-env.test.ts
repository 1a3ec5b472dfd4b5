import { describe, expect, it } from "vitest";
import { gatewayEnv } from "./env.js";
import { isLoopback, telemetryEnvSchema, telemetryFromEnv } from "./telemetry-env.js";

const SECRETS = { AUTH_JWT_SECRET: "j".repeat(32), SUBGRAPH_SIGNING_SECRET: "s".repeat(32) };

describe("telemetry settings", () => {
  it("log at info, send no trace anywhere, and serve /metrics on loopback port 9464 without a token, by default", () => {
    expect(telemetryFromEnv(telemetryEnvSchema.parse({}))).toEqual({
      logLevel: "info",
      tracing: { exporter: "none" },
      metrics: { port: 9464, host: "127.0.0.1", token: undefined },
    });
  });

  it("send traces over OTLP/HTTP when asked, to the traces endpoint, or the base endpoint's /v1/traces, with the collector's headers", () => {
    const otlp = (env: Record<string, string>) => telemetryFromEnv(telemetryEnvSchema.parse({ OTEL_TRACES_EXPORTER: "otlp", ...env })).tracing;
    expect(otlp({})).toEqual({ exporter: "otlp", url: "http://localhost:4318/v1/traces", headers: {}, serviceName: "customer-graph", sampleRatio: 1 });
    expect(otlp({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" })).toMatchObject({ url: "http://collector:4318/v1/traces" });
    expect(otlp({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://traces.example/otlp" })).toMatchObject({ url: "https://traces.example/otlp" });
    expect(otlp({ OTEL_EXPORTER_OTLP_HEADERS: "x-api-key=abc=,tenant = graph", OTEL_SERVICE_NAME: "cg-prod", OTEL_TRACES_SAMPLER_ARG: "0.25" })).toMatchObject({
      headers: { "x-api-key": "abc=", tenant: "graph" },
      serviceName: "cg-prod",
      sampleRatio: 0.25,
    });
  });

  it("name the bad variable", () => {
    for (const [name, value] of [
      ["LOG_LEVEL", "loud"],
      ["OTEL_TRACES_EXPORTER", "zipkin"],
      ["OTEL_EXPORTER_OTLP_ENDPOINT", "collector"],
      ["OTEL_EXPORTER_OTLP_HEADERS", "no-equals-sign"],
      ["OTEL_TRACES_SAMPLER_ARG", "2"],
      ["METRICS_PORT", "-1"],
      ["METRICS_TOKEN", "short"],
    ]) {
      expect(() => gatewayEnv({ ...SECRETS, [name!]: value }), name).toThrow(new RegExp(name!));
    }
  });

  it("refuse, in production, a /metrics reachable from other machines without a token", () => {
    const env = (extra: Record<string, string>) => telemetryEnvSchema.parse(extra);
    expect(() => telemetryFromEnv({ ...env({ METRICS_HOST: "0.0.0.0" }), GATEWAY_ENV: "production" })).toThrow(/METRICS_TOKEN/);
    expect(telemetryFromEnv({ ...env({ METRICS_HOST: "0.0.0.0", METRICS_TOKEN: "t".repeat(32) }), GATEWAY_ENV: "production" }).metrics.token).toBe("t".repeat(32));
    expect(telemetryFromEnv({ ...env({}), GATEWAY_ENV: "production" }).metrics.host).toBe("127.0.0.1");
    expect(telemetryFromEnv({ ...env({ METRICS_HOST: "0.0.0.0" }), GATEWAY_ENV: "development" }).metrics.host).toBe("0.0.0.0");
  });

  it("know loopback addresses", () => {
    for (const host of ["127.0.0.1", "127.0.0.9", "::1", "localhost"]) expect(isLoopback(host), host).toBe(true);
    for (const host of ["0.0.0.0", "10.0.0.5", "::", "metrics.internal"]) expect(isLoopback(host), host).toBe(false);
  });
});
