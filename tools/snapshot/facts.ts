import type { BillingFacts } from "../../adapters/billing/port.js";
import type { ProfileFacts } from "../../adapters/business-hall/port.js";
import { isAdapterError, type OrMalformed } from "../../adapters/errors.js";
import { notAKeyAccount, type KeyAccountFacts } from "../../adapters/key-account/port.js";
import type { NetworkFacts, ServiceNetworkFacts } from "../../adapters/network/port.js";
import { NO_BILLING } from "../../subgraphs/billing/no-facts.js";
import { customerNetworkFacts } from "../../subgraphs/network/customer-facts.js";

/**
 * A customer's four facts parts as the graph would hand them to the insights subgraph, built from the
 * same port calls with the same defaults as the source subgraphs' facts fields, so that the snapshot
 * judges exactly what the graph judges. A part that cannot be read is `Unreadable`, never a guess.
 */
export interface Unreadable {
  unreadable: string;
}

export type Part<T> = T | Unreadable;

export interface FactsParts {
  profile: Part<ProfileFacts>;
  billing: Part<BillingFacts>;
  network: Part<NetworkFacts>;
  keyAccount: Part<KeyAccountFacts>;
}

export function isUnreadable(part: unknown): part is Unreadable {
  return typeof part === "object" && part !== null && "unreadable" in part;
}

const because = (error: Error): Unreadable => ({ unreadable: error.message });

/** The hall's facts; a customer listed but without facts (gone between two calls) cannot be judged. */
export function profilePart(found: OrMalformed<ProfileFacts> | undefined): Part<ProfileFacts> {
  if (found === undefined) return { unreadable: "the business hall gave no facts for this customer" };
  return isAdapterError(found) ? because(found) : found;
}

/** Billing's facts; a customer billing does not know has none (subgraphs/billing/facts.resolver.ts). */
export function billingPart(found: OrMalformed<BillingFacts> | undefined): Part<BillingFacts> {
  if (found === undefined) return NO_BILLING;
  return isAdapterError(found) ? because(found) : found;
}

/** The key-account system's facts; a customer it does not know is no key account. */
export function keyAccountPart(found: OrMalformed<KeyAccountFacts> | undefined): Part<KeyAccountFacts> {
  if (found === undefined) return notAKeyAccount();
  return isAdapterError(found) ? because(found) : found;
}

/** The service numbers network management is asked about: the lines the hall says the customer holds. */
export function heldServiceNos(profile: Part<ProfileFacts>): string[] {
  return isUnreadable(profile) ? [] : profile.subscriptions.map((s) => s.serviceNo);
}

/**
 * Network facts as the network subgraph assembles them: without the hall's word on the customer's lines
 * there are none to judge, and one line whose record cannot be read spoils the customer's network facts.
 */
export function networkPart(profile: Part<ProfileFacts>, lines: Map<string, OrMalformed<ServiceNetworkFacts>>): Part<NetworkFacts> {
  if (isUnreadable(profile)) return { unreadable: "the business hall's facts, which say which lines to ask about, could not be read" };
  const found: (ServiceNetworkFacts | null)[] = [];
  for (const serviceNo of heldServiceNos(profile)) {
    const line = lines.get(serviceNo);
    if (isAdapterError(line)) return because(line);
    found.push(line ?? null);
  }
  return customerNetworkFacts(found);
}
