import type { GatewayPlugin } from "./plugin.js";

/**
 * An answer that holds values a subgraph served from its cache while their legacy system was down
 * says so: `extensions.stale` lists each such source with the age of its oldest value, in seconds.
 */
export function stalePlugin(): GatewayPlugin {
  return {
    name: "stale",
    apollo: [
      {
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response }) {
              if (!contextValue.stale?.length || response.body.kind !== "single") return;
              const oldest = new Map<string, number>();
              for (const { source, ageSeconds } of contextValue.stale) oldest.set(source, Math.max(oldest.get(source) ?? 0, ageSeconds));
              const stale = [...oldest].map(([source, ageSeconds]) => ({ source, ageSeconds }));
              response.body.singleResult.extensions = { ...response.body.singleResult.extensions, stale };
            },
          };
        },
      },
    ],
  };
}
