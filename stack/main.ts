import { carrierToday } from "../adapters/kit/values.js";
import { openDatabase, withClient } from "../sandbox/db/connect.js";
import { generateSandbox, sandboxIsComplete } from "../sandbox/generate/generate.js";
import { schemaNames } from "../sandbox/schema/names.js";
import { settingsFromEnv } from "../gateway/plugins/index.js";
import { devSecrets } from "./dev-secrets.js";
import { mintToken } from "./dev-token.js";
import { stackEnv } from "./env.js";
import { exampleQuery } from "./example.js";
import { stopOnSignals } from "./graceful-stop.js";
import { loadResilienceConfig } from "../adapters/kit/policies/config.js";
import { loadScoringModel } from "../subgraphs/insights/config.js";
import { loadOfferRules } from "../subgraphs/insights/offer-rules.js";
import { servingOptions } from "./serving-options.js";
import { endpointsOf, startServing, startSimulators } from "./start-stack.js";
import { startWorkers } from "./workers.js";
import { setLogLevel } from "../schema/logging.js";
import { clusterMetricsText, processMetricsText, startMetricsServer } from "../gateway/metrics-server.js";
import { telemetryFromEnv } from "../gateway/telemetry-env.js";
import { startTracing } from "../gateway/tracing.js";
import { dropSnapshotOfEarlierData, snapshotOnFirstStart } from "../tools/snapshot/first-start.js";

/**
 * `npm start`: the whole system on embedded defaults. The simulated legacy systems (generating a
 * small data set on first run) in this process; the five subgraphs and the gateway in STACK_PROCESSES
 * worker processes sharing their ports (one per core by default), or here too when it is 1. Ctrl-C stops all.
 */
async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
  const env = stackEnv();
  const telemetry = telemetryFromEnv(env);
  setLogLevel(telemetry.logLevel);
  // Spans are made where requests are served: here with one process, in each worker otherwise.
  const tracing = env.STACK_PROCESSES === 1 ? startTracing(telemetry.tracing) : null;
  // A bad model or policy stops the start before any data is generated or anything listens.
  loadScoringModel(env.SCORING_MODEL_PATH);
  loadOfferRules(env.OFFER_RULES_PATH);
  loadResilienceConfig(env.RESILIENCE_CONFIG_PATH);
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.SANDBOX_DATA_DIR, port: env.SANDBOX_PG_PORT, password: env.SANDBOX_PG_PASSWORD });
  const schemas = schemaNames();
  const asOf = env.INSIGHTS_AS_OF ?? carrierToday();
  const freshData = !(await sandboxIsComplete(database.url));
  if (freshData) {
    console.log(`No sandbox data yet: generating ${env.SANDBOX_CUSTOMERS} customers (seed ${env.SANDBOX_SEED}, as of ${asOf}) …`);
    await generateSandbox({ databaseUrl: database.url, customers: env.SANDBOX_CUSTOMERS, seed: env.SANDBOX_SEED, asOf, dirtyShare: env.SANDBOX_DIRTY_SHARE });
    await dropSnapshotOfEarlierData(database.url);
  }
  const sample = await sampleKeyAccountCustomer(database.url);
  const secrets = await devSecrets(env.SANDBOX_DATA_DIR, env);
  if (secrets.created) console.log(`Generated development secrets (token signing, subgraph signing) in ${secrets.file}`);
  const security = settingsFromEnv({ ...env, AUTH_JWT_SECRET: secrets.jwtSecret, SUBGRAPH_SIGNING_SECRET: secrets.signingSecret });
  const options = servingOptions(env, database.url, security);
  const simulators = await startSimulators({ ...options, writeOffEveryMs: env.SANDBOX_WRITE_OFF_SECONDS * 1_000 });
  const endpoints = endpointsOf(simulators, database.url);

  // Lists filtering on judgements read the snapshot: a fresh data set gets one before the graph says it is ready.
  await snapshotOnFirstStart({
    databaseUrl: database.url,
    asOf,
    scoringModelPath: env.SCORING_MODEL_PATH,
    resiliencePath: env.RESILIENCE_CONFIG_PATH,
    endpoints,
    out: process.stdout,
  });

  const serving =
    env.STACK_PROCESSES === 1
      ? await startServing(options, endpoints).then((s) => ({ url: s.gateway.url, close: s.close }))
      : await startWorkers(env.STACK_PROCESSES, { databaseUrl: database.url, endpoints }, { AUTH_JWT_SECRET: secrets.jwtSecret, SUBGRAPH_SIGNING_SECRET: secrets.signingSecret });
  const gatewayUrl = serving.url;
  // One endpoint for the whole deployment: with workers, the primary adds up every worker's series.
  const metrics = await startMetricsServer(telemetry.metrics, env.STACK_PROCESSES === 1 ? processMetricsText : clusterMetricsText());

  // With an identity provider configured, only it can mint tokens; the development secret still can otherwise.
  const token = env.AUTH_JWKS_URL ? "<a token from your identity provider>" : await mintToken(secrets.jwtSecret, { roles: ["hq-analyst"], region: "HQ", pii: true, subject: "dev:npm-start" }, env.AUTH_ISSUER, env.AUTH_AUDIENCE);
  console.log(`
Customer graph ready at ${gatewayUrl} (${env.STACK_PROCESSES === 1 ? "one process" : `${env.STACK_PROCESSES} processes serving, one for the simulated systems`})
  health ${gatewayUrl.replace("/graphql", "/healthz")} · readiness ${gatewayUrl.replace("/graphql", "/readyz")}
  explorer ${gatewayUrl.replace("/graphql", "/explorer")} (GraphiQL, served by the gateway itself: paste the token below into it)
  metrics ${metrics.url} (Prometheus) · traces ${telemetry.tracing.exporter === "otlp" ? `to ${telemetry.tracing.url}` : "off (OTEL_TRACES_EXPORTER=otlp sends them to a collector)"} · logs: JSON lines below
  legacy systems, each with its fault switch (PUT {"down":true} · {"latencyMs":3000} · {"errorRate":0.5}; DELETE to heal):
    business hall   ${simulators.hall.url} (SOAP)            faults ${simulators.hall.url}/__sim/faults
    network         ${simulators.network.url} (REST)            faults ${simulators.network.url}/__sim/faults
    call centre     ${simulators.callCentre.url} (call export)     faults ${simulators.callCentre.url}/__sim/faults
    billing         ${sqlAt(simulators.billing)} (SQL, schema ${schemas.billing})   faults ${simulators.billing.controlUrl}/__sim/faults
    key-account     ${sqlAt(simulators.keyAccount)} (SQL, schema ${schemas.keyAccount})       faults ${simulators.keyAccount.controlUrl}/__sim/faults${modernBillingLine(simulators.modernBilling?.url)}
  all in ${database.embedded ? "the embedded PGlite" : "DATABASE_URL"} behind them${billingRoutingLine(env)}

Try it, as an HQ analyst with the right to see personal data (token valid 8 hours; \`npm run token -- --help\` mints others):
  TOKEN=${token}
  curl -s ${gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -d '${JSON.stringify({ query: exampleQuery(sample?.customerId ?? "320100000001") })}'

Ctrl-C stops everything.`);

  stopOnSignals(async () => {
    await Promise.all([serving.close(), metrics.stop()]);
    await tracing?.stop();
    await simulators.close();
    await database.close();
  });
}

/** Where an SQL system answers, without the password the URL carries. */
function sqlAt(proxy: { address: { host: string; port: number } }): string {
  return `postgres://${proxy.address.host}:${proxy.address.port}`;
}

/** A key account makes the best first example: it has data in all four systems. */
async function sampleKeyAccountCustomer(url: string): Promise<{ customerId: string } | null> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ id: string }>(`SELECT substr("YYKHH", 3) AS id FROM "${schemaNames().keyAccount}"."DKH_KHXX" ORDER BY "KHBH" LIMIT 1`);
    return rows[0] ? { customerId: rows[0].id } : null;
  });
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

function modernBillingLine(url: string | undefined): string {
  return url ? `\n    modern billing  ${url} (REST, loaded from billing's tables)   faults ${url}/__sim/faults` : "";
}

/** Which billing adapter serves what, when configuration moved anything off the legacy tables (docs/shadow.md). */
function billingRoutingLine(env: ReturnType<typeof stackEnv>): string {
  const regions = Object.entries(env.BILLING_ADAPTER_BY_REGION).map(([region, adapter]) => `region ${region}: ${adapter}`);
  if (env.BILLING_ADAPTER === "sql" && regions.length === 0 && !env.BILLING_SHADOW) return "";
  const shadow = env.BILLING_SHADOW ? `; shadow: ${env.BILLING_SHADOW} (npm run shadow:report)` : "";
  return `\n  billing served by: ${[`${env.BILLING_ADAPTER} by default`, ...regions].join(", ")}${shadow}`;
}
