import type { GraphQLSchema } from "graphql";
import type { FetchDataRewrite, PlanNode, QueryPlan } from "@apollo/query-planner";
import { compileRepresentation, type RepresentationOf } from "./representations.js";

/** A fetch of the query plan, ready to send: its body's fixed parts encoded once. */
export interface CompiledFetch {
  service: string;
  /** The subgraph operation's text, for reading back the fields a failed fetch would have filled. */
  query: string;
  /** `"query":…,"operationName":…` as JSON, so a request only adds its variables. */
  bodyHead: string;
  variableUsages: readonly string[];
  /** How to read an entity's representation; null for a fetch from the root. */
  representation: RepresentationOf | null;
  inputRewrites: readonly FetchDataRewrite[] | undefined;
  outputRewrites: readonly FetchDataRewrite[] | undefined;
}

export type CompiledNode =
  | { kind: "Sequence" | "Parallel"; nodes: CompiledNode[] }
  | { kind: "Flatten"; path: readonly (string | number)[]; node: CompiledNode }
  | { kind: "Fetch"; fetch: CompiledFetch }
  | { kind: "Condition"; condition: string; ifClause: CompiledNode | null; elseClause: CompiledNode | null };

/** The query planner's plan with each fetch prepared; null when nothing needs fetching (introspection only). */
export function compilePlan(plan: QueryPlan, supergraph: GraphQLSchema): CompiledNode | null {
  if (!plan.node) return null;
  if (plan.node.kind === "Subscription") throw new Error("subscriptions are not served by this gateway");
  return compileNode(plan.node, supergraph);
}

function compileNode(node: PlanNode, supergraph: GraphQLSchema): CompiledNode {
  switch (node.kind) {
    case "Sequence":
    case "Parallel":
      return { kind: node.kind, nodes: node.nodes.map((n) => compileNode(n, supergraph)) };
    case "Flatten":
      return { kind: "Flatten", path: node.path, node: compileNode(node.node, supergraph) };
    case "Condition":
      return {
        kind: "Condition",
        condition: node.condition,
        ifClause: node.ifClause ? compileNode(node.ifClause, supergraph) : null,
        elseClause: node.elseClause ? compileNode(node.elseClause, supergraph) : null,
      };
    case "Fetch":
      if (node.contextRewrites?.length) throw new Error("@fromContext arguments are not served by this gateway");
      return {
        kind: "Fetch",
        fetch: {
          service: node.serviceName,
          query: node.operation,
          bodyHead: `"query":${JSON.stringify(node.operation)}${node.operationName ? `,"operationName":${JSON.stringify(node.operationName)}` : ""}`,
          variableUsages: node.variableUsages ?? [],
          representation: node.requires ? compileRepresentation(supergraph, node.requires) : null,
          inputRewrites: node.inputRewrites,
          outputRewrites: node.outputRewrites,
        },
      };
    case "Defer":
      throw new Error("@defer is not served by this gateway");
  }
}
