import { describe, expect, it } from "vitest";
import { gatewayEnv, subgraphUrlOverrides } from "./env.js";

describe("gatewayEnv", () => {
  it("defaults to the committed supergraph on port 4000 with no overrides", () => {
    const env = gatewayEnv({});
    expect(env.GATEWAY_PORT).toBe(4000);
    expect(env.SUPERGRAPH_PATH).toBe("schema/supergraph.graphql");
    expect(subgraphUrlOverrides(env)).toEqual({});
  });

  it("maps each SUBGRAPH_*_URL to its subgraph's name", () => {
    const env = gatewayEnv({ SUBGRAPH_KEY_ACCOUNT_URL: "http://ka:9000/graphql", SUBGRAPH_INSIGHTS_URL: "http://in:9001/graphql" });
    expect(subgraphUrlOverrides(env)).toEqual({ "key-account": "http://ka:9000/graphql", insights: "http://in:9001/graphql" });
  });

  it("names the bad variable", () => {
    expect(() => gatewayEnv({ GATEWAY_PORT: "-1" })).toThrow(/GATEWAY_PORT/);
    expect(() => gatewayEnv({ SUBGRAPH_BILLING_URL: "not a url" })).toThrow(/SUBGRAPH_BILLING_URL/);
  });
});
