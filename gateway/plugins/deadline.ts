import type { GatewayPlugin } from "./plugin.js";

/**
 * One deadline per request, set as it arrives: the subgraph calls give up at it, and the subgraphs
 * give each legacy call no more than what is left of it (adapters/deadline.ts).
 */
export function deadlinePlugin(deadlineMs: number): GatewayPlugin {
  return {
    name: "deadline",
    context: async () => ({ deadline: Date.now() + deadlineMs }),
  };
}
