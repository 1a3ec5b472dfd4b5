import { readFile } from "node:fs/promises";
import { gatewayEnv, subgraphUrlOverrides } from "./env.js";
import { gatewayPlugins, settingsFromEnv } from "./plugins/index.js";
import { startGateway } from "./server.js";
import { setLogLevel } from "../schema/logging.js";
import { startMetricsServer } from "./metrics-server.js";
import { telemetryFromEnv } from "./telemetry-env.js";
import { startTracing } from "./tracing.js";

/** The gateway on its own, for deployments where each subgraph runs as its own service. */
async function main(): Promise<void> {
  const env = gatewayEnv();
  const telemetry = telemetryFromEnv(env);
  setLogLevel(telemetry.logLevel);
  const tracing = startTracing(telemetry.tracing);
  const supergraphSdl = await readFile(env.SUPERGRAPH_PATH, "utf8");
  const security = settingsFromEnv(env);
  const gateway = await startGateway({
    supergraphSdl,
    subgraphUrls: subgraphUrlOverrides(env),
    port: env.GATEWAY_PORT,
    host: env.GATEWAY_HOST,
    signingSecret: security.signingSecret,
    plugins: gatewayPlugins(security),
    drainMs: security.deadlineMs + 1_000,
    explorer: { production: security.production },
    overrideLabels: security.overrideLabels,
  });
  const metrics = await startMetricsServer(telemetry.metrics);
  console.log(`gateway ready at ${gateway.url}, explorer at ${gateway.url.replace(/\/graphql$/, "/explorer")}, metrics at ${metrics.url} (${env.GATEWAY_ENV}; tokens checked against ${env.AUTH_JWKS_URL ?? "AUTH_JWT_SECRET"}; traces ${telemetry.tracing.exporter === "otlp" ? `to ${telemetry.tracing.url}` : "off"})`);
  // The same rule as npm start's: one owner of the signals, a bounded drain, a second signal exits at once.
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130);
    stopping = true;
    setTimeout(() => process.exit(1), 15_000).unref();
    Promise.all([gateway.stop(), metrics.stop()])
      .then(() => tracing.stop())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(`gateway failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
