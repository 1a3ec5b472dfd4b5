import type { Socket } from "node:net";

/** Longest message taken before login, PostgreSQL's limit on a startup packet. */
const MAX_MESSAGE = 10_000;
/** Bytes kept before reading pauses: a client that floods before logging in is held back, not buffered. */
const MAX_BUFFERED = 4 * MAX_MESSAGE;

/** Reads whole PostgreSQL protocol messages from a socket until the connection is handed over. */
export class MessageReader {
  private buffer = Buffer.alloc(0);
  private wake: (() => void) | null = null;
  private closed = false;

  constructor(private readonly socket: Socket) {
    socket.on("data", this.onData).on("close", this.onEnd).on("error", this.onEnd);
  }

  /** A message without a type byte (startup, SSL, GSSAPI or cancel request), its length word included. */
  async untyped(): Promise<Buffer> {
    await this.ensure(4);
    return this.take(this.buffer.readInt32BE(0), 8);
  }

  /** A typed message: its type and its body, after the length word. */
  async typed(): Promise<{ type: string; body: Buffer }> {
    await this.ensure(5);
    const message = await this.take(1 + this.buffer.readInt32BE(1), 5);
    return { type: String.fromCharCode(message[0] as number), body: message.subarray(5) };
  }

  /** Stops reading, leaving the socket paused, and gives back what arrived after the last message taken. */
  release(): Buffer {
    this.socket.pause();
    this.socket.off("data", this.onData).off("close", this.onEnd).off("error", this.onEnd);
    return this.buffer;
  }

  private readonly onData = (chunk: Buffer) => {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (this.buffer.length >= MAX_BUFFERED) this.socket.pause();
    this.notify();
  };

  private readonly onEnd = () => {
    this.closed = true;
    this.notify();
  };

  private notify(): void {
    this.wake?.();
    this.wake = null;
  }

  private async ensure(length: number): Promise<void> {
    while (this.buffer.length < length) {
      if (this.closed) throw new Error("connection closed during login");
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private async take(length: number, minimum: number): Promise<Buffer> {
    if (length < minimum || length > MAX_MESSAGE) throw new Error(`bad message length ${length} during login`);
    await this.ensure(length);
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    if (this.buffer.length < MAX_BUFFERED) this.socket.resume();
    return message;
  }
}

/** An Authentication request ('R') of the given kind with its data. */
export function authentication(kind: number, data: string): Buffer {
  const payload = Buffer.alloc(4 + Buffer.byteLength(data));
  payload.writeInt32BE(kind, 0);
  payload.write(data, 4);
  return message("R", payload);
}

/** A FATAL ErrorResponse ('E'): the client reports it with the SQLSTATE as its code. */
export function fatal(sqlstate: string, text: string): Buffer {
  return message("E", Buffer.from(`SFATAL\0VFATAL\0C${sqlstate}\0M${text}\0\0`));
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}
