import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ephemeralSecrets } from "../../stack/dev-secrets.js";
import { mintToken } from "../../stack/dev-token.js";
import { PLAN_VARIABLE, processMessageSchema, type GraphPlan, type ProcessMessage } from "./graph-plan.js";

export interface ScaleGraph {
  url: string;
  /** An HQ analyst with the PII right: sees every customer, as a BI connector does. */
  token: string;
  /** The process of the adapters, subgraphs and gateway, and that of the simulated legacy systems. */
  pids: { graph: number; simulators: number };
  close(): Promise<void>;
}

export interface ScaleGraphOptions {
  databaseUrl: string;
  schemaPrefix: string;
  asOf: string;
  /** Where each process writes its V8 CPU profiles (node --cpu-prof), DIR/simulators/ and DIR/graph/, when given. */
  cpuProfileDir?: string | undefined;
}

const PROCESS_SCRIPT = fileURLToPath(new URL("./graph-process.ts", import.meta.url));

/**
 * The graph over one population, in two processes: the simulated legacy systems, and the adapters,
 * subgraphs and gateway. The load generator (this process) then measures the graph as a client does.
 */
export async function startScaleGraph(options: ScaleGraphOptions): Promise<ScaleGraph> {
  const secrets = ephemeralSecrets();
  const base = { databaseUrl: options.databaseUrl, schemaPrefix: options.schemaPrefix, asOf: options.asOf, secrets };
  const children: ChildProcess[] = [];
  const close = async () => {
    await Promise.all(children.reverse().map(stopChild));
  };
  try {
    const profile = (role: string) => (options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${join(options.cpuProfileDir, role)}`] : []);
    const simulators = await start({ ...base, role: "simulators" }, profile("simulators"), children);
    if (simulators.kind !== "simulators") throw new Error("the simulators' process did not say where they serve");
    // The young generation npm start gives its workers (package.json), so the scan measures the graph as deployed.
    const graph = await start({ ...base, role: "graph", endpoints: simulators.endpoints }, ["--max-semi-space-size=64", ...profile("graph")], children);
    if (graph.kind !== "graph") throw new Error("the graph's process did not say where it serves");
    const token = await mintToken(secrets.jwtSecret, { roles: ["hq-analyst"], region: "HQ", pii: true, ttl: "12h" });
    return { url: graph.url, token, pids: { graph: children[1]?.pid ?? 0, simulators: children[0]?.pid ?? 0 }, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function start(plan: GraphPlan, execArgv: string[], children: ChildProcess[]): Promise<ProcessMessage> {
  const child = fork(PROCESS_SCRIPT, [], {
    execArgv: ["--import", "tsx", ...execArgv],
    env: { ...process.env, APOLLO_TELEMETRY_DISABLED: "1", [PLAN_VARIABLE]: JSON.stringify(plan) },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once("message", (raw) => {
      const message = processMessageSchema.parse(raw);
      if (message.kind === "failed") reject(new Error(`the ${plan.role} process could not start: ${message.reason}`));
      else resolve(message);
    });
    child.once("exit", (code, signal) => reject(new Error(`the ${plan.role} process exited before it was ready (${signal ?? `code ${code}`})`)));
  });
}

/** SIGTERM lets the process close its servers (and write its CPU profile) before it exits. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
