import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { subgraphsOf } from "./supergraph.js";

describe("subgraphsOf", () => {
  it("lists the committed supergraph's subgraphs with their URLs", async () => {
    const sdl = await readFile(new URL("../schema/supergraph.graphql", import.meta.url), "utf8");
    expect(subgraphsOf(sdl)).toEqual([
      { name: "billing", url: "http://127.0.0.1:4002/graphql" },
      { name: "call-centre", url: "http://127.0.0.1:4006/graphql" },
      { name: "insights", url: "http://127.0.0.1:4005/graphql" },
      { name: "key-account", url: "http://127.0.0.1:4004/graphql" },
      { name: "network", url: "http://127.0.0.1:4003/graphql" },
      { name: "profile", url: "http://127.0.0.1:4001/graphql" },
    ]);
  });

  it("refuses a schema that is not a supergraph", () => {
    expect(() => subgraphsOf("type Query { a: Int }")).toThrow(/not a supergraph/);
  });
});
