import { ApolloServer } from "@apollo/server";
import { composeServices } from "@apollo/composition";
import { QueryPlanner } from "@apollo/query-planner";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { captureLogs } from "../../tests/support/logs.js";
import type { GatewayContext } from "../identity.js";
import { FederatedEngine, type EngineOptions } from "./engine.js";
import { graphql } from "./graphql.js";
import { SubgraphClient } from "./subgraph-client.js";
import { serveTestSubgraph, type TestSubgraph } from "./testing.js";

const identity = { subject: "test", roles: ["architect" as const], region: "HQ", managerId: null, pii: false };
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@override"])';

/** stock owns Product; pricing takes over its price under percent(50) and its name under a name label. */
const DEFINITIONS = {
  stock: {
    typeDefs: `${LINK} type Query { product(upc: ID!): Product } type Product @key(fields: "upc") { upc: ID! price: Int name: String }`,
    resolvers: {
      Query: { product: (_: unknown, { upc }: { upc: string }) => ({ upc, price: 1, name: "stock's name" }) },
      Product: { __resolveReference: ({ upc }: { upc: string }) => ({ upc, price: 1, name: "stock's name" }) },
    },
  },
  pricing: {
    typeDefs: `${LINK} type Product @key(fields: "upc") { upc: ID! price: Int @override(from: "stock", label: "percent(50)") name: String @override(from: "stock", label: "renamed") }`,
    resolvers: { Product: { __resolveReference: ({ upc }: { upc: string }) => ({ upc, price: 2, name: "pricing's name" }) } },
  },
};

let subgraphs: TestSubgraph[];
let supergraphSdl: string;
const servers: ApolloServer<GatewayContext>[] = [];

beforeAll(async () => {
  subgraphs = [];
  for (const [name, { typeDefs, resolvers }] of Object.entries(DEFINITIONS)) {
    subgraphs.push(await serveTestSubgraph(name, buildSubgraphSchema({ typeDefs: graphql.parse(typeDefs), resolvers: resolvers as never })));
  }
  const composed = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: graphql.parse(DEFINITIONS[s.name as keyof typeof DEFINITIONS].typeDefs) })));
  if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join("; "));
  supergraphSdl = composed.supergraphSdl;
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await Promise.all(subgraphs.map((s) => s.close()));
});

beforeEach(() => {
  for (const subgraph of subgraphs) subgraph.received = [];
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function engine(sdl: string, options: EngineOptions): Promise<ApolloServer<GatewayContext>> {
  const clients = new Map(subgraphs.map((s) => [s.name, new SubgraphClient(s.name, s.url, "secret")]));
  const server = new ApolloServer<GatewayContext>({ gateway: new FederatedEngine(sdl, clients, options) });
  await server.start();
  servers.push(server);
  return server;
}

async function ask(server: ApolloServer<GatewayContext>, query: string) {
  const response = await server.executeOperation({ query }, { contextValue: { identity, deadline: Date.now() + 5_000 } });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  expect(response.body.singleResult.errors).toBeUndefined();
  return response.body.singleResult.data as { product: { price?: number; name?: string } };
}

const pricingCalls = () => subgraphs.find((s) => s.name === "pricing")!.received.length;

describe("the engine plans with each request's override labels", () => {
  it("a percent label on sends the field to its new owner, off to the old, and each combination's plan is made once and kept apart", async () => {
    const draws = [0.2, 0.7, 0.4, 0.9];
    const plans = vi.spyOn(QueryPlanner.prototype, "buildQueryPlan");
    const server = await engine(supergraphSdl, { draw: () => draws.shift()! });
    const answers = [];
    const calls = [];
    for (let i = 0; i < 4; i++) {
      const before = pricingCalls();
      answers.push((await ask(server, `{ product(upc: "p1") { price } }`)).product.price);
      calls.push(pricingCalls() - before);
    }
    expect(answers).toEqual([2, 1, 2, 1]);
    expect(calls).toEqual([1, 0, 1, 0]);
    expect(draws).toEqual([]);
    expect(plans).toHaveBeenCalledTimes(2);
    expect(plans.mock.calls.map(([, options]) => Object.fromEntries(options?.overrideConditions ?? []))).toEqual([
      { "percent(50)": true, renamed: false },
      { "percent(50)": false, renamed: false },
    ]);
  });

  it("a name label is off unless the operator pins it on, and a pinned percent label draws nothing", async () => {
    const never = () => {
      throw new Error("no draw expected");
    };
    const pinned = await engine(supergraphSdl, { pinnedLabels: new Map([["renamed", true], ["percent(50)", false]]), draw: never });
    expect((await ask(pinned, `{ product(upc: "p2") { name price } }`)).product).toEqual({ name: "pricing's name", price: 1 });
    const unpinned = await engine(supergraphSdl, { pinnedLabels: new Map([["percent(50)", true]]), draw: never });
    expect((await ask(unpinned, `{ product(upc: "p2") { name price } }`)).product).toEqual({ name: "stock's name", price: 2 });
  });

  it("without labels in the supergraph, a request draws nothing and plans as before; a pinned label it lacks is only a warning", async () => {
    const plain = composeServices([{ name: "stock", url: subgraphs[0]!.url, typeDefs: graphql.parse(DEFINITIONS.stock.typeDefs) }]).supergraphSdl!;
    const plans = vi.spyOn(QueryPlanner.prototype, "buildQueryPlan");
    const logs = captureLogs("warn");
    let server: ApolloServer<GatewayContext>;
    try {
      server = await engine(plain, {
        pinnedLabels: new Map([["renamed", true]]),
        draw: () => {
          throw new Error("no draw expected");
        },
      });
    } finally {
      logs.restore();
    }
    expect(logs.lines()).toEqual([expect.objectContaining({ level: "warn", component: "gateway", labels: ["renamed"], msg: expect.stringMatching(/no field of the supergraph carries: ignored/) })]);
    for (let i = 0; i < 2; i++) expect((await ask(server, `{ product(upc: "p3") { price } }`)).product.price).toBe(1);
    expect(plans).toHaveBeenCalledTimes(1);
    expect(plans.mock.calls[0]![1]).toBeUndefined();
  });
});
