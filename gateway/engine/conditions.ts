import { Kind, visit, type DirectiveNode, type DocumentNode, type OperationDefinitionNode, type SelectionNode, type ValueNode } from "graphql";

/** The values of the variables an operation's @skip/@include directives read, defaults applied. */
export type ConditionValues = ReadonlyMap<string, boolean>;

/** The names of the variables read by @skip(if:) or @include(if:) anywhere in the document. */
export function conditionVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Directive(node) {
      if (node.name.value !== "skip" && node.name.value !== "include") return;
      const value = node.arguments?.find((a) => a.name.value === "if")?.value;
      if (value?.kind === Kind.VARIABLE) names.add(value.name.value);
    },
  });
  return [...names].sort();
}

/** Each condition variable's value for this request: as given, else its default, else false (validation made it a Boolean). */
export function conditionValues(names: readonly string[], operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): Map<string, boolean> {
  const values = new Map<string, boolean>();
  for (const name of names) {
    const given = variables?.[name];
    if (typeof given === "boolean") values.set(name, given);
    else {
      const fallback = operation.variableDefinitions?.find((d) => d.variable.name.value === name)?.defaultValue;
      values.set(name, fallback?.kind === Kind.BOOLEAN ? fallback.value : false);
    }
  }
  return values;
}

/** Whether a selection survives its @skip and @include for these values. */
export function included(selection: SelectionNode, conditions: ConditionValues): boolean {
  const directives = selection.directives;
  if (!directives || directives.length === 0) return true;
  for (const directive of directives) {
    if (directive.name.value === "skip" && truth(directive, conditions)) return false;
    if (directive.name.value === "include" && !truth(directive, conditions)) return false;
  }
  return true;
}

function truth(directive: DirectiveNode, conditions: ConditionValues): boolean {
  const value: ValueNode | undefined = directive.arguments?.find((a) => a.name.value === "if")?.value;
  if (value?.kind === Kind.BOOLEAN) return value.value;
  if (value?.kind === Kind.VARIABLE) return conditions.get(value.name.value) ?? false;
  return false;
}
