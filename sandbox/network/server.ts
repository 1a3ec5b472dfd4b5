import { createServer } from "node:http";
import { keepIdleConnections } from "../http/keep-alive.js";
import type { AddressInfo } from "node:net";
import { FaultSwitch } from "../http/faults.js";
import { networkRoutes } from "./routes.js";
import { NetworkStore } from "./store.js";

export interface NetworkSimulatorOptions {
  databaseUrl: string;
  /** The network management schema, e.g. schemaNames(prefix).network. */
  schema: string;
  /** 0 lets the OS choose. */
  port?: number;
  host?: string;
}

export interface NetworkSimulator {
  url: string;
  faults: FaultSwitch;
  close(): Promise<void>;
}

/** Network management (网管) as a REST/JSON service over its PostgreSQL store. */
export async function startNetworkSimulator(options: NetworkSimulatorOptions): Promise<NetworkSimulator> {
  const store = new NetworkStore(options.databaseUrl, options.schema);
  try {
    await store.check();
  } catch (error) {
    await store.close();
    throw new Error(`network simulator: schema "${options.schema}" is not readable`, { cause: error });
  }
  const faults = new FaultSwitch();
  const handler = faults.wrap(networkRoutes(store));
  const server = createServer((req, res) => {
    // The client may be gone (timeouts, injected faults); a late failure must not crash the process.
    Promise.resolve(handler(req, res)).catch(() => res.destroy());
  });
  keepIdleConnections(server);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    faults,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await store.close();
    },
  };
}
