import { readFileSync } from "node:fs";
import { composeServices } from "@apollo/composition";
import { operationFromDocument, Supergraph } from "@apollo/federation-internals";
import { QueryPlanner, type PlanNode } from "@apollo/query-planner";
import { ApolloServer } from "@apollo/server";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { Kind, parse, print, type DocumentNode } from "graphql";
import { register, type Counter } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FederatedEngine } from "../gateway/engine/engine.js";
import { graphql } from "../gateway/engine/graphql.js";
import { SubgraphClient } from "../gateway/engine/subgraph-client.js";
import { serveTestSubgraph, type TestSubgraph } from "../gateway/engine/testing.js";
import { settingsEnvSchema } from "../gateway/env.js";
import type { GatewayContext } from "../gateway/identity.js";
import { Rng } from "../sandbox/generate/rng.js";
import { checkContract } from "../schema/check.js";
import { composeSupergraph, type Composition } from "../subgraphs/compose.js";

/**
 * The worked example of docs/migration.md, run as written there: its graphql blocks are read from the
 * page, composed with the real subgraphs' SDL printed from the code, planned, and checked as
 * `npm run schema:check` would check them.
 */
const page = readFileSync(new URL("../docs/migration.md", import.meta.url), "utf8");

function block(tag: string): string {
  const found = [...page.matchAll(/```graphql ([\w-]+)\n([\s\S]*?)```/g)].filter((m) => m[1] === tag);
  if (found.length !== 1) throw new Error(`docs/migration.md has ${found.length} graphql blocks tagged ${tag}`);
  return found[0]![2]!;
}

const FIELD = "prepaymentBalanceFen";
const LABEL = "percent(10)";

let real: Composition;

beforeAll(async () => {
  real = await composeSupergraph();
});

/** billing's SDL without the field: what it prints once the field's resolver is deleted from subgraphs/billing. */
function billingWithoutField(): string {
  const billing = real.subgraphs.find((s) => s.name === "billing")!;
  const document = parse(billing.sdl);
  const edited: DocumentNode = {
    ...document,
    definitions: document.definitions.map((d) =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === "Customer" ? { ...d, fields: d.fields?.filter((f) => f.name.value !== FIELD) } : d,
    ),
  };
  const sdl = print(edited);
  expect(sdl).not.toContain(FIELD);
  return sdl;
}

/** The real subgraphs plus modern-billing at a stage of the move; billing without the field in the last stage. */
function composition(stage: string, billingDropsField = false) {
  const subgraphs = real.subgraphs.map((s) => ({ name: s.name, url: `http://127.0.0.1/${s.name}`, typeDefs: parse(billingDropsField && s.name === "billing" ? billingWithoutField() : s.sdl) }));
  return composeServices([...subgraphs, { name: "modern-billing", url: "http://127.0.0.1/modern-billing", typeDefs: parse(block(stage)) }]);
}

function compose(stage: string, billingDropsField = false) {
  const result = composition(stage, billingDropsField);
  if (result.errors) throw new Error(`composition failed: ${result.errors.map((e) => e.message).join("; ")}`);
  return { supergraph: result.supergraphSdl, hints: result.hints.map((h) => h.definition.code) };
}

/** The subgraph each fetch of the plan asks for the field, planned with the given override labels (none: as this gateway plans). */
function fetchesOfField(supergraphSdl: string, labels?: Record<string, boolean>): string[] {
  const supergraph = Supergraph.build(supergraphSdl);
  const operation = operationFromDocument(supergraph.apiSchema(), parse(block("query")));
  const plan = new QueryPlanner(supergraph).buildQueryPlan(operation, labels ? { overrideConditions: new Map(Object.entries(labels)) } : undefined);
  const services: string[] = [];
  const walk = (node: PlanNode | undefined): void => {
    if (!node) return;
    if (node.kind === "Fetch" && node.operation.includes(FIELD)) services.push(node.serviceName);
    if (node.kind === "Sequence" || node.kind === "Parallel") node.nodes.forEach(walk);
    if (node.kind === "Flatten") walk(node.node);
  };
  walk(plan.node as PlanNode | undefined);
  return services;
}

async function consumerChanges(supergraph: string): Promise<string[]> {
  const { report, ok } = await checkContract({ baseline: { sdl: real.supergraph, label: "the real graph" }, candidate: supergraph, entries: [], staleFiles: [], hints: [], today: "2026-01-02" });
  expect(ok).toBe(true);
  expect(report.breaking).toEqual([]);
  return [...report.dangerous, ...report.safe].map((c) => `${c.type} ${c.path}`);
}

describe("docs/migration.md: moving Customer.prepaymentBalanceFen from billing to modern-billing", () => {
  it("today billing answers it", () => {
    expect(fetchesOfField(real.supergraph)).toEqual(["billing"]);
  });

  it("stage 1, progressive: both plans exist, chosen per request by the label; a gateway that decides no label keeps billing", async () => {
    const { supergraph, hints } = compose("stage-1");
    expect(hints).toEqual(["OVERRIDE_MIGRATION_IN_PROGRESS", "INCONSISTENT_DESCRIPTION"]);
    expect(supergraph).toContain(`@join__field(graph: MODERN_BILLING, override: "billing", overrideLabel: "${LABEL}")`);
    expect(fetchesOfField(supergraph, { [LABEL]: true })).toEqual(["modern-billing"]);
    expect(fetchesOfField(supergraph, { [LABEL]: false })).toEqual(["billing"]);
    expect(fetchesOfField(supergraph)).toEqual(["billing"]);
    expect(await consumerChanges(supergraph)).toEqual([]);
  });

  it("stage 2, all traffic: every plan fetches the field from modern-billing", async () => {
    const { supergraph, hints } = compose("stage-2");
    expect(hints).toEqual(["OVERRIDDEN_FIELD_CAN_BE_REMOVED", "INCONSISTENT_DESCRIPTION"]);
    expect(fetchesOfField(supergraph)).toEqual(["modern-billing"]);
    expect(await consumerChanges(supergraph)).toEqual([]);
  });

  it("going back means the label again, not no override: two owners of the field without it do not compose", () => {
    expect(composition("stage-3").errors?.map((e) => e.extensions.code)).toEqual(["INVALID_FIELD_SHARING"]);
  });

  it("stage 3, clean-up: billing no longer has the field, composition has nothing to say, consumers see only the new description", async () => {
    const { supergraph, hints } = compose("stage-3", true);
    expect(hints).toEqual([]);
    expect(fetchesOfField(supergraph)).toEqual(["modern-billing"]);
    expect(await consumerChanges(supergraph)).toEqual([`FIELD_DESCRIPTION_CHANGED Customer.${FIELD}`]);
  });

  it("says truly what this gateway does with a label: the setting and the series the page names are the engine's", () => {
    const engine = readFileSync(new URL("../gateway/engine/engine.ts", import.meta.url), "utf8");
    expect(engine, "the engine no longer plans with each request's labels: update docs/migration.md and this test").toContain("{ overrideConditions: overrides.conditions }");
    expect(Object.keys(settingsEnvSchema.shape)).toContain("GATEWAY_OVERRIDE_LABELS");
    expect(page).toContain("`GATEWAY_OVERRIDE_LABELS`");
    expect(register.getSingleMetric("cg_gateway_override_labels_total")).toBeDefined();
    expect(page).toContain("`cg_gateway_override_labels_total{");
  });

  it("uses the federation version the subgraphs link, which progressive override needs (2.7 or later)", () => {
    for (const { sdl } of real.subgraphs) expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
    for (const stage of ["stage-1", "stage-2", "stage-3"]) expect(block(stage)).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
  });
});

/**
 * Stage 1 through this gateway's engine: the worked example's supergraph served by stand-ins for the
 * three subgraphs the operation reaches, billing and modern-billing answering different balances so that
 * each answer shows who gave it.
 */
describe("docs/migration.md, stage 1 through this gateway's engine: percent(10) sends a tenth of requests to modern-billing", () => {
  const BALANCE = { billing: 1_750, "modern-billing": 2_750 } as const;
  const identity = { subject: "test", roles: ["architect" as const], region: "HQ", managerId: null, pii: false };
  let stubs: TestSubgraph[] = [];
  let supergraphSdl: string;
  const servers: ApolloServer<GatewayContext>[] = [];

  beforeAll(async () => {
    supergraphSdl = compose("stage-1").supergraph;
    const owner = (name: keyof typeof BALANCE) => ({ Customer: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, [FIELD]: BALANCE[name] }) } });
    const sdlOf = (name: string) => real.subgraphs.find((s) => s.name === name)!.sdl;
    const definitions = [
      { name: "profile", sdl: sdlOf("profile"), resolvers: { Query: { customer: (_: unknown, { id }: { id: string }) => ({ id, name: `customer ${id}` }) } } },
      { name: "billing", sdl: sdlOf("billing"), resolvers: owner("billing") },
      { name: "modern-billing", sdl: block("stage-1"), resolvers: owner("modern-billing") },
    ];
    for (const { name, sdl, resolvers } of definitions) stubs.push(await serveTestSubgraph(name, buildSubgraphSchema({ typeDefs: graphql.parse(sdl), resolvers: resolvers as never })));
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(stubs.map((s) => s.close()));
    stubs = [];
  });

  async function engine(draw: () => number): Promise<ApolloServer<GatewayContext>> {
    const clients = new Map(stubs.map((s) => [s.name, new SubgraphClient(s.name, s.url, "secret")]));
    const server = new ApolloServer<GatewayContext>({ gateway: new FederatedEngine(supergraphSdl, clients, { draw }) });
    await server.start();
    servers.push(server);
    return server;
  }

  async function balance(server: ApolloServer<GatewayContext>, id: string): Promise<unknown> {
    const response = await server.executeOperation({ query: block("query"), variables: { id } }, { contextValue: { identity, deadline: Date.now() + 10_000 } });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    expect(response.body.singleResult.errors).toBeUndefined();
    return (response.body.singleResult.data as { customer: Record<string, unknown> }).customer[FIELD];
  }

  const received = (name: string) => stubs.find((s) => s.name === name)!.received.filter((r) => r.query.includes(FIELD)).length;

  async function decided(state: "on" | "off"): Promise<number> {
    const values = (await (register.getSingleMetric("cg_gateway_override_labels_total") as Counter).get()).values;
    return values.find((v) => v.labels.label === LABEL && v.labels.state === state)?.value ?? 0;
  }

  it("with the draw under 10 % modern-billing answers; with it over, billing does", async () => {
    const draws = [0.05, 0.5, 0.0999, 0.1];
    const server = await engine(() => draws.shift()!);
    const answers = [];
    const owners = [];
    for (const id of ["073100000001", "073100000002", "073100000003", "073100000004"]) {
      const before = { billing: received("billing"), modern: received("modern-billing") };
      answers.push(await balance(server, id));
      owners.push(received("modern-billing") > before.modern ? "modern-billing" : received("billing") > before.billing ? "billing" : "nobody");
    }
    expect(owners).toEqual(["modern-billing", "billing", "modern-billing", "billing"]);
    expect(answers).toEqual([BALANCE["modern-billing"], BALANCE.billing, BALANCE["modern-billing"], BALANCE.billing]);
    expect(draws).toEqual([]);
  });

  it("over 400 requests with a seeded generator, modern-billing gets the requests whose draw fell under 10 %, about a tenth, and the series counts them", async () => {
    const SEED = 13;
    const REQUESTS = 400;
    const replay = new Rng(SEED, 0);
    const expected = Array.from({ length: REQUESTS }, () => replay.float()).filter((draw) => draw < 0.1).length;
    const rng = new Rng(SEED, 0);
    const server = await engine(() => rng.float());
    const before = { billing: received("billing"), modern: received("modern-billing"), on: await decided("on"), off: await decided("off") };
    // Each request draws once, so the count does not depend on the order the requests draw in.
    for (let start = 0; start < REQUESTS; start += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, i) => balance(server, `0731${String(start + i).padStart(8, "0")}`)));
    }
    const modern = received("modern-billing") - before.modern;
    expect(modern).toBe(expected);
    expect(received("billing") - before.billing).toBe(REQUESTS - expected);
    expect(Math.abs(modern / REQUESTS - 0.1)).toBeLessThan(0.04);
    expect((await decided("on")) - before.on).toBe(expected);
    expect((await decided("off")) - before.off).toBe(REQUESTS - expected);
  });
});
