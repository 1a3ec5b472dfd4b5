import { buildSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { parse, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap, type NonEmptyArray } from "type-graphql";

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

/** The root types' descriptions, the same in every subgraph so that composition keeps them without a hint. */
const ROOT_DESCRIPTIONS: Record<string, string> = {
  Query: "What consumers read. Each field is answered by the subgraph over the legacy system that owns the data, or computed by insights; its description says which.",
  Mutation: "The writes. Each goes to the legacy system that owns the record, keyed by the caller's idempotencyKey, so a retry or replay never writes twice; its description says which.",
};

/** `__resolveReference` per entity type: how this subgraph turns a key into its own object. */
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any) => unknown }>;

export interface FederatedSubgraphOptions {
  resolvers: NonEmptyArray<Function>;
  /** Entity types this subgraph only extends: no query returns them, so type-graphql needs to be told. */
  orphanedTypes?: Function[];
  references?: ReferenceResolvers;
}

export interface FederatedSubgraph {
  schema: GraphQLSchema;
  /** The subgraph's SDL as composition sees it, federation link included. */
  sdl: string;
}

/**
 * Builds a federation 2 subgraph from type-graphql classes: type-graphql makes the schema, the printed
 * SDL (with its @key directives) gets the federation link, and @apollo/subgraph adds _entities/_service.
 */
export async function buildFederatedSubgraph(options: FederatedSubgraphOptions): Promise<FederatedSubgraph> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    validate: false,
  });
  // type-graphql has no option for a root type's description.
  for (const root of [schema.getQueryType(), schema.getMutationType()]) if (root) root.description = ROOT_DESCRIPTIONS[root.name] ?? null;
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}\n`;
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  // Merge per type: a reference resolver joins the type's field resolvers, it must not replace them.
  for (const [typeName, reference] of Object.entries(options.references ?? {})) {
    resolvers[typeName] = { ...resolvers[typeName], ...reference };
  }
  // The package exports no name for its resolver-map type; the module is typed from the function itself.
  const module = { typeDefs: parse(sdl), resolvers } as Parameters<typeof buildSubgraphSchema>[0];
  return { schema: buildSubgraphSchema(module), sdl };
}
