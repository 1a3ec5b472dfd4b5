import { createRequire } from "node:module";

/**
 * graphql as Apollo Server and Apollo's federation packages load it (CommonJS). Under vitest a plain
 * import gets graphql's ESM copy, another "realm" whose checks refuse the schemas and errors those
 * packages make, so the engine takes its classes and predicates from here.
 */
export const graphql = createRequire(import.meta.url)("graphql") as typeof import("graphql");
