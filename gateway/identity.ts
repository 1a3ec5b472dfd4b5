import type { Caller } from "../schema/caller.js";

export { ROLES, type Role } from "../schema/caller.js";

/**
 * Who is calling, as the gateway established it from the bearer token: the same shape the subgraphs
 * receive in signed headers (schema/caller.ts), where they decide what it may see.
 */
export type Identity = Caller;

/** What every request carries through the gateway's plugins and data sources. */
export interface GatewayContext {
  identity: Identity;
  /** When the gateway stops waiting for this request's subgraphs (epoch milliseconds). */
  deadline: number;
  /** Sources the subgraphs answered for from their cache while down, and how old those values were. */
  stale?: { source: string; ageSeconds: number }[];
}
