import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse, type GraphQLSchema } from "graphql";
import type { Catalogue, Product, Review, User } from "./data.js";

/** One synthetic subgraph: its name, SDL and executable schema. */
export interface SyntheticSubgraph {
  name: SubgraphName;
  typeDefs: string;
  schema: GraphQLSchema;
}

export const SUBGRAPH_NAMES = ["accounts", "products", "inventory", "reviews"] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])`;

const TYPE_DEFS: Record<SubgraphName, string> = {
  accounts: `${LINK}
    type Query { user(id: ID!): User }
    type User @key(fields: "id") { id: ID! name: String! username: String! birthYear: Int! }`,
  products: `${LINK}
    type Query { topProducts(first: Int! = 5, offset: Int! = 0): [Product!]! }
    type Product @key(fields: "upc") { upc: String! name: String! price: Int! weight: Int! tags: [String!]! }`,
  inventory: `${LINK}
    type Product @key(fields: "upc") {
      upc: String!
      price: Int! @external
      weight: Int! @external
      inStock: Boolean!
      shippingEstimate: Int! @requires(fields: "price weight")
      warehouses: [Stock!]!
    }
    type Stock { warehouse: String! quantity: Int! }`,
  reviews: `${LINK}
    type Review @key(fields: "id") { id: ID! body: String! rating: Int! author: User! product: Product! }
    type User @key(fields: "id") { id: ID! reviews: [Review!]! }
    type Product @key(fields: "upc") { upc: String! reviews: [Review!]! }`,
};

type Ref<K extends string> = Record<K, string>;

/** The four subgraphs over one catalogue; every resolver is a map lookup. */
export function syntheticSubgraphs(catalogue: Catalogue): SyntheticSubgraph[] {
  const resolvers = {
    accounts: {
      Query: { user: (_: unknown, { id }: { id: string }) => catalogue.users.get(id) ?? null },
      User: { __resolveReference: (ref: Ref<"id">) => catalogue.users.get(ref.id) ?? null },
    },
    products: {
      Query: {
        topProducts: (_: unknown, { first, offset }: { first: number; offset: number }) => catalogue.products.slice(offset, offset + first),
      },
      Product: { __resolveReference: (ref: Ref<"upc">) => catalogue.productByUpc.get(ref.upc) ?? null },
    },
    inventory: {
      Product: {
        __resolveReference: (ref: Pick<Product, "upc" | "price" | "weight">) => ref,
        inStock: (product: Pick<Product, "upc">) => (catalogue.stockByUpc.get(product.upc) ?? []).some((s) => s.quantity > 0),
        // Free over 50 yuan (in fen), else by weight: the classic @requires example.
        shippingEstimate: (product: Pick<Product, "price" | "weight">) => (product.price > 5_000 ? 0 : Math.round(product.weight / 2)),
        warehouses: (product: Pick<Product, "upc">) => catalogue.stockByUpc.get(product.upc) ?? [],
      },
    },
    reviews: {
      Review: {
        __resolveReference: (ref: Ref<"id">) => catalogue.reviewsByUpc.get(ref.id.slice(0, ref.id.lastIndexOf("-r")))?.find((r) => r.id === ref.id) ?? null,
        author: (review: Review) => ({ id: review.authorId }),
        product: (review: Review) => ({ upc: review.upc }),
      },
      User: {
        __resolveReference: (ref: Ref<"id">) => ref,
        reviews: (user: Pick<User, "id">) => catalogue.reviewsByAuthor.get(user.id) ?? [],
      },
      Product: {
        __resolveReference: (ref: Ref<"upc">) => ref,
        reviews: (product: Pick<Product, "upc">) => catalogue.reviewsByUpc.get(product.upc) ?? [],
      },
    },
  };
  return SUBGRAPH_NAMES.map((name) => ({
    name,
    typeDefs: TYPE_DEFS[name],
    // @apollo/subgraph's resolver map type is loose about reference resolvers; these match its runtime contract.
    schema: buildSubgraphSchema({ typeDefs: parse(TYPE_DEFS[name]), resolvers: resolvers[name] as never }),
  }));
}
