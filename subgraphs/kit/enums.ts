import { registerEnumType } from "type-graphql";

/**
 * Registers a port's string union as a GraphQL enum. Ports keep plain string unions (no TypeScript
 * enums), so the values object is built here from the same list the port exports or declares.
 */
export function graphqlEnum<const V extends string>(name: string, values: readonly V[], description?: string): { [K in V]: K } {
  const object = Object.fromEntries(values.map((v) => [v, v])) as { [K in V]: K };
  registerEnumType(object, { name, ...(description ? { description } : {}) });
  return object;
}
