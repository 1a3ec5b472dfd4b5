import type { NetworkFacts, ServiceNetworkFacts } from "../../adapters/network/port.js";

/**
 * A customer's network facts from the facts of the lines the hall says they hold (null: a line network
 * management does not know). The facts field and the snapshot job (tools/snapshot) both build them here.
 */
export function customerNetworkFacts(lines: readonly (ServiceNetworkFacts | null)[]): NetworkFacts {
  const known = lines.filter((l): l is ServiceNetworkFacts => l !== null);
  return {
    lines: known.filter((l) => l.status !== null).map((l) => ({ serviceNo: l.serviceNo, status: l.status! })),
    tickets: known.flatMap((l) => l.tickets.map((t) => ({ serviceNo: l.serviceNo, ...t }))),
    activeAlarms: known.reduce((sum, l) => sum + l.activeAlarms, 0),
  };
}
