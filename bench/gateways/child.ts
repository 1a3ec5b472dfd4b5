import { spawn, type ChildProcess } from "node:child_process";
import { childMessageSchema, type ChildMessage, type ParentMessage } from "./ipc.js";

export interface PinnedChild {
  pid: number;
  /** What the child said when it was ready. */
  ready: Extract<ChildMessage, { type: "ready" }>;
  /** Sends a message and waits for the first answer of the given type. */
  ask<T extends ChildMessage["type"]>(message: ParentMessage, answer: T): Promise<Extract<ChildMessage, { type: T }>>;
  /** Asks the child to stop, then kills it if it has not gone within a few seconds (a CPU profile takes a moment to write). */
  stop(): Promise<void>;
  /** The child's stderr so far (why it failed, when it does). */
  stderr(): string;
}

/**
 * Starts a TypeScript entry in its own Node process pinned to `cpus` by taskset (which execs node, so
 * the pid is node's and every thread it starts inherits the pinning), and waits for it to say ready.
 */
export async function startPinned(entry: string, options: { cpus: string; args?: string[]; env?: NodeJS.ProcessEnv; execArgv?: string[]; timeoutMs?: number }): Promise<PinnedChild> {
  const child = spawn("taskset", ["-c", options.cpus, process.execPath, "--import", "tsx", ...(options.execArgv ?? []), entry, ...(options.args ?? [])], {
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    env: { ...process.env, APOLLO_TELEMETRY_DISABLED: "1", ...options.env },
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-8_000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = await firstMessage(child, (m) => m.type === "ready" || m.type === "failed", options.timeoutMs ?? 60_000, () => stderr).catch(async (error: Error) => {
    child.kill("SIGKILL");
    throw error;
  });
  if (ready.type === "failed") {
    child.kill("SIGKILL");
    throw new Error(ready.error);
  }
  return {
    pid: child.pid!,
    ready: ready as Extract<ChildMessage, { type: "ready" }>,
    async ask(message, answer) {
      const reply = firstMessage(child, (m) => m.type === answer, 10_000, () => stderr);
      child.send(message);
      return (await reply) as never;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ type: "stop" } satisfies ParentMessage);
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
    stderr: () => stderr,
  };
}

function firstMessage(child: ChildProcess, wanted: (m: ChildMessage) => boolean, timeoutMs: number, stderr: () => string): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no answer from the child within ${timeoutMs} ms\n${stderr()}`)), timeoutMs);
    const onMessage = (raw: unknown) => {
      const message = childMessageSchema.safeParse(raw);
      if (message.success && wanted(message.data)) done(null, message.data);
    };
    const onExit = (code: number | null, signal: string | null) => done(new Error(`the child exited (${signal ?? code}) before answering\n${stderr()}`));
    function done(error: Error | null, message?: ChildMessage) {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(message!);
    }
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}
