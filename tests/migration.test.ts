import { readFileSync } from "node:fs";
import { composeServices } from "@apollo/composition";
import { operationFromDocument, Supergraph } from "@apollo/federation-internals";
import { QueryPlanner, type PlanNode } from "@apollo/query-planner";
import { Kind, parse, print, type DocumentNode } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
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

  it("says truly what this gateway does with a label: its engine plans without override conditions, so every label is off", () => {
    const engine = readFileSync(new URL("../gateway/engine/engine.ts", import.meta.url), "utf8");
    expect(engine, "the engine now decides override labels: update docs/migration.md and this test").toContain("this.planner.buildQueryPlan(");
    expect(engine, "the engine now decides override labels: update docs/migration.md and this test").not.toContain("overrideConditions");
  });

  it("uses the federation version the subgraphs link, which progressive override needs (2.7 or later)", () => {
    for (const { sdl } of real.subgraphs) expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
    for (const stage of ["stage-1", "stage-2", "stage-3"]) expect(block(stage)).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
  });
});
