import type { RouteTable } from "../kit/routing.js";
import { shadowedPort } from "../kit/shadow.js";
import type { ShadowStore } from "../kit/shadow-store.js";
import { BILLING_COMPARE_RULES, SHADOWED_BILLING_READS, shadowableBillingRead } from "./compare.js";
import type { BillingPort } from "./port.js";
import { RoutedBillingPort, type BillingAdapterName } from "./route.js";

/** Which billing adapter serves which region, and which one shadows them (docs/shadow.md). */
export interface BillingRouting extends RouteTable<BillingAdapterName> {
  shadow?: BillingShadow | undefined;
}

export interface BillingShadow {
  /** The adapter asked in the background and compared with the serving one. */
  candidate: BillingAdapterName;
  /** Share of reads shadowed, 0–1. */
  sample: number;
  maxInFlight: number;
  timeoutMs: number;
  store: ShadowStore;
}

/** The adapters a routing serves with or shadows with, so the composition root builds only those. */
export function adaptersOf(routing: BillingRouting): { serving: Set<BillingAdapterName>; candidate: BillingAdapterName | null } {
  return { serving: new Set([routing.fallback, ...Object.values(routing.byRegion)]), candidate: routing.shadow?.candidate ?? null };
}

/** Billing's port as routed: the default adapter itself when no region is routed to another one. */
export function routedBillingPort(adapters: Partial<Record<BillingAdapterName, BillingPort>>, routing: RouteTable<BillingAdapterName>): BillingPort {
  const fallback = adapters[routing.fallback];
  if (!fallback) throw new Error(`billing adapter ${routing.fallback} was not built`);
  return Object.values(routing.byRegion).some((name) => name !== routing.fallback) ? new RoutedBillingPort(adapters, routing) : fallback;
}

/**
 * The serving port's reads shadowed by the candidate, which the composition root builds as its own instance so that its
 * round trips are not counted as the serving ones. `settled()` waits for the comparisons begun so far (tests).
 */
export function shadowedBillingPort(serving: BillingPort, candidate: BillingPort, shadow: BillingShadow): BillingPort & { settled(): Promise<void> } {
  return shadowedPort(serving, candidate, {
    system: "billing",
    methods: SHADOWED_BILLING_READS,
    rules: BILLING_COMPARE_RULES,
    sample: shadow.sample,
    maxInFlight: shadow.maxInFlight,
    timeoutMs: shadow.timeoutMs,
    store: shadow.store,
    shadowable: shadowableBillingRead,
  });
}

/** The checked settings (stack/env.ts) a routing is made from. */
export interface BillingRoutingSettings {
  BILLING_ADAPTER: BillingAdapterName;
  BILLING_ADAPTER_BY_REGION: Record<string, BillingAdapterName>;
  BILLING_SHADOW?: BillingAdapterName | undefined;
  BILLING_SHADOW_SAMPLE: number;
  BILLING_SHADOW_MAX_IN_FLIGHT: number;
  BILLING_SHADOW_TIMEOUT_MS: number;
}

/** The routing the settings name; the shadow keeps its differences in `store`. */
export function billingRouting(settings: BillingRoutingSettings, store: ShadowStore): BillingRouting {
  const candidate = settings.BILLING_SHADOW;
  return {
    fallback: settings.BILLING_ADAPTER,
    byRegion: settings.BILLING_ADAPTER_BY_REGION,
    ...(candidate
      ? { shadow: { candidate, sample: settings.BILLING_SHADOW_SAMPLE, maxInFlight: settings.BILLING_SHADOW_MAX_IN_FLIGHT, timeoutMs: settings.BILLING_SHADOW_TIMEOUT_MS, store } }
      : {}),
  };
}
