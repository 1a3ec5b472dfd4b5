import { join } from "node:path";
import { billingRouting } from "../adapters/billing/route-config.js";
import { loadCacheConfig } from "../adapters/kit/cache/config.js";
import { fileShadowStore, SHADOW_FILE } from "../adapters/kit/shadow-store.js";
import type { GatewaySettings } from "../gateway/plugins/index.js";
import type { stackEnv } from "./env.js";
import type { StackOptions } from "./start-stack.js";

/** What `npm start` serves with, from its checked environment: the same in its one process or in each of its workers. */
export function servingOptions(env: ReturnType<typeof stackEnv>, databaseUrl: string, security: GatewaySettings): StackOptions {
  return {
    security,
    cache: { config: loadCacheConfig(env.CACHE_CONFIG_PATH), redisUrl: env.REDIS_URL },
    resiliencePath: env.RESILIENCE_CONFIG_PATH,
    // Which billing adapter serves which region, and shadow mode (docs/shadow.md); modern billing runs when one names it.
    billingRouting: billingRouting(env, fileShadowStore(env.SHADOW_DIFFERENCES_PATH ?? join(env.SANDBOX_DATA_DIR, SHADOW_FILE))),
    ...(usesModernBilling(env) ? { modernBilling: true } : {}),
    databaseUrl,
    host: env.SANDBOX_HOST,
    supergraphPath: env.SUPERGRAPH_PATH,
    ...(env.INSIGHTS_AS_OF ? { asOf: env.INSIGHTS_AS_OF } : {}),
    ...(env.SCORING_MODEL_PATH ? { scoringModelPath: env.SCORING_MODEL_PATH } : {}),
    ...(env.OFFER_RULES_PATH ? { offerRulesPath: env.OFFER_RULES_PATH } : {}),
    ports: {
      gateway: env.GATEWAY_PORT,
      profile: env.PROFILE_PORT,
      billing: env.BILLING_PORT,
      network: env.NETWORK_SUBGRAPH_PORT,
      keyAccount: env.KEY_ACCOUNT_PORT,
      insights: env.INSIGHTS_PORT,
      hall: env.HALL_PORT,
      networkSimulator: env.NETWORK_PORT,
      billingProxy: env.BILLING_PROXY_PORT,
      billingFaults: env.BILLING_FAULTS_PORT,
      keyAccountProxy: env.KEY_ACCOUNT_PROXY_PORT,
      keyAccountFaults: env.KEY_ACCOUNT_FAULTS_PORT,
      callCentre: env.CALL_CENTRE_SUBGRAPH_PORT,
      callCentreSimulator: env.CALL_CENTRE_PORT,
      modernBilling: env.MODERN_BILLING_PORT,
    },
  };
}

/** Whether any billing setting names modern billing, which the stack then runs. */
function usesModernBilling(env: ReturnType<typeof stackEnv>): boolean {
  return [env.BILLING_ADAPTER, env.BILLING_SHADOW, ...Object.values(env.BILLING_ADAPTER_BY_REGION)].includes("modern");
}
