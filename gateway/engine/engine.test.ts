import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApolloServer } from "@apollo/server";
import { ApolloGateway } from "@apollo/gateway";
import { verifySignedRequest } from "../../schema/caller.js";
import type { GatewayContext } from "../identity.js";
import { FederatedEngine } from "./engine.js";
import { SubgraphClient } from "./subgraph-client.js";
import { startTestSubgraphs, type TestSubgraph } from "./testing.js";

const identity = { subject: "test", roles: ["architect" as const], region: "HQ", managerId: null, pii: false };

let subgraphs: Map<string, TestSubgraph>;
let ours: ApolloServer<GatewayContext>;
let stock: ApolloServer<GatewayContext>;

beforeAll(async () => {
  const started = await startTestSubgraphs();
  subgraphs = started.subgraphs;
  const clients = new Map([...subgraphs.values()].map((s) => [s.name, new SubgraphClient(s.name, s.url, "secret")]));
  ours = new ApolloServer<GatewayContext>({ gateway: new FederatedEngine(started.supergraphSdl, clients) });
  stock = new ApolloServer<GatewayContext>({ gateway: new ApolloGateway({ supergraphSdl: started.supergraphSdl }) });
  await Promise.all([ours.start(), stock.start()]);
});

afterAll(async () => {
  await Promise.all([ours?.stop(), stock?.stop()]);
  await Promise.all([...(subgraphs?.values() ?? [])].map((s) => s.close()));
});

beforeEach(() => {
  for (const subgraph of subgraphs.values()) {
    subgraph.mood = "well";
    subgraph.received = [];
  }
});

async function ask(server: ApolloServer<GatewayContext>, query: string, variables: Record<string, unknown> = {}, deadlineMs = 5_000) {
  const response = await server.executeOperation({ query, variables }, { contextValue: { identity, deadline: Date.now() + deadlineMs } });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors, extensions } = response.body.singleResult;
  const brief = (e: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }) => ({ message: e.message, path: e.path, code: e.extensions?.code });
  return { data, errors: errors?.map(brief), extensions: extensions?.valueCompletion ? { valueCompletion: (extensions.valueCompletion as never[]).map(brief) } : undefined };
}

const PRODUCTS = `
  query Products($first: Int!, $offset: Int, $withStock: Boolean!, $skipReviews: Boolean = false) {
    products(first: $first, offset: $offset) {
      upc
      ...Priced
      shippingEstimate
      inStock @include(if: $withStock)
      reviews @skip(if: $skipReviews) { id body stars: rating author { name handle __typename } }
    }
  }
  fragment Priced on Product { name price }`;

const CONDITIONAL = `
  query Conditional($withStock: Boolean = true) {
    products(first: 3) { upc ... @include(if: $withStock) { inStock shippingEstimate } }
  }`;

describe("the federated engine answers as Apollo's gateway does", () => {
  it.each([
    ["entities across four subgraphs, with a @requires and an error at one entity", PRODUCTS, { first: 10, offset: 2, withStock: true }],
    ["@include false and @skip true leave their fields out", PRODUCTS, { first: 3, withStock: false, skipReviews: true }],
    ["an interface with fragments per type, aliases and __typename", `{ items { __typename upc ... on Product { name price inStock } ... on Gift { wrapping } kind: __typename } }`, {}],
    ["introspection beside data", `{ __typename __type(name: "Gift") { name fields { name } } products(first: 1) { upc } }`, {}],
    ["a value of the wrong type", `{ oddValue products(first: 1) { name } }`, {}],
    ["a fetch behind @include, its variable left to its default", CONDITIONAL, {}],
    ["a fetch behind @include, its variable false", CONDITIONAL, { withStock: false }],
  ])("%s", async (_, query, variables) => {
    const expected = await ask(stock, query, variables);
    expect(expected.data).toBeTruthy();
    expect(await ask(ours, query, variables)).toEqual(expected);
  });

  it("sends each distinct representation once and gives every entity its answer", async () => {
    const { data, errors } = await ask(ours, `{ products(first: 6) { reviews { author { name } } } }`);
    expect(errors).toBeUndefined();
    const names = (data!.products as { reviews: { author: { name: string } }[] }[]).flatMap((p) => p.reviews.map((r) => r.author.name));
    expect(names).toHaveLength(12);
    expect(new Set(names)).toEqual(new Set(["User u0", "User u1", "User u2"]));
    const accounts = subgraphs.get("accounts")!.received;
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.variables.representations).toEqual([
      { __typename: "User", id: "u0" },
      { __typename: "User", id: "u1" },
      { __typename: "User", id: "u2" },
    ]);
  });

  it("a non-null field's null takes its parent entity, not the list, and the error names the entity's path", async () => {
    const { data, errors } = await ask(ours, `{ products(first: 9) { upc inStock } }`);
    const products = data!.products as ({ upc: string } | null)[];
    expect(products[7]).toBeNull();
    expect(products.filter((p) => p === null)).toHaveLength(1);
    expect(errors).toEqual([{ message: "stock unknown", path: ["products", 7, "inStock"], code: "SOURCE_UNAVAILABLE" }]);
  });
});

describe("a subgraph that gives no answer costs exactly its own fields", () => {
  it("down: each of its fields is null with SOURCE_UNAVAILABLE at its own path; the rest is answered", async () => {
    subgraphs.get("accounts")!.mood = "down";
    const { data, errors } = await ask(ours, `{ products(first: 2) { name reviews { author { handle } } } }`);
    expect(data).toEqual({
      products: [
        { name: "Product 0", reviews: [{ author: { handle: null } }, { author: { handle: null } }] },
        { name: "Product 1", reviews: [{ author: { handle: null } }, { author: { handle: null } }] },
      ],
    });
    // Three distinct authors were asked for once each; each error stands at every place its author appears.
    expect(errors).toHaveLength(4);
    expect(errors![0]).toEqual({ message: "accounts is unavailable", path: ["products", 0, "reviews", 0, "author", "handle"], code: "SOURCE_UNAVAILABLE" });
  });

  it("slower than the deadline: SOURCE_TIMEOUT, and the answer does not wait for it", async () => {
    subgraphs.get("inventory")!.mood = "slow";
    const started = Date.now();
    const { data, errors } = await ask(ours, `{ products(first: 1) { name shippingEstimate } }`, {}, 200);
    expect(Date.now() - started).toBeLessThan(900);
    expect(data).toEqual({ products: [{ name: "Product 0", shippingEstimate: null }] });
    expect(errors).toEqual([{ message: "inventory did not answer in time", path: ["products", 0, "shippingEstimate"], code: "SOURCE_TIMEOUT" }]);
  });

  it("a 400 refusing the caller's arguments stays the caller's mistake (BAD_USER_INPUT)", async () => {
    subgraphs.get("catalog")!.mood = "refuse";
    const { errors } = await ask(ours, `{ products(first: 1) { name } }`);
    expect(errors).toEqual([{ message: "first must be positive", path: undefined, code: "BAD_USER_INPUT" }]);
  });

  it("signs every call with the caller and the deadline", async () => {
    const deadline = Date.now() + 5_000;
    await ours.executeOperation({ query: `{ products(first: 1) { name } }` }, { contextValue: { identity, deadline } });
    const [call] = subgraphs.get("catalog")!.received;
    const verified = verifySignedRequest("secret", (name) => call!.headers[name] as string | undefined, call!.body);
    expect(verified).toEqual({ ok: true, caller: identity, deadline });
  });
});
