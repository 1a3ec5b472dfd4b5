import { GraphQLError } from "graphql";
import { describe, expect, it, vi } from "vitest";
import { loadScoringModel } from "./config.js";
import { scopeFor } from "../kit/scope.js";
import { MemorySnapshot } from "../../tests/support/memory-snapshot.js";
import { insightsContext } from "./context.js";
import { loadOfferRules } from "./offer-rules.js";
import { makeFacts } from "./judgements/fixtures.js";
import type { Customer } from "./types.js";

const model = loadScoringModel();
const offerRules = loadOfferRules();
const admin = scopeFor({ subject: "test", roles: ["admin"], region: "HQ", managerId: null, pii: true }, async () => []);

function customer(overrides: Partial<Customer> = {}): Customer {
  const facts = makeFacts({});
  return { id: "320100000001", billingFacts: facts.billing, profileFacts: facts.profile, networkFacts: facts.network, keyAccountFacts: facts.keyAccount, ...overrides };
}

describe("insightsContext", () => {
  it("checks a customer's facts once per request and hands the judgements the reference date", () => {
    const ctx = insightsContext(model, "2026-11-15", admin, new MemorySnapshot([]), offerRules);
    const root = customer();
    const facts = ctx.factsOf(root);
    expect(facts.asOf).toBe("2026-11-15");
    expect(facts.customerId).toBe("320100000001");
    expect(ctx.factsOf(root)).toBe(facts);
    expect(facts.billing).toEqual(root.billingFacts);
    expect(facts.billing).toBe(facts.billing);
  });

  it("refuses to judge on missing facts, naming the system that could not give them", () => {
    const ctx = insightsContext(model, "2026-11-15", admin, new MemorySnapshot([]), offerRules);
    const cases = [
      ["profileFacts", "profile", "business-hall"],
      ["billingFacts", "billing", "billing"],
      ["networkFacts", "network", "network"],
      ["keyAccountFacts", "keyAccount", "key-account"],
    ] as const;
    for (const [field, part, source] of cases) {
      const facts = ctx.factsOf(customer({ [field]: null }));
      let error: unknown;
      try {
        void facts[part];
      } catch (e) {
        error = e;
      }
      expect(error, field).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions).toEqual({ code: "SOURCE_UNAVAILABLE", source });
      expect((error as GraphQLError).message).not.toMatch(/no record/);
    }
  });

  it("refuses facts that break their contract", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const ctx = insightsContext(model, "2026-11-15", admin, new MemorySnapshot([]), offerRules);
    const facts = ctx.factsOf(customer({ billingFacts: { accounts: "many" } }));
    expect(() => facts.billing).toThrow(/billingFacts of customer 320100000001 are malformed/);
    // The other parts are still good to read.
    expect(facts.profile.kind).toEqual(expect.any(String));
  });

  it("fails loudly when a judgement reads a part its field did not require", () => {
    const ctx = insightsContext(model, "2026-11-15", admin, new MemorySnapshot([]), offerRules);
    const facts = ctx.factsOf(customer({ networkFacts: undefined }));
    expect(() => facts.network).toThrow(/networkFacts of customer 320100000001 was not fetched/);
  });
});
