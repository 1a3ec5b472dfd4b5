import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { Supergraph } from "@apollo/federation-internals";
import type { GraphQLSchema } from "graphql";
import { afterAll, describe, expect, it } from "vitest";
import type { GatewayContext, Identity, Role } from "../identity.js";
import { DEFAULT_LIMITS, introspectionAllowed, limitsEnvSchema, limitsFromEnv, limitsPlugin, type QueryLimits } from "./limits.js";
import { readmeQuery } from "../../tests/support/readme.js";

const servers: ApolloServer<GatewayContext>[] = [];
afterAll(() => Promise.all(servers.map((s) => s.stop())));

function identity(...roles: Role[]): Identity {
  return { subject: "u-1", roles, region: "HQ", managerId: null, pii: false };
}

let resolved = 0;
const node = { id: "n1" };
const typeDefs = `
  type Query { node: Node nodes(first: Int = 10): [Node!]! }
  type Node { id: ID! child: Node children(first: Int): [Node!]! }
`;
const resolvers = {
  Query: { node: () => (resolved++, node), nodes: (_: unknown, args: { first: number }) => (resolved++, Array(args.first).fill(node)) },
  Node: { child: () => node, children: (_: unknown, args: { first?: number }) => Array(args.first ?? 2).fill(node) },
};

async function server(options: { limits?: QueryLimits; production?: boolean; schema?: GraphQLSchema; rootValue?: unknown } = {}) {
  const plugin = limitsPlugin(options.limits ?? DEFAULT_LIMITS, { production: options.production ?? true });
  const schemaOptions = options.schema ? { schema: options.schema } : { typeDefs, resolvers };
  const apollo = new ApolloServer<GatewayContext>({ ...schemaOptions, rootValue: options.rootValue, plugins: plugin.apollo, validationRules: plugin.validationRules });
  await apollo.start();
  servers.push(apollo);
  return async (query: string, variables?: Record<string, unknown>, contextValue: GatewayContext = { identity: identity("agent"), deadline: Date.now() + 8_000 }) => {
    const response = await apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    const { data, errors } = response.body.singleResult;
    return { status: response.http.status ?? 200, data, errors, codes: errors?.map((e) => e.extensions?.code) };
  };
}

const tooComplex = (status: number, codes: unknown) => expect({ status, codes }).toEqual({ status: 400, codes: ["QUERY_TOO_COMPLEX"] });

describe("limitsPlugin on a small schema", async () => {
  const run = await server();

  it("refuses a 50-level deep query by depth, before any resolver runs", async () => {
    const before = resolved;
    const result = await run(`{ node { ${"child { ".repeat(49)}id${" }".repeat(49)} } }`);
    tooComplex(result.status, result.codes);
    expect(result.errors?.[0]?.message).toBe("Query depth limit of 12 exceeded, found 51.");
    expect(resolved).toBe(before);
  });

  it("refuses 1,000 aliases", async () => {
    const result = await run(`{ node { ${Array.from({ length: 1000 }, (_, i) => `a${i}: id`).join(" ")} } }`);
    tooComplex(result.status, result.codes);
    expect(result.errors?.[0]?.message).toBe("Aliases limit of 30 exceeded, found 1000.");
  });

  it("refuses too many directives", async () => {
    const result = await run(`{ node { ${"id @include(if: true) ".repeat(21)} } }`);
    tooComplex(result.status, result.codes);
    expect(result.errors?.[0]?.message).toBe("Directives limit of 20 exceeded, found 21.");
  });

  it("refuses a query over the cost limit", async () => {
    const result = await run("{ nodes(first: 100) { children(first: 100) { children(first: 100) { id } } } }");
    tooComplex(result.status, result.codes);
    expect(result.errors?.[0]?.message).toBe("query cost 1,010,100 is over the limit of 50,000");
  });

  it("costs each request with its own variables, the same document cached or not", async () => {
    const query = "query ($n: Int) { nodes(first: $n) { children(first: $n) { id } } }";
    const cheap = await run(query, { n: 3 });
    expect(cheap.errors).toBeUndefined();
    expect(cheap.data).toEqual({ nodes: Array(3).fill({ children: Array(3).fill({ id: "n1" }) }) });
    const costly = await run(query, { n: 300 });
    tooComplex(costly.status, costly.codes);
    expect(costly.errors?.[0]?.message).toBe("query cost 90,300 is over the limit of 50,000");
  });

  it("keeps field suggestions out of error messages", async () => {
    const result = await run("{ node { chil { id } } }");
    expect(result.codes).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(result.errors?.[0]?.message).not.toMatch(/did you mean/i);
  });

  it("treats a request without identity as a bug", async () => {
    const result = await run("{ node { id } }", undefined, {} as GatewayContext);
    expect({ status: result.status, codes: result.codes }).toEqual({ status: 500, codes: ["INTERNAL_SERVER_ERROR"] });
  });
});

describe("token limit", async () => {
  const run = await server({ limits: { ...DEFAULT_LIMITS, maxTokens: 100 } });

  it("refuses a document with more tokens than the limit, giving both numbers", async () => {
    const result = await run(`{ node { ${"id ".repeat(96)}} }`);
    tooComplex(result.status, result.codes);
    expect(result.errors?.[0]?.message).toBe("query has 101 tokens, over the limit of 100");
  });

  it("lets a document at the limit through", async () => {
    expect((await run(`{ node { ${"id ".repeat(95)}} }`)).errors).toBeUndefined();
  });
});

describe("introspection", async () => {
  const production = await server({ production: true });
  const development = await server({ production: false });
  const schemaQuery = "{ __schema { queryType { name } } }";
  const typeViaFragment = '{ ...F } fragment F on Query { node { id } ... on Query { __type(name: "Node") { name } } }';

  it("is refused in production to other roles with FORBIDDEN and HTTP 403, fragments followed", async () => {
    for (const query of [schemaQuery, typeViaFragment]) {
      const result = await production(query, undefined, { identity: identity("agent", "hq-analyst"), deadline: Date.now() + 8_000 });
      expect({ status: result.status, codes: result.codes }).toEqual({ status: 403, codes: ["FORBIDDEN"] });
    }
  });

  it("is open to architects and admins in production, and to anyone in development", async () => {
    for (const role of ["architect", "admin"] as const) {
      expect((await production(schemaQuery, undefined, { identity: identity(role), deadline: Date.now() + 8_000 })).data).toEqual({ __schema: { queryType: { name: "Query" } } });
    }
    expect((await development(typeViaFragment, undefined, { identity: identity("agent"), deadline: Date.now() + 8_000 })).errors).toBeUndefined();
  });

  it("never concerns __typename", async () => {
    expect((await production("{ __typename node { __typename } }")).data).toEqual({ __typename: "Query", node: { __typename: "Node" } });
  });

  it("is decided by introspectionAllowed", () => {
    expect(introspectionAllowed(identity("ka-manager"), true)).toBe(false);
    expect(introspectionAllowed(identity("ka-manager", "architect"), true)).toBe(true);
    expect(introspectionAllowed(identity("ka-manager"), false)).toBe(true);
  });
});

describe("the default limits on the committed API schema", async () => {
  const apiSchema = Supergraph.build(readFileSync("schema/supergraph.graphql", "utf8")).apiSchema().toGraphQLJSSchema();
  // Data enough for the queries to execute: the limits are what is tested.
  const rootValue = { customer: null, customers: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } };
  const run = await server({ schema: apiSchema, rootValue });

  it("lets the README's customer query through", async () => {
    const result = await run(readmeQuery());
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ customer: null, customers: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } });
  });

  it("lets a 200-customer BI page through", async () => {
    const result = await run(`query ($n: Int!) { customers(first: $n) { edges { node { id name
      credit { score list factors { name contribution } } valueTier { tier } arrears { totalFen buckets { label amountFen } } } } } }`, { n: 200 });
    expect(result.errors).toBeUndefined();
  });

  const walk = (times: number) => {
    const step = "keyAccount { manager { portfolio { customer { ";
    return `{ customer(id: "320100000006") { ${step.repeat(times)}id${" } } } }".repeat(times)} } }`;
  };

  it("refuses a walk down key account → manager → portfolio, 12 times over", async () => {
    const result = await run(walk(12));
    tooComplex(result.status, result.codes);
    expect(result.errors?.[0]?.message).toMatch(/^Query depth limit of 12 exceeded/);
  });

  it("refuses the same walk by cost alone when depth is no limit", async () => {
    const deep = await server({ schema: apiSchema, rootValue, limits: { ...DEFAULT_LIMITS, maxDepth: 1_000 } });
    const result = await deep(walk(12));
    tooComplex(result.status, result.codes);
    expect(result.errors?.[0]?.message).toMatch(/^query cost [\d,]+ is over the limit of 50,000$/);
  });
});

describe("limitsEnvSchema", () => {
  it("defaults to DEFAULT_LIMITS and reads numbers from strings", () => {
    expect(limitsFromEnv(limitsEnvSchema.parse({}))).toEqual(DEFAULT_LIMITS);
    expect(limitsFromEnv(limitsEnvSchema.parse({ LIMIT_MAX_COST: "1000", LIMIT_DEFAULT_LIST_SIZE: "5" }))).toMatchObject({ maxCost: 1000, defaultListSize: 5 });
  });

  it("refuses a limit that is not a positive whole number", () => {
    for (const bad of ["0", "-3", "1.5", "many"]) expect(limitsEnvSchema.safeParse({ LIMIT_MAX_DEPTH: bad }).success).toBe(false);
  });
});
