import { parseArgs } from "node:util";
import { z } from "zod";
import { MANAGER_ID, REGION_SCOPE, ROLES } from "../schema/caller.js";
import { DEV_SECRETS_FILE } from "../stack/dev-secrets.js";
import type { TokenRequest } from "../stack/dev-token.js";

export const USAGE = `Usage: npm run token -- --role <role> [--region <code>] [--manager <id>] [--pii] [--ttl <duration>] [--subject <name>]

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

/**
 * `npm run token`'s arguments as the token they ask for: read here once, for the command and for
 * anything that follows a written `npm run token -- …` line (the docs/queries test).
 */
export function tokenRequestOf(argv: string[]): { help: true } | { request: TokenRequest & { ttl: string } } | { error: string } {
  const { values } = parseArgs({
    args: argv,
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
  if (values.help) return { help: true };
  const parsed = argsSchema.safeParse({ ...values, role: values.role ?? [] });
  if (!parsed.success) return { error: parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n") };
  const args = parsed.data;
  return {
    request: {
      roles: args.role,
      region: args.region ?? (args.manager ? args.manager.slice(2, 6) : "HQ"),
      managerId: args.manager,
      pii: args.pii,
      ttl: args.ttl,
      ...(args.subject ? { subject: args.subject } : {}),
    },
  };
}
