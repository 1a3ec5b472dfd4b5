import { parentPort, workerData } from "node:worker_threads";
import { startHallSimulator } from "../../sandbox/hall/server.js";
import { startNetworkSimulator } from "../../sandbox/network/server.js";

/**
 * The business hall and network management simulators on a thread of their own: their XML and JSON
 * work then runs beside the job's instead of inside it, as the real systems run on their own machines.
 */
const { databaseUrl, hallSchema, networkSchema } = workerData as { databaseUrl: string; hallSchema: string; networkSchema: string };
const port = parentPort!;
try {
  const hall = await startHallSimulator({ databaseUrl, schema: hallSchema });
  const network = await startNetworkSimulator({ databaseUrl, schema: networkSchema });
  port.on("message", (message: unknown) => {
    if (message !== "close") return;
    void Promise.allSettled([hall.close(), network.close()]).then(() => port.postMessage({ closed: true }));
  });
  port.postMessage({ hall: hall.url, network: network.url });
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
