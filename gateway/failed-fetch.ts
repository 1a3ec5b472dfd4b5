import { Kind, parse, type FieldNode, type GraphQLFormattedError, type OperationDefinitionNode, type SelectionSetNode } from "graphql";

type Response = { data: Record<string, unknown>; errors: GraphQLFormattedError[] };

/**
 * The answer a subgraph would have given had it failed field by field: every top-level field of the
 * fetch null, each with the error at its own path. The gateway then places those errors at the paths
 * the fetch would have filled in the client's answer (`_entities` paths included), instead of one error
 * with no path at all.
 */
export function failedFetchResponse(request: { query?: string; variables?: Record<string, unknown> }, message: string, extensions: Record<string, unknown>): Response {
  const errors: GraphQLFormattedError[] = [];
  const data: Record<string, unknown> = {};
  const fail = (path: (string | number)[]) => errors.push({ message, path, extensions });
  const operation = operationOf(request);
  for (const field of fieldsOf(operation?.selectionSet)) {
    const key = field.alias?.value ?? field.name.value;
    if (field.name.value !== "_entities") {
      data[key] = null;
      fail([key]);
      continue;
    }
    const representations = (request.variables?.representations ?? []) as { __typename?: string }[];
    data[key] = representations.map((representation, index) => {
      const entity: Record<string, unknown> = { __typename: representation.__typename };
      for (const selected of fieldsOf(field.selectionSet, representation.__typename)) {
        const selectedKey = selected.alias?.value ?? selected.name.value;
        if (selectedKey === "__typename") continue;
        entity[selectedKey] = null;
        fail([key, index, selectedKey]);
      }
      return entity;
    });
  }
  // A fetch we cannot read back (it was ours, so this is a bug) still reports the source.
  if (errors.length === 0) errors.push({ message, extensions });
  return { data, errors };
}

function operationOf(request: { query?: string }): OperationDefinitionNode | undefined {
  try {
    return parse(request.query ?? "").definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  } catch {
    return undefined;
  }
}

/** The fields of a selection set, inline fragments for `typename` (or any type) flattened in. */
function fieldsOf(set: SelectionSetNode | undefined, typename?: string): FieldNode[] {
  return (set?.selections ?? []).flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT && (!typename || !selection.typeCondition || selection.typeCondition.name.value === typename)) {
      return fieldsOf(selection.selectionSet, typename);
    }
    return [];
  });
}
