import { z } from "zod";
import type { StackEndpoints } from "./start-stack.js";

/** What the primary tells a worker at fork, in its environment: where the systems and the database are. */
export const WORKER_PLAN_VARIABLE = "CG_WORKER_PLAN";

export const workerPlanSchema = z.strictObject({
  databaseUrl: z.string().min(1),
  endpoints: z.strictObject({
    hallUrl: z.string().url(),
    networkUrl: z.string().url(),
    billingUrl: z.string().min(1),
    keyAccountUrl: z.string().min(1),
    callCentreUrl: z.string().url(),
    modernBillingUrl: z.string().url().optional(),
  }) satisfies z.ZodType<StackEndpoints>,
});
export type WorkerPlan = z.infer<typeof workerPlanSchema>;

/** A worker's word to the primary. */
export const workerMessageSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("ready"), url: z.string().url() }),
  z.strictObject({ kind: z.literal("failed"), reason: z.string() }),
]);
export type WorkerMessage = z.infer<typeof workerMessageSchema>;

/** The primary's word to a worker. */
export const STOP_MESSAGE = { kind: "stop" } as const;
