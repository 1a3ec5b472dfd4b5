import { settingsFromEnv } from "../gateway/plugins/index.js";
import { answerMetricsRequests } from "../gateway/metrics-server.js";
import { telemetryFromEnv } from "../gateway/telemetry-env.js";
import { startTracing, type RunningTracing } from "../gateway/tracing.js";
import { setLogLevel } from "../schema/logging.js";
import { stackEnv } from "./env.js";
import { servingOptions } from "./serving-options.js";
import { startServing, type Serving } from "./start-stack.js";
import { STOP_MESSAGE, WORKER_PLAN_VARIABLE, workerPlanSchema, type WorkerMessage } from "./worker-messages.js";

/**
 * One worker process of a multi-process `npm start` (stack/workers.ts): the adapters, the five subgraphs
 * and the gateway, on the ports every worker shares, over the systems the primary runs. It stops when
 * the primary says so or a signal comes (Ctrl-C reaches the whole process group), and exits with its
 * primary.
 */
async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
  let serving: Serving | null = null;
  let tracing: RunningTracing | null = null;
  let stopping: Promise<void> | null = null;
  // Asked to stop while still starting (another worker failed): nothing is serving yet, so just go.
  const stop = () => {
    if (!serving) process.exit(0);
    stopping ??= serving
      .close()
      .then(() => tracing?.stop())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on("message", (message: unknown) => {
    if ((message as { kind?: unknown } | null)?.kind === STOP_MESSAGE.kind) stop();
  });
  // The primary gone (killed, or exited on a second signal): nothing is left to serve for.
  process.on("disconnect", () => process.exit(1));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => (stopping ? process.exit(130) : stop()));
  }
  const env = stackEnv();
  const telemetry = telemetryFromEnv(env);
  setLogLevel(telemetry.logLevel);
  tracing = startTracing(telemetry.tracing);
  // The primary's /metrics asks every worker for its series (gateway/metrics-server.ts).
  answerMetricsRequests();
  const plan = workerPlanSchema.parse(JSON.parse(process.env[WORKER_PLAN_VARIABLE] ?? "null"));
  serving = await startServing(servingOptions(env, plan.databaseUrl, settingsFromEnv(env)), plan.endpoints);
  send({ kind: "ready", url: serving.gateway.url });
}

function send(message: WorkerMessage): void {
  process.send?.(message);
}

main().catch((error: unknown) => {
  send({ kind: "failed", reason: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
