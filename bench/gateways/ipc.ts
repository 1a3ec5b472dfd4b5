import { z } from "zod";

/** What a child process of the benchmark tells its parent over the IPC channel. */
export const childMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready"), url: z.string(), urls: z.record(z.string(), z.string()).optional() }),
  z.object({ type: z.literal("failed"), error: z.string() }),
  z.object({ type: z.literal("requests"), counts: z.record(z.string(), z.number()) }),
  /** Workload (b): legacy round trips the subgraphs' adapters made since start, per system. */
  z.object({ type: z.literal("round-trips"), counts: z.record(z.string(), z.number()) }),
  z.object({ type: z.literal("latency-set"), latencyMs: z.number() }),
]);
export type ChildMessage = z.infer<typeof childMessageSchema>;

/** What the parent asks of a child. */
export const parentMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("requests") }),
  z.object({ type: z.literal("stop") }),
  z.object({ type: z.literal("round-trips") }),
  /** Workload (b): the latency every simulated legacy system adds to each call from now on. */
  z.object({ type: z.literal("latency"), latencyMs: z.number().int().min(0).max(10_000) }),
]);
export type ParentMessage = z.infer<typeof parentMessageSchema>;

/** Sends to the parent; a child started without an IPC channel is a programming error. */
export function tellParent(message: ChildMessage): void {
  if (!process.send) throw new Error("this process is meant to be started by the gateway benchmark (no IPC channel)");
  process.send(message);
}

/** Runs `handler` for every message from the parent; the child goes when its parent does, so no run leaves one behind. */
export function onParentMessage(handler: (message: ParentMessage) => void): void {
  process.on("message", (raw) => handler(parentMessageSchema.parse(raw)));
  process.on("disconnect", () => process.exit(0));
}
