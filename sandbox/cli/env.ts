import { z } from "zod";
import { DEFAULT_DIRTY_SHARE, MAX_DIRTY_SHARE } from "../generate/dirt.js";

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SANDBOX_DATA_DIR: z.string().min(1).default(".data/pglite"),
  /** Port of the embedded PGlite server, so that other processes can reach it. */
  SANDBOX_PG_PORT: port(54_329),
  /** Password of the embedded PGlite's user postgres; when unset, the one generated into the data directory. */
  SANDBOX_PG_PASSWORD: z
    .string()
    .min(1)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  HALL_PORT: port(4_101),
  NETWORK_PORT: port(4_102),
  /** The call centre's simulator: its call export over HTTP. */
  CALL_CENTRE_PORT: port(4_107),
  /** Modern billing's REST service (sandbox/modern-billing), loaded from the legacy billing tables on first start. */
  MODERN_BILLING_PORT: port(4_108),
  SANDBOX_HOST: z.string().min(1).default("127.0.0.1"),
  /** Size of the data set generated on first start when the database has none. */
  SANDBOX_CUSTOMERS: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  SANDBOX_SEED: z.coerce.number().int().min(0).max(0xffffffff).default(1),
  /** Share of customers of that data set given one dirty row (sandbox/generate/dirt.ts), 0 for none. */
  SANDBOX_DIRTY_SHARE: z.coerce.number().min(0).max(MAX_DIRTY_SHARE).default(DEFAULT_DIRTY_SHARE),
  /** Seconds between billing's write-off runs (payments taken up, bills settled oldest first); 0 runs none. */
  SANDBOX_WRITE_OFF_SECONDS: z.coerce
    .number()
    .int("must be a whole number of seconds")
    .min(0, "must be 0 (no runs) or more")
    .max(86_400, "must be at most 86400 (a day)")
    .default(10),
});

export type SandboxEnv = z.infer<typeof envSchema>;

/** The sandbox's settings from the environment, checked once; a bad value names its variable. */
export function sandboxEnv(env: NodeJS.ProcessEnv = process.env): SandboxEnv {
  return parseEnv(envSchema, env);
}

/** Settings from the environment by a zod schema; the error names every bad variable and why. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`bad environment: ${detail}`);
  }
  return result.data;
}
