import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { DEFAULT_SETTINGS_LIMITS, type GatewaySettings } from "../gateway/plugins/index.js";

export interface DevSecrets {
  /** Signs development tokens (HS256); `npm run token` mints with it. */
  jwtSecret: string;
  /** Shared by the gateway and the subgraphs for the signed identity headers. */
  signingSecret: string;
}

const fileSchema = z.object({ jwtSecret: z.string().min(32), signingSecret: z.string().min(32) }) satisfies z.ZodType<DevSecrets>;

export const DEV_SECRETS_FILE = "dev-secrets.json";

/** Fresh secrets for a stack that lives only as long as its process (tests, reports). */
export function ephemeralSecrets(): DevSecrets {
  return { jwtSecret: randomBytes(48).toString("base64url"), signingSecret: randomBytes(48).toString("base64url") };
}

/** The gateway's security settings for a development stack signing tokens with its own secret. */
export function devSecurity(secrets: DevSecrets, overrides: Partial<GatewaySettings> = {}): GatewaySettings {
  return {
    signingSecret: secrets.signingSecret,
    auth: { jwtSecret: secrets.jwtSecret, issuer: "customer-graph", audience: "customer-graph" },
    production: false,
    ...DEFAULT_SETTINGS_LIMITS,
    ...overrides,
  };
}

/**
 * The development secrets of one data directory: generated on first use and kept there (mode 0600), so
 * tokens minted by `npm run token` keep working across restarts. Set in the environment, they win.
 */
export async function devSecrets(dataDir: string, env: { AUTH_JWT_SECRET?: string | undefined; SUBGRAPH_SIGNING_SECRET?: string | undefined }): Promise<DevSecrets & { file: string; created: boolean }> {
  const file = join(dataDir, DEV_SECRETS_FILE);
  let stored: DevSecrets | null = null;
  let created = false;
  try {
    stored = fileSchema.parse(JSON.parse(await readFile(file, "utf8")));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`${file} is not a secrets file written by npm start; delete it to have new secrets generated`);
  }
  if (!stored) {
    stored = ephemeralSecrets();
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    await chmod(file, 0o600);
    created = true;
  }
  return { jwtSecret: env.AUTH_JWT_SECRET ?? stored.jwtSecret, signingSecret: env.SUBGRAPH_SIGNING_SECRET ?? stored.signingSecret, file, created };
}
