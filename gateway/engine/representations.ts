import type { GraphQLSchema } from "graphql";
import type { QueryPlanSelectionNode } from "@apollo/query-planner";
import { graphql } from "./graphql.js";

const { isAbstractType, isInterfaceType, isObjectType } = graphql;

type Entity = Record<string, unknown>;

/**
 * What an entity fetch sends for one entity: the fields its `requires` selection names, read from what
 * earlier fetches merged in. Null when a field is missing (an earlier fetch failed for that entity), so
 * the entity is not sent at all.
 */
export type RepresentationOf = (entity: Entity) => Entity | null;

export function compileRepresentation(schema: GraphQLSchema, selections: readonly QueryPlanSelectionNode[]): RepresentationOf {
  const steps = selections.map((selection): ((source: Entity, into: Entity) => boolean) => {
    if (selection.kind === "Field") {
      const name = selection.alias ?? selection.name;
      const child = selection.selections ? compileRepresentation(schema, selection.selections) : null;
      return (source, into) => {
        const value = source[name];
        if (value === undefined) return false;
        into[name] = child ? copyWith(value, child) : value;
        return true;
      };
    }
    const condition = selection.typeCondition;
    const inner = compileRepresentation(schema, selection.selections);
    return (source, into) => {
      if (condition && !ofType(schema, source, condition)) return true;
      const part = inner(source);
      if (part) Object.assign(into, part);
      return true;
    };
  });
  return (entity) => {
    const representation: Entity = {};
    for (const step of steps) if (!step(entity, representation)) return null;
    return representation;
  };
}

function copyWith(value: unknown, child: RepresentationOf): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((item) => copyWith(item, child));
  return child(value as Entity);
}

/** Whether an object merged so far is of the fragment's type (its own type, or an abstract type it belongs to). */
export function ofType(schema: GraphQLSchema, object: Entity, condition: string): boolean {
  const typename = object.__typename;
  if (typeof typename !== "string") return false;
  if (typename === condition) return true;
  const type = schema.getType(typename);
  const target = schema.getType(condition);
  if (!type || !target || !isAbstractType(target)) return false;
  return (isObjectType(type) || isInterfaceType(type)) && schema.isSubType(target, type);
}
