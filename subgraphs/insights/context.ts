import DataLoader from "dataloader";
import { GraphQLError } from "graphql";
import type { z } from "zod";
import type { MonthlyJudgement, SnapshotReader } from "../../adapters/snapshot/port.js";
import { fromSnapshot } from "../kit/snapshot.js";
import { lazyCustomerFacts, type CustomerFacts, type FactsPart } from "./facts.js";
import { billingFactsSchema, keyAccountFactsSchema, networkFactsSchema, profileFactsSchema } from "./facts.schema.js";
import type { ScoringModel } from "./config.js";
import type { OfferRules } from "./offer-rules.js";
import type { Scope } from "../kit/scope.js";
import type { Customer } from "./types.js";

export interface InsightsContext {
  model: ScoringModel;
  /** Who may take which offer (config/offers.json). */
  offerRules: OfferRules;
  asOf: string;
  scope: Scope;
  /** The customer's facts, each checked once per request however many judgements read it. */
  factsOf(customer: Customer): CustomerFacts;
  /** Customers' months in the judgement snapshot: one store query per request and number of months. */
  history(months: number): DataLoader<string, MonthlyJudgement[]>;
}

export function insightsContext(model: ScoringModel, asOf: string, scope: Scope, snapshot: SnapshotReader, offerRules: OfferRules): InsightsContext {
  const checked = new WeakMap<Customer, CustomerFacts>();
  const histories = new Map<number, DataLoader<string, MonthlyJudgement[]>>();
  return {
    model,
    offerRules,
    asOf,
    scope,
    history(months) {
      let loader = histories.get(months);
      if (!loader) {
        loader = new DataLoader(async (ids) => {
          const found = await fromSnapshot("history", () => snapshot.history(ids, months));
          return ids.map((id) => found.get(id) ?? []);
        });
        histories.set(months, loader);
      }
      return loader;
    },
    factsOf(customer) {
      let facts = checked.get(customer);
      if (!facts) {
        facts = lazyFacts(customer, asOf);
        checked.set(customer, facts);
      }
      return facts;
    },
  };
}

/**
 * Each judgement field @requires only the facts it reads, so a part arrives only when some field of
 * the query asked for it. Parts are read on first use; a judgement reading a part its field did not
 * require is a bug in that field's @requires and fails loudly instead of judging from nothing.
 */
function lazyFacts(customer: Customer, asOf: string): CustomerFacts {
  return lazyCustomerFacts(customer.id, asOf, (key) => checkedPart(customer, PARTS[key].field, PARTS[key].schema));
}

/** Where each part arrives on the representation, and the shape it must have. */
const PARTS: { [K in FactsPart]: { field: keyof typeof FACTS_SOURCE; schema: z.ZodType<CustomerFacts[K]> } } = {
  billing: { field: "billingFacts", schema: billingFactsSchema },
  profile: { field: "profileFacts", schema: profileFactsSchema },
  network: { field: "networkFacts", schema: networkFactsSchema },
  keyAccount: { field: "keyAccountFacts", schema: keyAccountFactsSchema },
};

/** The legacy system each facts field comes from, named as in every other error. */
const FACTS_SOURCE = { billingFacts: "billing", profileFacts: "business-hall", networkFacts: "network", keyAccountFacts: "key-account", serviceUsageFacts: "billing" } as const;

/**
 * A facts field of the representation, checked against its shape: SOURCE_UNAVAILABLE naming its system when the
 * source could not give it, an internal fault when it broke the contract. Judgements read the four parts through
 * factsOf; a judgement needing another facts field (serviceUsageFacts) reads it here.
 */
export function checkedPart<T>(customer: Customer, field: keyof typeof FACTS_SOURCE, schema: z.ZodType<T>): T {
  const raw = customer[field];
  if (raw === undefined) throw new Error(`${field} of customer ${customer.id} was not fetched: the judgement's @requires must name it`);
  if (raw === null) {
    // The source failed (its error is reported at its own path) or, for the hall, lost the customer:
    // never judge on half the facts.
    const source = FACTS_SOURCE[field];
    throw new GraphQLError(`${source}'s facts about customer ${customer.id} could not be read, so this judgement is not made`, {
      extensions: { code: "SOURCE_UNAVAILABLE", source },
    });
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    // A subgraph broke the facts contract: an internal fault, logged in full and masked for callers.
    const detail = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new GraphQLError(`${field} of customer ${customer.id} are malformed: ${detail}`, { extensions: { code: "INTERNAL_SERVER_ERROR" } });
  }
  return result.data;
}
