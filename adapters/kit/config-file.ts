import { readFileSync } from "node:fs";
import type { z } from "zod";

/** How a config's error is made, so each config throws its own error class. */
export type ConfigFailure = (message: string, cause: unknown) => Error;

/** Checks a parsed config against its schema; every problem is named by its path, e.g. `billing.retry.maxAttempts`. */
export function parseConfig<S extends z.ZodType>(schema: S, raw: unknown, source: string, fail: ConfigFailure): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const detail = result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");
  throw fail(`invalid ${source}: ${detail}`, result.error);
}

/** Reads a JSON config file at boot; one that cannot be read or parsed is named with why. */
export function readJsonConfig(path: string, what: string, fail: ConfigFailure): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw fail(`cannot read ${what} ${path}: ${(error as Error).message}`, error);
  }
}
