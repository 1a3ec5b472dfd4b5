import { fileURLToPath } from "node:url";
import { z } from "zod";

/** What bench/scale/graph.ts tells each process it forks, in its environment. */
export const PLAN_VARIABLE = "CG_SCALE_PLAN";

export const SUPERGRAPH_PATH = fileURLToPath(new URL("../../schema/supergraph.graphql", import.meta.url));

const endpointsSchema = z.strictObject({ hallUrl: z.string(), networkUrl: z.string(), billingUrl: z.string(), keyAccountUrl: z.string(), callCentreUrl: z.string() });

export const planSchema = z.strictObject({
  role: z.enum(["simulators", "graph"]),
  databaseUrl: z.string().min(1),
  schemaPrefix: z.string(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  secrets: z.strictObject({ jwtSecret: z.string(), signingSecret: z.string() }),
  endpoints: endpointsSchema.optional(),
});
export type GraphPlan = z.infer<typeof planSchema>;

/** A forked process's word: where it serves, or why it could not start. */
export const processMessageSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("simulators"), endpoints: endpointsSchema }),
  z.strictObject({ kind: z.literal("graph"), url: z.string().url() }),
  z.strictObject({ kind: z.literal("failed"), reason: z.string() }),
]);
export type ProcessMessage = z.infer<typeof processMessageSchema>;
