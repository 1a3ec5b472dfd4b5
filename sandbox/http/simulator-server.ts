import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultSwitch, type Handler } from "./faults.js";
import { keepIdleConnections } from "./keep-alive.js";

/** A simulator's private store: checked before the simulator listens, closed with it. */
export interface SimulatorStore {
  check(): Promise<void>;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  /** The simulator's schema, named when its store cannot be read. */
  schema: string;
  /** 0 lets the OS choose. */
  port?: number;
  host?: string;
}

export interface RunningSimulator {
  url: string;
  faults: FaultSwitch;
  close(): Promise<void>;
}

/**
 * An HTTP simulator (network management, the call centre) over its store: refuses to start on a store it
 * cannot read, serves `routes` behind its fault switch, and keeps idle connections as the systems do.
 */
export async function serveSimulator(name: string, store: SimulatorStore, routes: Handler, options: SimulatorOptions): Promise<RunningSimulator> {
  try {
    await store.check();
  } catch (error) {
    await store.close();
    throw new Error(`${name} simulator: schema "${options.schema}" is not readable`, { cause: error });
  }
  const faults = new FaultSwitch();
  const handler = faults.wrap(routes);
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
