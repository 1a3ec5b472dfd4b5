import { parseArgs } from "node:util";
import { z } from "zod";
import { settingsEnvSchema } from "../gateway/env.js";
import { parseEnv, sandboxEnv } from "../sandbox/cli/env.js";
import { MANAGER_ID, REGION_SCOPE, ROLES } from "../schema/caller.js";
import { DEV_SECRETS_FILE, devSecrets } from "../stack/dev-secrets.js";
import { mintToken } from "../stack/dev-token.js";

const USAGE = `Usage: npm run token -- --role <role> [--region <code>] [--manager <id>] [--pii] [--ttl <duration>] [--subject <name>]

Mints a development bearer token for the gateway and prints it alone on the last line. It is signed
with AUTH_JWT_SECRET when set, otherwise with the secret npm start generated in
$SANDBOX_DATA_DIR/${DEV_SECRETS_FILE} (default .data/pglite): run npm start once first.

  --role R        ${ROLES.join(", ")} (repeat for several)
  --region C      HQ, a province (32) or a local network (3201); default HQ, or the manager's local network
  --manager ID    the key-account manager's id (JL + 8 digits); required for ka-manager
  --pii           the right to see personal data unmasked
  --ttl D         lifetime: 30m, 8h, 7d … (default 8h)
  --subject S     the token's subject (default derived from the role and region)

Example: TOKEN=$(npm run -s token -- --role ka-manager --manager JL32010001 | tail -1)`;

const argsSchema = z
  .object({
    role: z.array(z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` })).min(1, "is required"),
    region: z.string().regex(REGION_SCOPE, "must be HQ, a province (2 digits) or a local network (4 digits)").optional(),
    manager: z.string().regex(MANAGER_ID, "must be JL + 8 digits").optional(),
    pii: z.boolean().default(false),
    ttl: z.string().regex(/^\d+[smhd]$/, "must be a number and s, m, h or d, e.g. 8h").default("8h"),
    subject: z.string().min(1).optional(),
  })
  .refine((a) => !a.role.includes("ka-manager") || a.manager !== undefined, { message: "a ka-manager token needs --manager", path: ["manager"] });

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: "string", multiple: true },
      region: { type: "string" },
      manager: { type: "string" },
      pii: { type: "boolean" },
      ttl: { type: "string" },
      subject: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return console.log(USAGE);
  const parsed = argsSchema.safeParse({ ...values, role: values.role ?? [] });
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n") + `\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const args = parsed.data;
  const env = { ...sandboxEnv(), ...parseEnv(settingsEnvSchema, process.env) };
  const secrets = await devSecrets(env.SANDBOX_DATA_DIR, env);
  if (secrets.created) console.error(`no secrets yet: generated them in ${secrets.file}; npm start on this data directory will accept the token`);
  const region = args.region ?? (args.manager ? args.manager.slice(2, 6) : "HQ");
  const token = await mintToken(
    secrets.jwtSecret,
    { roles: args.role, region, managerId: args.manager, pii: args.pii, ttl: args.ttl, ...(args.subject ? { subject: args.subject } : {}) },
    env.AUTH_ISSUER,
    env.AUTH_AUDIENCE,
  );
  console.error(`token for ${args.role.join("+")} in ${region}${args.manager ? ` (manager ${args.manager})` : ""}${args.pii ? " with the PII right" : ""}, valid ${args.ttl}:`);
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(`token failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
