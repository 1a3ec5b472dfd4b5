import { fileURLToPath } from "node:url";
import { startStack, type RunningStack } from "../../stack/start-stack.js";

export const SUPERGRAPH_PATH = fileURLToPath(new URL("../../schema/supergraph.graphql", import.meta.url));

/** The whole stack on free ports over one generated sandbox. */
export function startTestStack(databaseUrl: string, schemaPrefix: string, asOf: string): Promise<RunningStack> {
  return startStack({
    databaseUrl,
    schemaPrefix,
    host: "127.0.0.1",
    supergraphPath: SUPERGRAPH_PATH,
    asOf,
    ports: { gateway: 0, profile: 0, billing: 0, network: 0, keyAccount: 0, insights: 0, hall: 0, networkSimulator: 0 },
  });
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export async function graphql<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}
