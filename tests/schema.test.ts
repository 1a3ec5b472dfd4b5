import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { composeSupergraph } from "../subgraphs/compose.js";

const committed = (name: string) => readFile(new URL(`../schema/${name}.graphql`, import.meta.url), "utf8");

describe("schema/", () => {
  it("composes without errors or hints, and the committed SDL is what the code prints (run `npm run compose` if not)", async () => {
    const composition = await composeSupergraph();
    expect(composition.hints).toEqual([]);
    for (const { name, sdl } of composition.subgraphs) {
      expect(await committed(name), `schema/${name}.graphql is stale`).toBe(sdl);
    }
    expect(await committed("supergraph"), "schema/supergraph.graphql is stale").toBe(composition.supergraph);
  });

  it("keeps the contract's names that consumers rely on", async () => {
    const supergraph = await committed("supergraph");
    for (const field of [
      "customer(id: ID!): Customer",
      "customerByServiceNumber(serviceNo: String!): Customer",
      "account(accountNo: ID!): Account",
    ]) {
      expect(supergraph).toContain(field);
    }
    expect(supergraph).toContain("customers(after: String, first: Int! = 20): CustomerConnection!");
    expect(supergraph).toMatch(/totalCount: Int!/);
    // A type named Subscription would become the subscription root type; the entity is ServiceSubscription.
    expect(supergraph).not.toMatch(/subscription: Subscription/);
  });
});
