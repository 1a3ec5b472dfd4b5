import "reflect-metadata";
import { settingsFromEnv } from "../../../gateway/plugins/index.js";
import { stackEnv } from "../../../stack/env.js";
import { servingOptions } from "../../../stack/serving-options.js";
import { endpointsOf, startServing, startSimulators } from "../../../stack/start-stack.js";
import { startWorkers } from "../../../stack/workers.js";
import { onParentMessage, tellParent } from "../ipc.js";

/**
 * The whole stack as `npm start` deploys it, for the benchmark's `stack` workload: the simulators in
 * this (primary) process; the adapters, subgraphs and gateway in STACK_PROCESSES workers sharing the
 * ports, or here too when it is 1. Settings come from the environment as npm start's do (the runner sets
 * them: database, ports, secrets, cache config, a raised rate limit); the data and the secrets are the
 * runner's, so nothing is generated here.
 */
try {
  const env = stackEnv();
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is required");
  const security = settingsFromEnv(env);
  const options = servingOptions(env, databaseUrl, security);
  const simulators = await startSimulators(options);
  const endpoints = endpointsOf(simulators, databaseUrl);
  const serving =
    env.STACK_PROCESSES === 1
      ? await startServing(options, endpoints).then((s) => ({ url: s.gateway.url, close: s.close }))
      : await startWorkers(env.STACK_PROCESSES, { databaseUrl, endpoints }, { AUTH_JWT_SECRET: security.auth.jwtSecret ?? "", SUBGRAPH_SIGNING_SECRET: security.signingSecret }, (line) => process.stderr.write(`${line}\n`));
  onParentMessage(async (message) => {
    if (message.type !== "stop") return;
    await serving.close();
    await simulators.close();
    process.exit(0);
  });
  tellParent({ type: "ready", url: serving.url });
} catch (error) {
  tellParent({ type: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
