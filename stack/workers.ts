import cluster, { type Worker } from "node:cluster";
import { fileURLToPath } from "node:url";
import { componentLog } from "../schema/logging.js";
import { STOP_MESSAGE, WORKER_PLAN_VARIABLE, workerMessageSchema, type WorkerPlan } from "./worker-messages.js";

export interface RunningWorkers {
  /** The gateway's URL, the same for every worker (they share its port). */
  url: string;
  /** Asks every worker to stop (each lets its requests in flight finish) and waits until all have exited. */
  close(): Promise<void>;
}

/** How many times a worker that dies on its own is replaced, per minute, before the primary gives up replacing. */
const RESTARTS_PER_MINUTE = 5;

/**
 * `npm start` on every core: `count` worker processes, each with the adapters, the subgraphs and the
 * gateway (stack/worker.ts), sharing every listening port through node:cluster, which hands each new
 * connection to a worker in turn. The primary keeps the simulated systems. A worker that dies is
 * replaced; the start fails if any worker cannot start.
 */
export async function startWorkers(count: number, plan: WorkerPlan, env: Record<string, string>, log: (line: string) => void = (line) => componentLog("stack").warn(line)): Promise<RunningWorkers> {
  cluster.setupPrimary({ exec: fileURLToPath(new URL("./worker.ts", import.meta.url)), execArgv: process.execArgv, silent: false });
  const workerEnv = { ...env, [WORKER_PLAN_VARIABLE]: JSON.stringify(plan) };
  const live = new Set<Worker>();
  let stopping = false;
  let restarts: number[] = [];

  const fork = () =>
    new Promise<{ worker: Worker; url: string }>((resolve, reject) => {
      const worker = cluster.fork(workerEnv);
      live.add(worker);
      let ready = false;
      worker.on("message", (raw: unknown) => {
        const message = workerMessageSchema.safeParse(raw);
        if (!message.success) return;
        if (message.data.kind === "ready") {
          ready = true;
          // Still starting when the stop came (its message may have arrived before it listened): stop it now.
          if (stopping) worker.send(STOP_MESSAGE);
          resolve({ worker, url: message.data.url });
        } else reject(new Error(`a worker could not start: ${message.data.reason}`));
      });
      worker.on("exit", (code, signal) => {
        live.delete(worker);
        if (!ready) return reject(new Error(`a worker exited before it was ready (${signal ?? `code ${code}`})`));
        if (stopping) return;
        const now = Date.now();
        restarts = restarts.filter((at) => now - at < 60_000);
        if (restarts.length >= RESTARTS_PER_MINUTE) return log(`worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); not replaced: ${RESTARTS_PER_MINUTE} replacements in the last minute`);
        restarts.push(now);
        log(`worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
        fork().then(
          (next) => log(`worker ${next.worker.process.pid} serving in place of ${worker.process.pid}`),
          (error: unknown) => log(`could not replace worker ${worker.process.pid}: ${error instanceof Error ? error.message : String(error)}`),
        );
      });
    });

  const close = async () => {
    stopping = true;
    const exits = [...live].map((worker) => new Promise<void>((resolve) => (worker.isDead() ? resolve() : worker.once("exit", () => resolve()))));
    for (const worker of live) if (worker.isConnected()) worker.send(STOP_MESSAGE);
    await Promise.all(exits);
  };

  try {
    const started = await Promise.all(Array.from({ length: count }, fork));
    return { url: started[0]!.url, close };
  } catch (error) {
    await close();
    throw error;
  }
}
