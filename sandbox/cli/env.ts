import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SANDBOX_DATA_DIR: z.string().min(1).default(".data/pglite"),
});

export type SandboxEnv = z.infer<typeof envSchema>;

/** The sandbox's settings from the environment, checked once; a bad value names its variable. */
export function sandboxEnv(env: NodeJS.ProcessEnv = process.env): SandboxEnv {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`bad environment: ${detail}`);
  }
  return result.data;
}
