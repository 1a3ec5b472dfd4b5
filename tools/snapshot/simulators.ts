import { once } from "node:events";
import { Worker } from "node:worker_threads";

export interface SimulatorThread {
  hallUrl: string;
  networkUrl: string;
  close(): Promise<void>;
}

/** Starts the hall and network simulators over `databaseUrl` on their own thread (simulators.worker.ts). */
export async function startSimulatorThread(databaseUrl: string, schemas: { hall: string; network: string }): Promise<SimulatorThread> {
  // The worker is TypeScript, and a worker does not inherit tsx's loader: it imports itself through tsx's API.
  const api = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./simulators.worker.ts", import.meta.url).href;
  const bootstrap = `import { tsImport } from ${JSON.stringify(api)}; await tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), {
    workerData: { databaseUrl, hallSchema: schemas.hall, networkSchema: schemas.network },
  });
  const [started] = (await once(worker, "message")) as [{ hall?: string; network?: string; error?: string }];
  if (started.error !== undefined || !started.hall || !started.network) {
    await worker.terminate();
    throw new Error(`the simulators could not start: ${started.error ?? "no address"}`);
  }
  return {
    hallUrl: started.hall,
    networkUrl: started.network,
    async close() {
      // A worker that already died cannot answer: its exit ends the wait as well.
      worker.postMessage("close");
      await Promise.race([once(worker, "message"), once(worker, "exit")]).catch(() => undefined);
      await worker.terminate();
    },
  };
}
