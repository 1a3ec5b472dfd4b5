import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPinned, type PinnedChild } from "../child.js";
import { buildCatalogue } from "./data.js";
import { BENCH_QUERY, benchVariables, ENTITIES_PER_QUERY } from "./query.js";
import { serveSyntheticSubgraph, type ServedSubgraph } from "./serve.js";
import { SUBGRAPH_NAMES, syntheticSubgraphs } from "./subgraphs.js";
import { composeSynthetic } from "./supergraph.js";

interface Answer {
  topProducts: { upc: string; shippingEstimate: number; price: number; weight: number; warehouses: unknown[]; reviews: { author: { id: string; name: string } }[] }[];
}

describe("the synthetic subgraphs of workload (a)", () => {
  const subgraphs = syntheticSubgraphs(buildCatalogue());
  let served: ServedSubgraph[];
  let apollo: ApolloServer;

  beforeAll(async () => {
    served = await Promise.all(subgraphs.map((s) => serveSyntheticSubgraph(s.name, s.schema)));
    apollo = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composeSynthetic(subgraphs, Object.fromEntries(served.map((s) => [s.name, s.url]))) }) });
    await apollo.start();
  });
  afterAll(async () => {
    await apollo?.stop();
    await Promise.all(served.map((s) => s.close()));
  });

  async function ask(n: number) {
    const response = await apollo.executeOperation({ query: BENCH_QUERY, variables: benchVariables(n) });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return response.body.singleResult;
  }

  it("compose, and answer the benchmark query with 50 entities and their nested lists, about 43 KB, one request per subgraph", async () => {
    const before = served.map((s) => s.requests());
    const result = await ask(5);
    expect(result.errors).toBeUndefined();
    const data = result.data as unknown as Answer;
    expect(data.topProducts).toHaveLength(ENTITIES_PER_QUERY);
    for (const product of data.topProducts) {
      expect(product.warehouses.length).toBeGreaterThan(0);
      expect(product.reviews.length).toBeGreaterThan(0);
      for (const review of product.reviews) expect(review.author.name).toMatch(new RegExp(`^User ${review.author.id.slice(1)} `));
      // The @requires field, computed by inventory from what products owns.
      expect(product.shippingEstimate).toBe(product.price > 5_000 ? 0 : Math.round(product.weight / 2));
    }
    const size = Buffer.byteLength(JSON.stringify({ data }));
    expect(size).toBeGreaterThan(40_000);
    expect(size).toBeLessThan(45_000);
    expect(served.map((s, i) => s.requests() - before[i]!)).toEqual(SUBGRAPH_NAMES.map(() => 1));
  });

  it("answer other entities for the next request's variables", async () => {
    const upcs = async (n: number) => ((await ask(n)).data as unknown as Answer).topProducts.map((p) => p.upc);
    const [first, second] = [await upcs(0), await upcs(1)];
    expect(first).not.toEqual(second);
    expect(new Set(first).size).toBe(ENTITIES_PER_QUERY);
  });
});

describe("the synthetic subgraphs' own process", () => {
  let child: PinnedChild;
  afterAll(() => child?.stop());

  it("starts pinned to the core it is given, reports its subgraphs' URLs and counts their requests", async () => {
    child = await startPinned(fileURLToPath(new URL("./main.ts", import.meta.url)), { cpus: "1" });
    expect(Object.keys(child.ready.urls ?? {}).sort()).toEqual([...SUBGRAPH_NAMES].sort());
    expect(execFileSync("taskset", ["-p", String(child.pid)], { encoding: "utf8" })).toMatch(/affinity mask: 2$/m);
    const response = await fetch(child.ready.urls!.accounts!, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ user(id: \"u7\") { id username } }" }) });
    expect(await response.json()).toEqual({ data: { user: { id: "u7", username: "user7" } } });
    expect((await child.ask({ type: "requests" }, "requests")).counts).toEqual({ accounts: 1, products: 0, inventory: 0, reviews: 0 });
  });
});
