import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadManifest } from "../gateway/plugins/operation-manifest.js";
import { apiSchemaOf, buildManifest } from "../tools/operations-manifest.js";

describe("the committed operation manifest (schema/operations.json)", () => {
  it("registers exactly docs/queries/ as it is, valid against the committed supergraph: run npm run operations:register when this fails", async () => {
    const schema = apiSchemaOf(readFileSync("schema/supergraph.graphql", "utf8"));
    const fresh = await buildManifest("docs/queries", schema);
    expect(loadManifest("schema/operations.json")).toEqual(fresh);
    expect(Object.values(fresh.operations).map((o) => o.name)).toContain("KaPortfolio");
  });
});
