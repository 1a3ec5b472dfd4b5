import { devSecurity } from "../../stack/dev-secrets.js";
import { endpointsOf, startServing, startSimulators, type StackOptions } from "../../stack/start-stack.js";
import { PLAN_VARIABLE, planSchema, SUPERGRAPH_PATH, type ProcessMessage } from "./graph-plan.js";

/**
 * One process of the graph under measurement (bench/scale/graph.ts forks two): the simulated legacy
 * systems, or the adapters, subgraphs and gateway over them. Split as a deployment splits them, so the
 * legacy systems' XML and SQL work does not share the graph's core. Stops when its parent goes.
 */
async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
  const plan = planSchema.parse(JSON.parse(process.env[PLAN_VARIABLE] ?? "null"));
  const options: StackOptions = {
    databaseUrl: plan.databaseUrl,
    schemaPrefix: plan.schemaPrefix,
    host: "127.0.0.1",
    supergraphPath: SUPERGRAPH_PATH,
    asOf: plan.asOf,
    // The load is one caller: the per-subject rate limit would refuse it, and the scan's pages are long.
    security: devSecurity(plan.secrets, { rateLimit: { limit: 1_000_000_000, windowMs: 60_000 }, deadlineMs: 60_000 }),
    ports: { gateway: 0, profile: 0, billing: 0, network: 0, keyAccount: 0, insights: 0, hall: 0, networkSimulator: 0 },
    // The scan measures the graph; billing's write-off run would only add its scans of a million accounts.
    writeOffEveryMs: 0,
  };
  let close: () => Promise<void>;
  if (plan.role === "simulators") {
    const simulators = await startSimulators(options);
    close = simulators.close;
    send({ kind: "simulators", endpoints: endpointsOf(simulators, plan.databaseUrl) });
  } else {
    if (!plan.endpoints) throw new Error("the graph process needs the simulators' endpoints");
    const serving = await startServing(options, plan.endpoints);
    close = serving.close;
    send({ kind: "graph", url: serving.gateway.url });
  }
  const stop = () => void close().finally(() => process.exit(0));
  process.on("disconnect", stop);
  process.on("SIGTERM", stop);
}

function send(message: ProcessMessage): void {
  process.send?.(message);
}

main().catch((error: unknown) => {
  send({ kind: "failed", reason: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
