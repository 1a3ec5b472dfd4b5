import type { CustomerFacts } from "../facts.js";

export interface OpenFaultsResult {
  /** Trouble tickets not yet closed: open, dispatched, or repaired and awaiting the customer's confirmation. */
  count: number;
  /** Of those, the ones not repaired yet (open or dispatched). */
  unrepaired: number;
  /** When the oldest of them was opened (ISO timestamp), null when none is open. */
  oldestOpenedAt: string | null;
  /** The lines they concern, each once, in number order. */
  serviceNos: string[];
}

/**
 * 障碍: the customer's faults still open in network management, over every line the hall says they
 * hold. "Open" is network management's own sense: any ticket not closed.
 */
export function assessOpenFaults(facts: CustomerFacts): OpenFaultsResult {
  const open = facts.network.tickets.filter((t) => t.state !== "CLOSED");
  // Timestamps carry their own offsets: compare instants, not strings.
  const oldest = open.reduce<(typeof open)[number] | null>((found, t) => (found === null || Date.parse(t.openedAt) < Date.parse(found.openedAt) ? t : found), null);
  return {
    count: open.length,
    unrepaired: open.filter((t) => t.state === "OPEN" || t.state === "DISPATCHED").length,
    oldestOpenedAt: oldest?.openedAt ?? null,
    serviceNos: [...new Set(open.map((t) => t.serviceNo))].sort(),
  };
}
