import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { subgraphsOf } from "../../../gateway/supergraph.js";
import { withSubgraphUrls } from "./supergraph.js";

const committed = readFileSync(new URL("../../../schema/supergraph.graphql", import.meta.url), "utf8");

describe("the supergraph pointed at the running subgraphs", () => {
  it("replaces every subgraph's URL and nothing else", () => {
    const urls = Object.fromEntries(subgraphsOf(committed).map((s, i) => [s.name, `http://127.0.0.1:${50_000 + i}/graphql`]));
    const moved = withSubgraphUrls(committed, urls);
    expect(Object.fromEntries(subgraphsOf(moved).map((s) => [s.name, s.url]))).toEqual(urls);
    expect(moved.length - committed.length).toBe(Object.keys(urls).length * ("50000".length - "4001".length));
  });

  it("refuses when a subgraph is not running", () => {
    expect(() => withSubgraphUrls(committed, { profile: "http://127.0.0.1:1/graphql" })).toThrow(/no running subgraph named/);
  });
});
