import { readFile } from "node:fs/promises";
import { gatewayEnv, subgraphUrlOverrides } from "./env.js";
import { gatewayPlugins, securityFromEnv } from "./plugins/index.js";
import { startGateway } from "./server.js";

/** The gateway on its own, for deployments where each subgraph runs as its own service. */
async function main(): Promise<void> {
  const env = gatewayEnv();
  const supergraphSdl = await readFile(env.SUPERGRAPH_PATH, "utf8");
  const security = securityFromEnv(env);
  const gateway = await startGateway({
    supergraphSdl,
    subgraphUrls: subgraphUrlOverrides(env),
    port: env.GATEWAY_PORT,
    host: env.GATEWAY_HOST,
    signingSecret: security.signingSecret,
    plugins: gatewayPlugins(security),
  });
  console.log(`gateway ready at ${gateway.url} (${env.GATEWAY_ENV}; tokens checked against ${env.AUTH_JWKS_URL ?? "AUTH_JWT_SECRET"})`);
  const stop = () => {
    gateway.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(`gateway failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
