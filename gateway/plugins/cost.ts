import {
  GraphQLError,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type GraphQLUnionType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

/** The one code of every query limit (depth, aliases, directives, tokens, cost). */
export const QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX";

export function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: QUERY_TOO_COMPLEX, http: { status: 400 } } });
}

/** 8000000 → "8,000,000", for messages people read. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: 0 });
}

export interface CostOptions {
  /** Size assumed for a list whose field names no `first`/`last` and whose schema gives no default. */
  defaultListSize: number;
  /** The request's variable values, so `first: $n` counts what the caller asked for. */
  variables?: Readonly<Record<string, unknown>> | undefined;
}

/** How the cost finds a fragment the operation spreads. */
export type FragmentLookup = (name: string) => FragmentDefinitionNode | undefined;

type CompositeType = GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType;

const SIZE_ARGUMENTS = ["first", "last"];

/**
 * What an operation may make the subgraphs produce: 1 per object (interface, union) a field returns,
 * times the size of every list around it. Scalars and enums cost nothing: they come with their
 * object. A list's size is its `first`/`last` (literal or variable), else that argument's schema
 * default, else `defaultListSize`. A field with `first`/`last` that returns a single object (a Relay
 * connection) passes the size to the lists directly inside it (`edges`, `nodes`). Type conditions
 * are summed rather than maxed: an upper bound, cheap to compute.
 *
 * Only the schema's methods are used, no `instanceof`-based graphql helper: the schema may come
 * from another copy of graphql than this module's (Apollo Server's CommonJS one under vitest).
 */
export function operationCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragmentOf: FragmentLookup, options: CostOptions): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) variables[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
  }
  Object.assign(variables, options.variables);
  // Keyed by fragment and inherited size; also what stops a fragment cycle (it costs 0 the second time).
  const fragmentCosts = new Map<string, number>();

  function selectionCost(set: SelectionSetNode, parent: CompositeType, inherited: number | undefined): number {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent, inherited);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? composite(schema.getType(selection.typeCondition.name.value)) : parent;
        if (type) total += selectionCost(selection.selectionSet, type, inherited);
      } else {
        total += spreadCost(selection.name.value, inherited);
      }
    }
    return total;
  }

  function spreadCost(name: string, inherited: number | undefined): number {
    const key = `${name}:${inherited ?? ""}`;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    fragmentCosts.set(key, 0);
    const fragment = fragmentOf(name);
    const type = fragment && composite(schema.getType(fragment.typeCondition.name.value));
    const cost = fragment && type ? selectionCost(fragment.selectionSet, type, inherited) : 0;
    fragmentCosts.set(key, cost);
    return cost;
  }

  function fieldCost(node: FieldNode, parent: CompositeType, inherited: number | undefined): number {
    // Unions have no fields but __typename; meta fields (__typename, __schema, __type) are not in
    // getFields(), and an unknown field is for validation to report.
    if (!("getFields" in parent)) return 0;
    const field = parent.getFields()[node.name.value];
    const type = field && composite(namedType(field.type));
    if (!field || !type || !node.selectionSet) return 0;
    const size = sizeOf(node, field);
    if (!isList(field.type)) return 1 + selectionCost(node.selectionSet, type, size);
    return (size ?? inherited ?? options.defaultListSize) * (1 + selectionCost(node.selectionSet, type, undefined));
  }

  /** The `first`/`last` the query gives, else their schema defaults (the larger of two). */
  function sizeOf(node: FieldNode, field: GraphQLField<unknown, unknown>): number | undefined {
    const given: number[] = [];
    const defaults: number[] = [];
    for (const argument of field.args.filter((a) => SIZE_ARGUMENTS.includes(a.name))) {
      const ast = node.arguments?.find((a) => a.name.value === argument.name);
      const value = ast && intValue(ast.value, variables);
      if (isSize(value)) given.push(value);
      else if (isSize(argument.defaultValue)) defaults.push(argument.defaultValue);
    }
    const sizes = given.length > 0 ? given : defaults;
    return sizes.length > 0 ? Math.max(...sizes) : undefined;
  }

  return selectionCost(operation.selectionSet, root, undefined);
}

function intValue(node: ValueNode, variables: Record<string, unknown>): unknown {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  return undefined;
}

function isSize(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/** Objects and interfaces have interfaces, unions members; input objects, scalars and enums neither. */
function composite(type: GraphQLNamedType | null | undefined): CompositeType | undefined {
  return type && ("getInterfaces" in type || "getTypes" in type) ? type : undefined;
}

function namedType(type: GraphQLOutputType): GraphQLNamedType {
  return "ofType" in type ? namedType(type.ofType) : type;
}

/** `[Item!]!`, `[Item]`: what a list prints as, non-null or not. */
function isList(type: GraphQLOutputType): boolean {
  return String(type).startsWith("[");
}
