import { gatewayPlugins } from "../../../gateway/plugins/index.js";
import { RATE_LIMIT_WINDOW_MS } from "../../../gateway/plugins/rate-limit.js";
import { startGateway } from "../../../gateway/server.js";
import { devSecurity } from "../../../stack/dev-secrets.js";
import type { ContenderOptions, RunningContender } from "./contender.js";

/**
 * Our gateway through its public entry point with the plugins it ships with (auth, limits, persisted
 * queries, deadline …) at their defaults; only the rate limit is raised, or the load would be refused.
 */
export async function startOurs(options: ContenderOptions): Promise<RunningContender> {
  const settings = devSecurity(
    { jwtSecret: options.jwtSecret, signingSecret: options.signingSecret },
    { rateLimit: { limit: 1_000_000_000, windowMs: RATE_LIMIT_WINDOW_MS } },
  );
  const gateway = await startGateway({
    supergraphSdl: options.supergraphSdl,
    port: 0,
    host: "127.0.0.1",
    signingSecret: settings.signingSecret,
    plugins: gatewayPlugins(settings),
  });
  return { url: gateway.url, stop: () => gateway.stop() };
}
