import { connect, type Socket } from "node:net";
import type { FaultSettings } from "../http/faults.js";

export interface Endpoint {
  host: string;
  port: number;
}

/** Whether a fault with this rate (0–1) strikes now. */
export function strikes(rate: number): boolean {
  return rate > 0 && Math.random() < rate;
}

interface Delayed {
  chunk: Buffer;
  /** performance.now() at which the chunk may go on. */
  due: number;
}

/**
 * One client connection through the fault proxy, joined to a connection of its own to the database.
 * The client's chunks wait out the latency in one queue, so they reach the database in the order sent
 * even when the latency changes in between. Answers go back untouched.
 */
export class ProxyConnection {
  private readonly upstream: Socket;
  private readonly queue: Delayed[] = [];
  private timer: NodeJS.Timeout | undefined;
  private clientEnded = false;

  constructor(
    private readonly client: Socket,
    target: Endpoint,
    private readonly faults: () => FaultSettings,
    onClosed: () => void,
  ) {
    // Half-open both ways, so a client's Terminate and FIN still reach the database after its latency.
    this.upstream = connect({ ...target, allowHalfOpen: true, noDelay: true });
    this.upstream.pipe(client);
    client.on("data", (chunk: Buffer) => this.receive(chunk));
    client.on("end", () => {
      this.clientEnded = true;
      this.forward();
    });
    client.on("error", () => this.cut());
    this.upstream.on("error", () => this.cut());
    client.on("close", () => {
      this.cut();
      onClosed();
    });
    this.upstream.on("close", () => this.stopTimer());
  }

  /** Ends both sides at once, dropping whatever still waits. */
  cut(): void {
    this.stopTimer();
    this.queue.length = 0;
    this.client.destroy();
    this.upstream.destroy();
  }

  private receive(chunk: Buffer): void {
    const { latencyMs, errorRate } = this.faults();
    if (strikes(errorRate)) {
      this.stopTimer();
      this.client.resetAndDestroy();
      this.upstream.destroy();
      return;
    }
    this.queue.push({ chunk, due: performance.now() + latencyMs });
    this.forward();
  }

  private forward(): void {
    this.stopTimer();
    const now = performance.now();
    let head = this.queue[0];
    while (head && head.due <= now) {
      this.queue.shift();
      this.upstream.write(head.chunk);
      head = this.queue[0];
    }
    if (head) this.timer = setTimeout(() => this.forward(), head.due - now);
    else if (this.clientEnded) this.upstream.end();
    // A database slower to read than the client writes holds the client back instead of our memory.
    if (this.upstream.writableNeedDrain && !this.client.isPaused()) {
      this.client.pause();
      this.upstream.once("drain", () => this.client.resume());
    }
  }

  private stopTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
