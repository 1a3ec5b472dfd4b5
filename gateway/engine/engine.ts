import { OperationTypeNode, Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import type { GatewayExecutionResult, GatewayGraphQLRequestContext, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from "@apollo/server-gateway-interface";
import { Supergraph, operationFromDocument, type Schema } from "@apollo/federation-internals";
import { QueryPlanner } from "@apollo/query-planner";
import { componentLog } from "../../schema/logging.js";
import type { GatewayContext } from "../identity.js";
import { graphql } from "./graphql.js";
import { conditionValues, conditionVariables, type ConditionValues } from "./conditions.js";
import { runNode, type PlanRun } from "./execute.js";
import { OverrideLabels, overrideLabelsOf, type Draw } from "./override-labels.js";
import { compilePlan, type CompiledNode } from "./plan.js";
import { ShapeCompiler, type Shaper } from "./shape.js";
import type { SubgraphClient } from "./subgraph-client.js";

interface CompiledOperation {
  plan: CompiledNode | null;
  shape: Shaper;
  /** The introspection part of the operation, which the gateway's own schema answers. */
  introspection: DocumentNode | null;
}

/** How many compiled operations are kept: each is the plan and shaper of one distinct query text. */
const COMPILED_OPERATIONS = 2_000;

export interface EngineOptions {
  /** Override labels on or off for every request (GATEWAY_OVERRIDE_LABELS); the others as override-labels.ts decides. */
  pinnedLabels?: ReadonlyMap<string, boolean>;
  /** The draws for `percent(N)` labels; Math.random unless a test fixes them. */
  draw?: Draw;
}

/**
 * The gateway's execution engine, behind Apollo Server's gateway interface: Apollo's query planner
 * makes the plan, and this runs it. Each distinct operation is planned and compiled once (plan,
 * representation readers, response shaper); a request then only sends the fetches, merges their
 * answers and cuts the client's answer out of them.
 */
export class FederatedEngine implements GatewayInterface {
  private readonly supergraph: Supergraph;
  private readonly apiSchema: Schema;
  private readonly schema: GraphQLSchema;
  private readonly supergraphSchema: GraphQLSchema;
  private readonly planner: QueryPlanner;
  /** Null when the supergraph has no override labels. */
  private readonly overrides: OverrideLabels | null;
  private readonly compiled = new Map<string, CompiledOperation>();
  private readonly conditionsOf = new WeakMap<DocumentNode, string[]>();
  private readonly listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();

  constructor(
    private readonly supergraphSdl: string,
    private readonly clients: ReadonlyMap<string, SubgraphClient>,
    options: EngineOptions = {},
  ) {
    this.supergraph = Supergraph.build(supergraphSdl);
    this.apiSchema = this.supergraph.apiSchema();
    this.schema = this.apiSchema.toGraphQLJSSchema();
    this.supergraphSchema = this.supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(this.supergraph);
    const labels = overrideLabelsOf(this.supergraph);
    const pinned = options.pinnedLabels ?? new Map<string, boolean>();
    // Not an error: the supergraph moves on (a finished move drops its label) before the setting does.
    const unknown = [...pinned.keys()].filter((label) => !labels.includes(label));
    if (unknown.length > 0) componentLog("gateway").warn({ labels: unknown }, "GATEWAY_OVERRIDE_LABELS names labels no field of the supergraph carries: ignored");
    this.overrides = OverrideLabels.of(labels, pinned, options.draw);
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): () => void {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }

  async load() {
    for (const listener of this.listeners) listener({ apiSchema: this.schema, coreSupergraphSdl: this.supergraphSdl });
    return { executor: (request: GatewayGraphQLRequestContext) => this.execute(request as GatewayGraphQLRequestContext<GatewayContext>) };
  }

  async stop(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.close()));
  }

  private async execute(request: GatewayGraphQLRequestContext<GatewayContext>): Promise<GatewayExecutionResult> {
    // Apollo Server hands a gateway the request even when the named operation is not in the document.
    if (!request.operation) return { errors: [unresolvedOperation(request.operationName ?? request.request.operationName)] };
    const variables = request.request.variables ?? {};
    const { compiled, conditions } = this.compile(request, variables);
    const data: Record<string, unknown> = {};
    const errors: PlanRun["errors"] = [];
    if (compiled.plan) {
      // One timer per request: every subgraph call of it gives up at the request's deadline.
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), Math.max(1, request.context.deadline - Date.now()));
      try {
        const run: PlanRun = { data, errors, variables, conditions, context: request.context, signal: abort.signal, clients: this.clients, supergraph: this.supergraphSchema };
        await runNode(run, compiled.plan, [], [data]);
      } finally {
        clearTimeout(timer);
      }
    }
    const shaped = compiled.shape(data, compiled.introspection ? this.introspect(compiled.introspection, variables) : undefined);
    if (errors.length > 0) return { data: shaped.data, errors };
    // As Apollo's gateway does: nulls a subgraph gave against the schema are noted, not reported as errors.
    return shaped.errors.length > 0 ? { data: shaped.data, extensions: { valueCompletion: shaped.errors } } : { data: shaped.data };
  }

  private compile(request: GatewayGraphQLRequestContext<GatewayContext>, variables: Record<string, unknown>): { compiled: CompiledOperation; conditions: ConditionValues } {
    const { document, operation } = request;
    let names = this.conditionsOf.get(document);
    if (!names) {
      names = conditionVariables(document);
      this.conditionsOf.set(document, names);
    }
    const conditions = conditionValues(names, operation, variables);
    // Decided per request, cached plan or not; plans for each combination of labels are kept apart.
    const overrides = this.overrides?.decide();
    const key = `${request.queryHash}:${request.operationName ?? ""}:${[...conditions.values()].map(Number).join("")}${overrides ? `:${overrides.key}` : ""}`;
    const known = this.compiled.get(key);
    if (known) return { compiled: known, conditions };

    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    const planned = this.planner.buildQueryPlan(
      operationFromDocument(this.apiSchema, document, { operationName: request.operationName ?? undefined }),
      overrides && { overrideConditions: overrides.conditions },
    );
    const root = operation.operation === OperationTypeNode.MUTATION ? this.schema.getMutationType() : this.schema.getQueryType();
    if (!root) throw new Error(`this graph has no ${operation.operation} type`);
    const result: CompiledOperation = {
      plan: compilePlan(planned, this.supergraphSchema),
      shape: new ShapeCompiler(this.schema, fragments, conditions).shaper(root, operation.selectionSet),
      introspection: introspectionDocument(operation, fragments),
    };
    if (this.compiled.size >= COMPILED_OPERATIONS) this.compiled.delete(this.compiled.keys().next().value!);
    this.compiled.set(key, result);
    return { compiled: result, conditions };
  }

  private introspect(document: DocumentNode, variables: Record<string, unknown>): Record<string, unknown> {
    const result = graphql.execute({ schema: this.schema, document, variableValues: variables });
    if ("then" in result) throw new Error("introspection does not run asynchronously");
    return (result.data as Record<string, unknown> | null | undefined) ?? {};
  }
}

/** The operation cut down to its root `__schema` and `__type` fields, with the fragments they may use; null without any. */
function introspectionDocument(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): DocumentNode | null {
  const fields = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD && (s.name.value === "__schema" || s.name.value === "__type"));
  if (fields.length === 0) return null;
  return {
    kind: Kind.DOCUMENT,
    definitions: [{ ...operation, selectionSet: { kind: Kind.SELECTION_SET, selections: fields } }, ...Object.values(fragments)],
  };
}

function unresolvedOperation(name: string | null | undefined) {
  const message = name ? `Unknown operation named "${name}": the document holds no operation of that name.` : "The document holds several operations: name the one to run (operationName).";
  return new graphql.GraphQLError(message, { extensions: { code: "OPERATION_RESOLUTION_FAILURE" } });
}
