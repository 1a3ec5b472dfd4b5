import { settingsEnvSchema } from "../gateway/env.js";
import { parseEnv, sandboxEnv } from "../sandbox/cli/env.js";
import { devSecrets } from "../stack/dev-secrets.js";
import { mintToken } from "../stack/dev-token.js";
import { tokenRequestOf, USAGE } from "./token-args.js";

async function main(): Promise<void> {
  const parsed = tokenRequestOf(process.argv.slice(2));
  if ("help" in parsed) return console.log(USAGE);
  if ("error" in parsed) {
    console.error(`${parsed.error}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const { request } = parsed;
  const env = { ...sandboxEnv(), ...parseEnv(settingsEnvSchema, process.env) };
  const secrets = await devSecrets(env.SANDBOX_DATA_DIR, env);
  if (secrets.created) console.error(`no secrets yet: generated them in ${secrets.file}; npm start on this data directory will accept the token`);
  const token = await mintToken(secrets.jwtSecret, request, env.AUTH_ISSUER, env.AUTH_AUDIENCE);
  const { roles, region, managerId, pii, ttl } = request;
  console.error(`token for ${roles.join("+")} in ${region}${managerId ? ` (manager ${managerId})` : ""}${pii ? " with the PII right" : ""}, valid ${ttl}:`);
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(`token failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
