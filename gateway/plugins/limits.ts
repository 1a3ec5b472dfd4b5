import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { MaxTokensParserWLexer } from "@escape.tech/graphql-armor-max-tokens";
import type { GraphQLArmorRejectCallback } from "@escape.tech/graphql-armor-types";
import { GraphQLError, Kind, print, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationRule } from "graphql";
import { z } from "zod";
import type { GatewayContext, Identity } from "../identity.js";
import { QUERY_TOO_COMPLEX, formatCount, operationCost, tooComplex } from "./cost.js";
import type { GatewayPlugin } from "./plugin.js";

export interface QueryLimits {
  /** Nesting of fields (fragments add no level). */
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Lexical tokens of the whole document. */
  maxTokens: number;
  /** See operationCost in cost.ts. */
  maxCost: number;
  /** List size assumed when neither the query nor the schema gives `first`/`last`. */
  defaultListSize: number;
}

/** Room for the README's customer query and a 200-customer BI page, not for a walk down the graph. */
export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 20,
  maxTokens: 4_000,
  maxCost: 50_000,
  defaultListSize: 10,
};

const limit = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The limits' environment variables, to merge into the gateway's env schema. */
export const limitsEnvSchema = z.object({
  LIMIT_MAX_DEPTH: limit(DEFAULT_LIMITS.maxDepth),
  LIMIT_MAX_ALIASES: limit(DEFAULT_LIMITS.maxAliases),
  LIMIT_MAX_DIRECTIVES: limit(DEFAULT_LIMITS.maxDirectives),
  LIMIT_MAX_TOKENS: limit(DEFAULT_LIMITS.maxTokens),
  LIMIT_MAX_COST: limit(DEFAULT_LIMITS.maxCost),
  LIMIT_DEFAULT_LIST_SIZE: limit(DEFAULT_LIMITS.defaultListSize),
});

export function limitsFromEnv(env: z.infer<typeof limitsEnvSchema>): QueryLimits {
  return {
    maxDepth: env.LIMIT_MAX_DEPTH,
    maxAliases: env.LIMIT_MAX_ALIASES,
    maxDirectives: env.LIMIT_MAX_DIRECTIVES,
    maxTokens: env.LIMIT_MAX_TOKENS,
    maxCost: env.LIMIT_MAX_COST,
    defaultListSize: env.LIMIT_DEFAULT_LIST_SIZE,
  };
}

/** Development: anyone may introspect; production: only those who design the graph. */
export function introspectionAllowed(identity: Identity, production: boolean): boolean {
  return !production || identity.roles.some((role) => role === "architect" || role === "admin");
}

/**
 * Query limits, all refused with QUERY_TOO_COMPLEX and HTTP 400 before any subgraph is called:
 * depth, aliases and directives (graphql-armor) and tokens (armor's counting parser) as validation
 * rules; cost (cost.ts) when the operation is resolved, since it depends on the request's variables
 * and Apollo Server validates a document once, then caches it. Introspection (`__schema`, `__type`)
 * is refused with FORBIDDEN and HTTP 403 to whom `introspectionAllowed` denies it.
 *
 * Give `apollo` to ApolloServer's `plugins` and `validationRules` to its `validationRules`.
 */
export function limitsPlugin(limits: QueryLimits, options: { production: boolean }): GatewayPlugin {
  const armor = new ApolloArmor({
    // Ours counts list sizes; armor's counts fields only.
    costLimit: { enabled: false },
    // Its Apollo plugin throws from parsingDidStart, which Apollo Server answers with a 500: see tokenLimitRule.
    maxTokens: { enabled: false },
    maxDepth: { n: limits.maxDepth, flattenFragments: true, propagateOnRejection: false, onReject: [reportTooComplex] },
    maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [reportTooComplex] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [reportTooComplex] },
    blockFieldSuggestion: { enabled: true },
  }).protect();

  const checks: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation, request, schema }) {
          if (!contextValue.identity) throw new Error("no identity in the context: authentication must run first");
          // No operation to run (several and none named): Apollo Server refuses it next, before execution.
          if (!operation) return;
          const fragments = fragmentsOf(document);
          if (!introspectionAllowed(contextValue.identity, options.production) && selectsIntrospection(operation.selectionSet, fragments)) {
            throw new GraphQLError("introspection is reserved to architects and admins", { extensions: { code: "FORBIDDEN", http: { status: 403 } } });
          }
          const costOptions = { defaultListSize: limits.defaultListSize, variables: request.variables };
          const cost = operationCost(schema, operation, (name) => fragments.get(name), costOptions);
          if (cost > limits.maxCost) throw tooComplex(`query cost ${formatCount(cost)} is over the limit of ${formatCount(limits.maxCost)}`);
        },
        async didEncounterErrors({ errors }) {
          // Apollo Server gives every validation error the code GRAPHQL_VALIDATION_FAILED; ours keep theirs.
          for (const error of errors) {
            const original = error.originalError as { extensions?: { code?: unknown } } | undefined;
            if (original?.extensions?.code === QUERY_TOO_COMPLEX) error.extensions.code = QUERY_TOO_COMPLEX;
          }
        },
      };
    },
  };

  return {
    name: "limits",
    // Armor's typings name Apollo Server's CommonJS build; its plugins are plain objects either way.
    apollo: [...(armor.plugins as unknown as ApolloServerPlugin<GatewayContext>[]), checks],
    validationRules: [...armor.validationRules, tokenLimitRule(limits.maxTokens)],
  };
}

const reportTooComplex: GraphQLArmorRejectCallback = (context, error) => {
  // Armor calls every rejection a "Syntax Error", which it is not.
  context?.reportError(tooComplex(error.message.replace(/^Syntax Error: /, "")));
};

/**
 * Armor's token-counting parser run over the parsed document's source. Apollo Server has parsed it
 * already and validates it alongside (the gateway's 1 MB body cap bounds both); the limit keeps big
 * documents from query planning and execution.
 */
function tokenLimitRule(maxTokens: number): ValidationRule {
  return (context) => {
    const document = context.getDocument();
    const parser = new MaxTokensParserWLexer(document.loc?.source.body ?? print(document), { n: maxTokens, propagateOnRejection: false });
    parser.parseDocument();
    if (parser.tokenCount > maxTokens) {
      context.reportError(tooComplex(`query has ${formatCount(parser.tokenCount)} tokens, over the limit of ${formatCount(maxTokens)}`));
    }
    return {};
  };
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  return new Map(fragments.map((f) => [f.name.value, f]));
}

/** Whether `__schema` or `__type` is selected anywhere, fragments included (each looked at once). */
function selectsIntrospection(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): boolean {
  return set.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      return name === "__schema" || name === "__type" || (selection.selectionSet !== undefined && selectsIntrospection(selection.selectionSet, fragments, seen));
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) return selectsIntrospection(selection.selectionSet, fragments, seen);
    if (seen.has(selection.name.value)) return false;
    seen.add(selection.name.value);
    const fragment = fragments.get(selection.name.value);
    return fragment !== undefined && selectsIntrospection(fragment.selectionSet, fragments, seen);
  });
}
