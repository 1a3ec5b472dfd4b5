import { join } from "node:path";
import { describeWriteOff } from "../billing/describe.js";
import { startWriteOffRuns } from "../billing/schedule.js";
import { openDatabase } from "../db/connect.js";
import { PASSWORD_FILE } from "../db/password.js";
import { carrierToday } from "../generate/dates.js";
import { generateSandbox, sandboxIsComplete } from "../generate/generate.js";
import { startHallSimulator } from "../hall/server.js";
import { startCallCentreSimulator } from "../call-centre/server.js";
import { startModernBillingSimulator } from "../modern-billing/server.js";
import { startNetworkSimulator } from "../network/server.js";
import { modernBillingSchema } from "../schema/modern-billing.js";
import { schemaNames } from "../schema/names.js";
import { sandboxEnv } from "./env.js";

/**
 * Runs the simulated legacy systems: the database (PGlite unless DATABASE_URL is set), generating a
 * small data set when there is none, the SOAP business hall, the REST network management, the call
 * centre's export, modern billing's REST service (loaded from the legacy billing tables on its first start), and
 * billing's write-off run on its timer.
 */
async function main(): Promise<void> {
  const env = sandboxEnv();
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.SANDBOX_DATA_DIR,
    port: env.SANDBOX_PG_PORT,
    password: env.SANDBOX_PG_PASSWORD,
  });
  const passwordFrom = env.SANDBOX_PG_PASSWORD ? "SANDBOX_PG_PASSWORD" : join(env.SANDBOX_DATA_DIR, PASSWORD_FILE);
  const schemas = schemaNames();
  if (!(await sandboxIsComplete(database.url))) {
    const asOf = carrierToday();
    console.log(`No sandbox data yet: generating ${env.SANDBOX_CUSTOMERS} customers (seed ${env.SANDBOX_SEED}, as of ${asOf}) …`);
    await generateSandbox({ databaseUrl: database.url, customers: env.SANDBOX_CUSTOMERS, seed: env.SANDBOX_SEED, asOf, dirtyShare: env.SANDBOX_DIRTY_SHARE });
  }
  const hall = await startHallSimulator({ databaseUrl: database.url, schema: schemas.hall, port: env.HALL_PORT, host: env.SANDBOX_HOST });
  const network = await startNetworkSimulator({ databaseUrl: database.url, schema: schemas.network, port: env.NETWORK_PORT, host: env.SANDBOX_HOST });
  const callCentre = await startCallCentreSimulator({ databaseUrl: database.url, schema: schemas.callCentre, port: env.CALL_CENTRE_PORT, host: env.SANDBOX_HOST });
  const modernBilling = await startModernBillingSimulator({
    databaseUrl: database.url,
    schema: modernBillingSchema(),
    legacySchema: schemas.billing,
    port: env.MODERN_BILLING_PORT,
    host: env.SANDBOX_HOST,
    onLoad: ({ table, rows, done, elapsedMs }) =>
      console.log(`modern billing: initial load from legacy billing, ${table} ${rows} rows${done ? "" : " so far"} (${(elapsedMs / 1_000).toFixed(1)} s)`),
  });
  const writeOff = startWriteOffRuns({
    databaseUrl: database.url,
    schema: schemas.billing,
    everyMs: env.SANDBOX_WRITE_OFF_SECONDS * 1_000,
    onRun: (counts) => console.log(`billing write-off: ${describeWriteOff(counts)}`),
  });
  const writeOffEvery = env.SANDBOX_WRITE_OFF_SECONDS === 0 ? "off (SANDBOX_WRITE_OFF_SECONDS=0; npm run sandbox:write-off runs one)" : `every ${env.SANDBOX_WRITE_OFF_SECONDS} s (SANDBOX_WRITE_OFF_SECONDS)`;

  console.log(`Sandbox running:
  database (billing, key accounts)  ${database.embedded ? `${withoutPassword(database.url)} (password in ${passwordFrom})` : "DATABASE_URL"}  schemas ${schemas.billing}, ${schemas.keyAccount}
  business hall (SOAP 1.1)          ${hall.url}/boss/CustService?wsdl
  network management (REST)         ${network.url}/nms/v1/lines?accNums=…
  call centre (call export)         ${callCentre.url}/cc/export?nbr=…&cust=…
  modern billing (REST/JSON)        ${modernBilling.url}/v1/accounts:batchGet (POST {"accountNos":[…]})
  billing write-off run             ${writeOffEvery}
  fault injection                   PUT {"latencyMs":…,"errorRate":…,"down":…} to <simulator>/__sim/faults
Ctrl-C stops everything.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("Stopping …");
    await Promise.allSettled([hall.close(), network.close(), callCentre.close(), modernBilling.close(), writeOff.close()]);
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** The URL to print: the password stays in its file or setting, out of terminals and logs. */
function withoutPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = "";
  return parsed.toString();
}

main().catch((error: unknown) => {
  console.error(`sandbox:start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
