import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Where a data directory keeps the password generated for it, readable by its owner only. */
export const PASSWORD_FILE = ".sandbox-password";

export function randomPassword(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * The password kept in a data directory, generated on first use, so that every process opening
 * the same data (npm start, sandbox:start, psql) logs in with the same one.
 */
export async function persistedPassword(dataDir: string): Promise<string> {
  const file = join(dataDir, PASSWORD_FILE);
  try {
    await writeFile(file, `${randomPassword()}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const password = (await readFile(file, "utf8")).trim();
  if (!password) throw new Error(`${file} is empty: delete it and a new password is generated`);
  return password;
}
