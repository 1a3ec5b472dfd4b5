import type { GraphQLError, GraphQLFormattedError, GraphQLSchema } from "graphql";
import { applyRewrites } from "@apollo/gateway/dist/dataRewrites.js";
import { failedFetchResponse } from "../failed-fetch.js";
import type { GatewayContext } from "../identity.js";
import type { ConditionValues } from "./conditions.js";
import { graphql } from "./graphql.js";
import type { CompiledFetch, CompiledNode } from "./plan.js";
import type { SubgraphClient, SubgraphReply } from "./subgraph-client.js";

type Entity = Record<string, unknown>;
type Path = readonly (string | number)[];

/** One client request's run of a plan: the data merged so far and the errors the subgraphs gave. */
export interface PlanRun {
  data: Entity;
  errors: GraphQLError[];
  variables: Record<string, unknown>;
  /** The @skip/@include variables' values, defaults applied: the plan's Condition nodes read them. */
  conditions: ConditionValues;
  context: GatewayContext;
  signal: AbortSignal;
  clients: ReadonlyMap<string, SubgraphClient>;
  supergraph: GraphQLSchema;
}

/** Runs a node over the objects at `path` (`@` marks a list flattened), all of them at once. */
export async function runNode(run: PlanRun, node: CompiledNode, path: Path, entities: Entity[]): Promise<void> {
  switch (node.kind) {
    case "Sequence":
      for (const child of node.nodes) await runNode(run, child, path, entities);
      return;
    case "Parallel":
      await Promise.all(node.nodes.map((child) => runNode(run, child, path, entities)));
      return;
    case "Flatten": {
      const inner = flatten(entities, node.path);
      if (inner.length > 0) await runNode(run, node.node, [...path, ...node.path], inner);
      return;
    }
    case "Condition": {
      const branch = run.conditions.get(node.condition) === true ? node.ifClause : node.elseClause;
      if (branch) await runNode(run, branch, path, entities);
      return;
    }
    case "Fetch":
      return runFetch(run, node.fetch, path, entities);
  }
}

function flatten(entities: Entity[], path: Path): Entity[] {
  let current: unknown[] = entities;
  for (const key of path) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || value === undefined) continue;
      if (key === "@") {
        if (Array.isArray(value)) for (const item of value) next.push(item);
      } else if (Array.isArray(value)) {
        for (const item of value) if (item !== null && typeof item === "object") next.push((item as Entity)[key]);
      } else {
        next.push((value as Entity)[key]);
      }
    }
    current = next;
  }
  return current.filter((v): v is Entity => v !== null && v !== undefined && typeof v === "object");
}

async function runFetch(run: PlanRun, fetch: CompiledFetch, path: Path, entities: Entity[]): Promise<void> {
  const client = run.clients.get(fetch.service);
  if (!client) throw new Error(`no subgraph named ${fetch.service}`);
  let variables = "";
  for (const name of fetch.variableUsages) {
    const value = run.variables[name];
    if (value !== undefined) variables += `${variables ? "," : ""}${JSON.stringify(name)}:${JSON.stringify(value)}`;
  }
  if (!fetch.representation) {
    const reply = await client.send(`{${fetch.bodyHead},"variables":{${variables}}}`, run.context, run.signal);
    const answer = answerOf(reply, fetch, {});
    if (answer.data) {
      applyRewrites(run.supergraph, fetch.outputRewrites as never, answer.data);
      for (const entity of entities) merge(entity, answer.data);
    }
    addErrors(run, fetch, answer.errors, (errorPath) => [[...path, ...errorPath]]);
    return;
  }

  // Entities with the same representation are asked for once; each gets the one answer.
  const representations: Entity[] = [];
  const encoded: string[] = [];
  const index = new Map<string, number>();
  const targets: number[][] = [];
  for (let i = 0; i < entities.length; i++) {
    const representation = fetch.representation(entities[i]!);
    if (!representation || typeof representation.__typename !== "string") continue;
    if (fetch.inputRewrites) applyRewrites(run.supergraph, fetch.inputRewrites as never, representation);
    const json = JSON.stringify(representation);
    const known = index.get(json);
    if (known !== undefined) {
      targets[known]!.push(i);
      continue;
    }
    index.set(json, representations.length);
    representations.push(representation);
    encoded.push(json);
    targets.push([i]);
  }
  if (representations.length === 0) return;
  const body = `{${fetch.bodyHead},"variables":{"representations":[${encoded.join(",")}]${variables ? `,${variables}` : ""}}}`;
  const reply = await client.send(body, run.context, run.signal, representations.length);
  const answer = answerOf(reply, fetch, { representations });
  const received = answer.data?._entities;
  if (answer.data && (!Array.isArray(received) || received.length !== representations.length)) {
    run.errors.push(new graphql.GraphQLError(`${fetch.service} answered with the wrong number of entities`, { extensions: { code: "SOURCE_UNAVAILABLE", source: fetch.service } }));
    return;
  }
  if (Array.isArray(received)) {
    for (let r = 0; r < received.length; r++) {
      const entity = received[r] as Entity | null;
      if (!entity) continue;
      if (entity.__typename === undefined) entity.__typename = entities[targets[r]![0]!]!.__typename;
      applyRewrites(run.supergraph, fetch.outputRewrites as never, entity);
      for (const target of targets[r]!) merge(entities[target]!, entity);
    }
  }
  if (answer.errors.length === 0) return;
  let concrete: (string | number)[][] | null = null;
  addErrors(run, fetch, answer.errors, (errorPath) => {
    if (errorPath[0] !== "_entities" || typeof errorPath[1] !== "number") return [[...path.filter((p) => p !== "@"), ...errorPath]];
    concrete ??= concretePaths(run.data, path);
    return (targets[errorPath[1]] ?? []).map((i) => [...(concrete![i] ?? []), ...errorPath.slice(2)]);
  });
}

/** A reply as data and errors; a subgraph that gave no answer fails exactly the fields this fetch would have filled. */
function answerOf(reply: SubgraphReply, fetch: CompiledFetch, variables: Record<string, unknown>): { data: Entity | null; errors: readonly GraphQLFormattedError[] } {
  if (reply.kind === "answer") return { data: reply.data, errors: reply.errors ?? [] };
  if (reply.kind === "refused") return { data: null, errors: reply.errors };
  return failedFetchResponse({ query: fetch.query, variables }, reply.message, { code: reply.code, source: fetch.service });
}

function addErrors(
  run: PlanRun,
  fetch: CompiledFetch,
  errors: readonly GraphQLFormattedError[],
  /** Where an error at this path of the subgraph's answer belongs in the client's: one place per entity it stands for. */
  pathsOf: (errorPath: readonly (string | number)[]) => (string | number)[][],
): void {
  for (const error of errors) {
    const extensions: Record<string, unknown> = { ...error.extensions, serviceName: fetch.service };
    if (typeof extensions.code !== "string") extensions.code = "DOWNSTREAM_SERVICE_ERROR";
    const message = error.message || `Error while fetching subquery from service "${fetch.service}"`;
    if (!error.path) {
      run.errors.push(new graphql.GraphQLError(message, { extensions }));
      continue;
    }
    const paths = pathsOf(error.path);
    if (paths.length === 0) run.errors.push(new graphql.GraphQLError(message, { extensions }));
    for (const path of paths) run.errors.push(new graphql.GraphQLError(message, { path, extensions }));
  }
}

/** The concrete path (list indexes filled in) of every non-null object at `path`, in the order flatten lists them. */
function concretePaths(data: Entity, path: Path): (string | number)[][] {
  const found: (string | number)[][] = [];
  const walk = (value: unknown, rest: Path, at: (string | number)[]) => {
    if (value === null || value === undefined) return;
    if (rest.length === 0) {
      if (typeof value === "object") found.push(at);
      return;
    }
    const head = rest[0]!;
    const tail = rest.slice(1);
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, head === "@" ? tail : rest, [...at, i]));
      return;
    }
    if (head === "@") return;
    walk((value as Entity)[head], tail, [...at, head]);
  };
  walk(data, path, []);
  return found;
}

/** Apollo's merge: objects merge key by key, lists of equal length item by item, anything else replaces. */
function merge(target: Entity, source: Entity): void {
  for (const key in source) {
    if (key === "__proto__") continue;
    const from = source[key];
    if (from === undefined) continue;
    const into = target[key];
    if (into !== null && typeof into === "object" && from !== null && typeof from === "object") {
      if (Array.isArray(into)) {
        if (Array.isArray(from) && from.length === into.length) {
          for (let i = 0; i < from.length; i++) {
            const a = into[i];
            const b = from[i];
            if (a !== null && typeof a === "object" && !Array.isArray(a) && b !== null && typeof b === "object" && !Array.isArray(b)) merge(a as Entity, b as Entity);
            else into[i] = b;
          }
        } else target[key] = from;
      } else if (!Array.isArray(from)) merge(into as Entity, from as Entity);
      else target[key] = from;
    } else target[key] = from;
  }
}
