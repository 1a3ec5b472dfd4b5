import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler } from "@electric-sql/pglite-socket";
import { ExclusiveQueue } from "./exclusive-queue.js";
import { authenticate } from "./pglite-auth.js";
import { ScramVerifier } from "./scram.js";
import { MessageReader } from "./wire.js";

/** Whoever logs in is a superuser: only this machine may try. */
const LOOPBACK = "127.0.0.1";
/** Time a client has to log in before the connection is cut. */
const LOGIN_TIMEOUT_MS = 10_000;

/**
 * PGlite served over TCP to any number of `pg` connections that know the password, which take turns
 * at its one session.
 */
export class PGliteServer {
  private server: Server | null = null;
  private readonly handlers = new Set<PGLiteSocketHandler>();
  /** Connections still logging in: no handler owns them yet. */
  private readonly loggingIn = new Set<Socket>();
  private readonly queue: ExclusiveQueue;
  private readonly verifier: ScramVerifier;

  constructor(
    private readonly db: PGlite,
    password: string,
  ) {
    this.queue = new ExclusiveQueue(db);
    this.verifier = new ScramVerifier(password);
  }

  /** Listens on the loopback address; gives back the `host:port` it is bound to. */
  async start(port: number): Promise<string> {
    await this.db.waitReady;
    const server = createServer((socket) => void this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, LOOPBACK, () => resolve());
    });
    const address = server.address() as AddressInfo;
    return `${address.address}:${address.port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.loggingIn) socket.destroy();
    for (const handler of this.handlers) await handler.detach(true);
    this.handlers.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async accept(socket: Socket): Promise<void> {
    const reader = new MessageReader(socket);
    this.loggingIn.add(socket);
    const timer = setTimeout(() => socket.destroy(), LOGIN_TIMEOUT_MS);
    const startup = await authenticate(reader, socket, this.verifier);
    clearTimeout(timer);
    this.loggingIn.delete(socket);
    if (!startup || socket.destroyed) return;
    // The handler's queue type is pglite-socket's own class; ours keeps its interface.
    const handler = new PGLiteSocketHandler({ queryQueue: this.queue as never, closeOnDetach: true });
    this.handlers.add(handler);
    const forget = () => this.handlers.delete(handler);
    handler.addEventListener("close", forget);
    handler.addEventListener("error", forget);
    try {
      // PGlite answers the startup message itself (AuthenticationOk, parameters, ReadyForQuery), so the
      // handler reads it again, followed by whatever the client sent after its password.
      const handover = Buffer.concat([startup, reader.release()]);
      const attached = handler.attach(socket);
      socket.unshift(handover);
      socket.resume();
      await attached;
    } catch {
      forget();
      socket.destroy();
    }
  }
}
