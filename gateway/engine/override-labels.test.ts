import { composeServices } from "@apollo/composition";
import { Supergraph } from "@apollo/federation-internals";
import { register, type Counter } from "prom-client";
import { describe, expect, it } from "vitest";
import { graphql } from "./graphql.js";
import { overrideEnvSchema } from "./override-env.js";
import { OverrideLabels, overrideLabelsOf, percentOf } from "./override-labels.js";

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@override"])';

function supergraph(newOwner: string): Supergraph {
  const composed = composeServices([
    { name: "old", url: "http://127.0.0.1/old", typeDefs: graphql.parse(`${LINK} type Query { item: Item } type Item @key(fields: "id") { id: ID! a: Int b: Int c: Int }`) },
    { name: "new", url: "http://127.0.0.1/new", typeDefs: graphql.parse(`${LINK} ${newOwner}`) },
  ]);
  if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join("; "));
  return Supergraph.build(composed.supergraphSdl);
}

/** Draws handed out in order, so each test says exactly what the dice show. */
function dice(...values: number[]) {
  const draws = { count: 0, next: () => values[draws.count++]! };
  return draws;
}

async function counted(label: string, state: "on" | "off"): Promise<number> {
  const metric = register.getSingleMetric("cg_gateway_override_labels_total") as Counter | undefined;
  const values = (await metric?.get())?.values ?? [];
  return values.find((v) => v.labels.label === label && v.labels.state === state)?.value ?? 0;
}

describe("override labels", () => {
  it("are read from the supergraph's @join__field, each once, sorted", () => {
    const labelled = supergraph(`type Item @key(fields: "id") { id: ID! a: Int @override(from: "old", label: "percent(5)") b: Int @override(from: "old", label: "modern") c: Int @override(from: "old", label: "percent(5)") }`);
    expect(overrideLabelsOf(labelled)).toEqual(["modern", "percent(5)"]);
    expect(overrideLabelsOf(supergraph(`type Item @key(fields: "id") { id: ID! a: Int @override(from: "old") }`))).toEqual([]);
  });

  it("percent(N) means a share of N % of requests; other labels have none", () => {
    expect(percentOf("percent(10)")).toBe(0.1);
    expect(percentOf("percent(0.5)")).toBe(0.005);
    expect(percentOf("percent(100)")).toBe(1);
    expect(percentOf("modern-billing")).toBeNull();
    expect(percentOf("percent(101)")).toBeNull();
  });

  it("a supergraph without labels gets no decider: its requests do no override work", () => {
    expect(OverrideLabels.of([], new Map([["modern", true]]))).toBeNull();
  });

  it("percent(N) is on when the request's draw falls under N %, one draw per request", () => {
    const draws = dice(0.099, 0.1, 0.5);
    const labels = OverrideLabels.of(["percent(10)"], new Map(), draws.next)!;
    expect([labels.decide(), labels.decide(), labels.decide()].map((d) => d.conditions.get("percent(10)"))).toEqual([true, false, false]);
    expect(draws.count).toBe(3);
  });

  it("a name label is off unless pinned on; pinning a percent label ends its draw; percent(0) and percent(100) need none", () => {
    const draws = dice();
    const off = OverrideLabels.of(["modern", "percent(0)", "percent(100)"], new Map(), draws.next)!;
    expect(Object.fromEntries(off.decide().conditions)).toEqual({ modern: false, "percent(0)": false, "percent(100)": true });
    const pinned = OverrideLabels.of(["modern", "percent(30)", "percent(60)"], new Map([["modern", true], ["percent(30)", false], ["percent(60)", true]]), draws.next)!;
    expect(Object.fromEntries(pinned.decide().conditions)).toEqual({ modern: true, "percent(30)": false, "percent(60)": true });
    expect(draws.count).toBe(0);
  });

  it("the key has one digit per label, differs between on and off, and the same combination gets the same decision", () => {
    const labels = OverrideLabels.of(["percent(50)", "modern"], new Map([["modern", true]]), dice(0.2, 0.8, 0.3).next)!;
    const [first, second, third] = [labels.decide(), labels.decide(), labels.decide()];
    expect([first.key, second.key, third.key]).toEqual(["11", "10", "11"]);
    expect(Object.fromEntries(second.conditions)).toEqual({ modern: true, "percent(50)": false });
    expect(third).toBe(first);
  });

  it("counts each decision under cg_gateway_override_labels_total, so the share on can be watched", async () => {
    const before = { on: await counted("percent(40)", "on"), off: await counted("percent(40)", "off") };
    const labels = OverrideLabels.of(["percent(40)"], new Map(), dice(0.1, 0.9, 0.39, 0.4, 0.7).next)!;
    for (let i = 0; i < 5; i++) labels.decide();
    expect((await counted("percent(40)", "on")) - before.on).toBe(2);
    expect((await counted("percent(40)", "off")) - before.off).toBe(3);
  });
});

describe("GATEWAY_OVERRIDE_LABELS", () => {
  const parse = (value?: string) => overrideEnvSchema.safeParse(value === undefined ? {} : { GATEWAY_OVERRIDE_LABELS: value });

  it("pins nothing by default", () => {
    expect(parse().data?.GATEWAY_OVERRIDE_LABELS).toEqual(new Map());
    expect(parse("").data?.GATEWAY_OVERRIDE_LABELS).toEqual(new Map());
  });

  it("pins each listed label: bare or =on turns it on, =off turns it off", () => {
    const pinned = parse(" modern-billing , percent(10)=off, billing.v2:balance=on ").data?.GATEWAY_OVERRIDE_LABELS;
    expect(pinned).toEqual(new Map([["modern-billing", true], ["percent(10)", false], ["billing.v2:balance", true]]));
  });

  it.each([
    ["modern=maybe", /"modern=maybe" is not label, label=on or label=off/],
    ["9lives", /"9lives" is not/],
    ["percent(101)", /"percent\(101\)" is not/],
    ["a=on=off", /"a=on=off" is not/],
    ["modern,modern=off", /modern is listed twice/],
  ])("refuses %s, naming the variable", (value, message) => {
    const result = parse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["GATEWAY_OVERRIDE_LABELS"]);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });
});
