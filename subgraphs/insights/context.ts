import { GraphQLError } from "graphql";
import type { CustomerFacts } from "./facts.js";
import { billingFactsSchema, keyAccountFactsSchema, networkFactsSchema, profileFactsSchema } from "./facts.schema.js";
import type { ScoringModel } from "./config.js";
import type { Customer } from "./types.js";

export interface InsightsContext {
  model: ScoringModel;
  asOf: string;
  /** The customer's facts, checked once per request however many judgements read them. */
  factsOf(customer: Customer): CustomerFacts;
}

export function insightsContext(model: ScoringModel, asOf: string): InsightsContext {
  const checked = new WeakMap<Customer, CustomerFacts>();
  return {
    model,
    asOf,
    factsOf(customer) {
      let facts = checked.get(customer);
      if (!facts) {
        facts = readFacts(customer, asOf);
        checked.set(customer, facts);
      }
      return facts;
    },
  };
}

function readFacts(customer: Customer, asOf: string): CustomerFacts {
  if (customer.profileFacts === null || customer.profileFacts === undefined) {
    // Reached through another system (an account, a key account) for a customer the hall has lost.
    throw new GraphQLError(`business-hall has no record of customer ${customer.id}`, {
      extensions: { code: "SOURCE_UNAVAILABLE", source: "business-hall" },
    });
  }
  const parts = {
    billing: billingFactsSchema.safeParse(customer.billingFacts),
    profile: profileFactsSchema.safeParse(customer.profileFacts),
    network: networkFactsSchema.safeParse(customer.networkFacts),
    keyAccount: keyAccountFactsSchema.safeParse(customer.keyAccountFacts),
  };
  for (const [name, result] of Object.entries(parts)) {
    if (!result.success) {
      // A subgraph broke the facts contract: an internal fault, logged in full and masked for callers.
      const detail = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new GraphQLError(`${name} facts of customer ${customer.id} are malformed: ${detail}`, { extensions: { code: "INTERNAL_SERVER_ERROR" } });
    }
  }
  return {
    customerId: customer.id,
    asOf,
    billing: parts.billing.data!,
    profile: parts.profile.data!,
    network: parts.network.data!,
    keyAccount: parts.keyAccount.data!,
  };
}
