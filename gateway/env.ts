import { z } from "zod";

const url = z.string().url().optional().or(z.literal("").transform(() => undefined));

const envSchema = z.object({
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65_535).default(4_000),
  GATEWAY_HOST: z.string().min(1).default("127.0.0.1"),
  /** The composed supergraph to serve; the committed one by default. */
  SUPERGRAPH_PATH: z.string().min(1).default("schema/supergraph.graphql"),
  /** Where each subgraph runs, when not where the supergraph says. */
  SUBGRAPH_PROFILE_URL: url,
  SUBGRAPH_BILLING_URL: url,
  SUBGRAPH_NETWORK_URL: url,
  SUBGRAPH_KEY_ACCOUNT_URL: url,
  SUBGRAPH_INSIGHTS_URL: url,
});

export type GatewayEnv = z.infer<typeof envSchema>;

export function gatewayEnv(env: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new Error(`bad environment: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return result.data;
}

/** Subgraph URL overrides keyed by the subgraph names the supergraph uses. */
export function subgraphUrlOverrides(env: GatewayEnv): Record<string, string> {
  const pairs: [string, string | undefined][] = [
    ["profile", env.SUBGRAPH_PROFILE_URL],
    ["billing", env.SUBGRAPH_BILLING_URL],
    ["network", env.SUBGRAPH_NETWORK_URL],
    ["key-account", env.SUBGRAPH_KEY_ACCOUNT_URL],
    ["insights", env.SUBGRAPH_INSIGHTS_URL],
  ];
  return Object.fromEntries(pairs.filter((p): p is [string, string] => p[1] !== undefined));
}
