import { fileURLToPath } from "node:url";
import type { GatewaySettings } from "../../gateway/plugins/index.js";
import { devSecurity, ephemeralSecrets } from "../../stack/dev-secrets.js";
import { mintToken, type TokenRequest } from "../../stack/dev-token.js";
import { startStack, type RunningStack, type StackOptions } from "../../stack/start-stack.js";

export const SUPERGRAPH_PATH = fileURLToPath(new URL("../../schema/supergraph.graphql", import.meta.url));

/** A running test stack, with the means to mint tokens its gateway accepts. */
export interface TestStack extends RunningStack {
  /** The secrets the stack runs with, for tests that forge or sign on their own. */
  secrets: { jwtSecret: string; signingSecret: string };
  token(request?: Partial<TokenRequest>): Promise<string>;
  /** A GraphQL request to the gateway as an HQ analyst with the PII right, unless another token is given. */
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
}

/** The whole stack on free ports over one generated sandbox. */
export async function startTestStack(
  databaseUrl: string,
  schemaPrefix: string,
  asOf: string,
  overrides: Partial<GatewaySettings> = {},
  extra: Pick<StackOptions, "cache" | "resiliencePath" | "writeOffEveryMs" | "modernBilling" | "billingRouting"> = {},
): Promise<TestStack> {
  const secrets = ephemeralSecrets();
  const stack = await startStack({
    databaseUrl,
    schemaPrefix,
    host: "127.0.0.1",
    supergraphPath: SUPERGRAPH_PATH,
    asOf,
    security: devSecurity(secrets, overrides),
    ports: { gateway: 0, profile: 0, billing: 0, network: 0, keyAccount: 0, insights: 0, hall: 0, networkSimulator: 0 },
    // Test files share one generated sandbox: billing's write-off runs only when a test asks (simulators.writeOff).
    writeOffEveryMs: 0,
    ...extra,
  });
  const token = (request: Partial<TokenRequest> = {}) => mintToken(secrets.jwtSecret, { roles: ["hq-analyst"], region: "HQ", pii: true, ...request });
  const analyst = await token();
  return {
    ...stack,
    secrets,
    token,
    graphql: (query, variables = {}, bearer = analyst) => graphql(stack.gateway.url, query, variables, bearer),
  };
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export async function graphql<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}
