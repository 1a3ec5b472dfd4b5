import { BillingRestAdapter } from "../adapters/billing/rest.adapter.js";
import type { BillingAdapterName } from "../adapters/billing/route.js";
import type { BillingPort } from "../adapters/billing/port.js";
import { BillingSqlAdapter } from "../adapters/billing/sql.adapter.js";
import type { SystemPolicyConfig } from "../adapters/kit/policies/config.js";
import type { RoundTripCounter } from "../adapters/kit/round-trips.js";

export interface BillingEndpoints {
  /** The legacy billing database (through its fault proxy). */
  billingUrl: string;
  /** Modern billing's REST service; absent when it is not running. */
  modernBillingUrl?: string | undefined;
}

/**
 * The billing adapters the stack can serve billing with, by name: the SQL adapter over the legacy tables always, the
 * REST adapter over modern billing when that service runs. Both count round trips as "billing" and run under billing's
 * policies: they serve the same port, and the graph names the source as billing either way.
 */
export function buildBillingAdapters(
  endpoints: BillingEndpoints,
  options: { schema: string; counter: RoundTripCounter; resilience?: SystemPolicyConfig | undefined },
): Partial<Record<BillingAdapterName, BillingPort>> & { sql: BillingSqlAdapter } {
  const sql = new BillingSqlAdapter({ connectionString: endpoints.billingUrl, schema: options.schema, counter: options.counter, resilience: options.resilience });
  if (endpoints.modernBillingUrl === undefined) return { sql };
  return { sql, modern: new BillingRestAdapter({ baseUrl: endpoints.modernBillingUrl, counter: options.counter, resilience: options.resilience }) };
}
