import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler } from "@electric-sql/pglite-socket";
import { ExclusiveQueue } from "./exclusive-queue.js";

/** PGlite served over TCP to any number of `pg` connections, which take turns at its one session. */
export class PGliteServer {
  private server: Server | null = null;
  private readonly handlers = new Set<PGLiteSocketHandler>();
  private readonly queue: ExclusiveQueue;

  constructor(private readonly db: PGlite) {
    this.queue = new ExclusiveQueue(db);
  }

  async start(port: number, host: string): Promise<string> {
    await this.db.waitReady;
    const server = createServer((socket) => void this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    return `${host}:${address.port}`;
  }

  async stop(): Promise<void> {
    for (const handler of this.handlers) await handler.detach(true);
    this.handlers.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async accept(socket: Socket): Promise<void> {
    // The handler's queue type is pglite-socket's own class; ours keeps its interface.
    const handler = new PGLiteSocketHandler({ queryQueue: this.queue as never, closeOnDetach: true });
    this.handlers.add(handler);
    const forget = () => this.handlers.delete(handler);
    handler.addEventListener("close", forget);
    handler.addEventListener("error", forget);
    try {
      await handler.attach(socket);
    } catch {
      forget();
      socket.destroy();
    }
  }
}
