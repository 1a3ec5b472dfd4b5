import { describe, expect, it } from "vitest";
import { gatewayEnv, subgraphUrlOverrides } from "./env.js";

const SECRETS = { AUTH_JWT_SECRET: "j".repeat(32), SUBGRAPH_SIGNING_SECRET: "s".repeat(32) };

describe("gatewayEnv", () => {
  it("defaults to the committed supergraph on port 4000 in development with no overrides", () => {
    const env = gatewayEnv(SECRETS);
    expect(env.GATEWAY_PORT).toBe(4000);
    expect(env.GATEWAY_ENV).toBe("development");
    expect(env.SUPERGRAPH_PATH).toBe("schema/supergraph.graphql");
    expect(subgraphUrlOverrides(env)).toEqual({});
  });

  it("maps each SUBGRAPH_*_URL to its subgraph's name", () => {
    const env = gatewayEnv({ ...SECRETS, SUBGRAPH_KEY_ACCOUNT_URL: "http://ka:9000/graphql", SUBGRAPH_INSIGHTS_URL: "http://in:9001/graphql" });
    expect(subgraphUrlOverrides(env)).toEqual({ "key-account": "http://ka:9000/graphql", insights: "http://in:9001/graphql" });
  });

  it("names the bad variable", () => {
    expect(() => gatewayEnv({ ...SECRETS, GATEWAY_PORT: "-1" })).toThrow(/GATEWAY_PORT/);
    expect(() => gatewayEnv({ ...SECRETS, SUBGRAPH_BILLING_URL: "not a url" })).toThrow(/SUBGRAPH_BILLING_URL/);
    expect(() => gatewayEnv({ ...SECRETS, GATEWAY_ENV: "staging" })).toThrow(/GATEWAY_ENV/);
    expect(() => gatewayEnv({ ...SECRETS, OPERATIONS_SAFELIST: "yes" })).toThrow(/OPERATIONS_SAFELIST: must be on or off/);
    expect(() => gatewayEnv({ ...SECRETS, APQ_TTL_SECONDS: "5" })).toThrow(/APQ_TTL_SECONDS/);
  });

  it("refuses to boot without a way to check tokens or a secret to sign subgraph calls with, saying what to set", () => {
    expect(() => gatewayEnv({ SUBGRAPH_SIGNING_SECRET: SECRETS.SUBGRAPH_SIGNING_SECRET })).toThrow(/AUTH_JWT_SECRET: set AUTH_JWKS_URL .* or AUTH_JWT_SECRET/);
    expect(() => gatewayEnv({ AUTH_JWT_SECRET: SECRETS.AUTH_JWT_SECRET })).toThrow(/SUBGRAPH_SIGNING_SECRET/);
    expect(() => gatewayEnv({ ...SECRETS, AUTH_JWT_SECRET: "short" })).toThrow(/AUTH_JWT_SECRET must be at least 32 characters/);
    expect(gatewayEnv({ SUBGRAPH_SIGNING_SECRET: SECRETS.SUBGRAPH_SIGNING_SECRET, AUTH_JWKS_URL: "https://idp.example/jwks.json", GATEWAY_ENV: "production" }).AUTH_JWKS_URL).toBe("https://idp.example/jwks.json");
  });
});
