import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { composeServices } from "@apollo/composition";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLSchema } from "graphql";
import { graphql } from "./graphql.js";

/** How a test subgraph misbehaves: not at all, refusing connections' answers, too slow, or refusing the arguments. */
export type Mood = "well" | "down" | "slow" | "refuse";

export interface TestSubgraph {
  name: string;
  url: string;
  mood: Mood;
  /** Operations received, for counting fetches and reading their variables. */
  received: { query: string; variables: Record<string, unknown>; headers: IncomingHttpHeaders; body: string }[];
  close(): Promise<void>;
}

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@shareable"])';

const PRODUCTS = Array.from({ length: 30 }, (_, i) => ({ upc: `p${i}`, name: `Product ${i}`, price: 100 + i, weight: 1 + (i % 4) }));
const USERS = ["u0", "u1", "u2"];

/** Four small subgraphs: entities by key, a @requires, lists of lists, an interface, shared authors. */
const DEFINITIONS: Record<string, { typeDefs: string; resolvers: Record<string, unknown> }> = {
  catalog: {
    typeDefs: `${LINK}
      interface Item { upc: ID! name: String! }
      type Product implements Item @key(fields: "upc") { upc: ID! name: String! price: Int! weight: Int! }
      type Gift implements Item { upc: ID! name: String! wrapping: String }
      type Query { products(first: Int!, offset: Int = 0): [Product] items: [Item!]! oddValue: Int }`,
    resolvers: {
      Query: {
        products: (_: unknown, { first, offset }: { first: number; offset: number }) => PRODUCTS.slice(offset, offset + first),
        items: () => [{ __typename: "Product", ...PRODUCTS[0] }, { __typename: "Gift", upc: "g1", name: "Gift", wrapping: "red" }],
        oddValue: () => 1.5, // not an Int: the gateway must not pass it on as one
      },
      Item: { __resolveType: (item: { __typename: string }) => item.__typename },
      Product: { __resolveReference: (ref: { upc: string }) => PRODUCTS.find((p) => p.upc === ref.upc) },
    },
  },
  reviews: {
    typeDefs: `${LINK}
      type Product @key(fields: "upc") { upc: ID! reviews: [Review!]! }
      type Review { id: ID! body: String! rating: Int author: User! }
      type User @key(fields: "id") { id: ID! }`,
    resolvers: {
      Product: {
        reviews: (product: { upc: string }) => {
          const n = Number(product.upc.slice(1));
          return [0, 1].map((k) => ({ id: `${product.upc}-r${k}`, body: `review ${k} of ${product.upc}`, rating: (n + k) % 5, author: { id: USERS[(n + k) % USERS.length] } }));
        },
      },
    },
  },
  accounts: {
    typeDefs: `${LINK}
      type User @key(fields: "id") { id: ID! name: String! handle: String }`,
    resolvers: { User: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, name: `User ${ref.id}`, handle: `@${ref.id}` }) } },
  },
  inventory: {
    typeDefs: `${LINK}
      type Product @key(fields: "upc") { upc: ID! price: Int! @external weight: Int! @external shippingEstimate: Int @requires(fields: "price weight") inStock: Boolean! }`,
    resolvers: {
      Product: {
        __resolveReference: (ref: { upc: string; price?: number; weight?: number }) => ref,
        shippingEstimate: (p: { price: number; weight: number }) => p.price * p.weight,
        // Product 7 is unknown to inventory: a null for a non-null field, with an error.
        inStock: (p: { upc: string }) => {
          if (p.upc === "p7") throw new graphql.GraphQLError("stock unknown", { extensions: { code: "SOURCE_UNAVAILABLE", source: "inventory" } });
          return Number(p.upc.slice(1)) % 2 === 0;
        },
      },
    },
  },
};

/** Starts the four subgraphs on free ports and composes their supergraph. */
export async function startTestSubgraphs(): Promise<{ supergraphSdl: string; subgraphs: Map<string, TestSubgraph> }> {
  const subgraphs = new Map<string, TestSubgraph>();
  const services = [];
  for (const [name, definition] of Object.entries(DEFINITIONS)) {
    const typeDefs = graphql.parse(definition.typeDefs);
    const schema = buildSubgraphSchema({ typeDefs, resolvers: definition.resolvers as never });
    const subgraph = await serveTestSubgraph(name, schema);
    subgraphs.set(name, subgraph);
    services.push({ name, url: subgraph.url, typeDefs });
  }
  const composed = composeServices(services);
  if (!composed.supergraphSdl) throw new Error(`test supergraph does not compose: ${composed.errors?.map((e) => e.message).join("; ")}`);
  return { supergraphSdl: composed.supergraphSdl, subgraphs };
}

/** Serves a subgraph schema on a free port, recording what it receives. */
export async function serveTestSubgraph(name: string, schema: GraphQLSchema): Promise<TestSubgraph> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const { query, variables = {} } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
    subgraph.received.push({ query, variables, headers: req.headers, body });
    if (subgraph.mood === "down") return void res.writeHead(503).end("down");
    if (subgraph.mood === "slow") await new Promise((resolve) => setTimeout(resolve, 1_000));
    if (subgraph.mood === "refuse") {
      return void res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ message: "first must be positive", extensions: { code: "BAD_USER_INPUT" } }] }));
    }
    const result = await graphql.execute({ schema, document: graphql.parse(query), variableValues: variables });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const subgraph: TestSubgraph = {
    name,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    mood: "well",
    received: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return subgraph;
}
