import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, parse } from "graphql";

/** Field names only the subgraphs see (@inaccessible) and no consumer type has. */
export function hiddenFieldNames(supergraphSdl: string): Set<string> {
  const hidden = new Set<string>();
  const visible = new Set<string>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) {
      const inaccessible = field.directives?.some((d) => d.name.value === "inaccessible");
      (inaccessible ? hidden : visible).add(field.name.value);
    }
  }
  for (const name of visible) hidden.delete(name);
  return hidden;
}

/**
 * A source's failure to give the judgements their facts is reported where the consumer looks: at each
 * judgement that could not be made. The same failure at the hidden facts field itself would name a
 * field no consumer can ask for, so it is left out of the answer.
 */
export function hiddenFieldErrorsPlugin<C extends object>(hidden: ReadonlySet<string>): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single" || !response.body.singleResult.errors) return;
          const errors = response.body.singleResult.errors.filter((e) => !hidden.has(String(e.path?.at(-1))));
          response.body.singleResult.errors = errors.length > 0 ? errors : undefined;
        },
      };
    },
  };
}
