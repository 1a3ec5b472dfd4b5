import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { openDatabase } from "../../sandbox/db/connect.js";
import { PASSWORD_FILE } from "../../sandbox/db/password.js";
import { DATABASE_USER } from "../../sandbox/db/pglite-auth.js";

export interface ReachedDatabase {
  url: string;
  /** Said to the user: which database the job works on. */
  description: string;
  close(): Promise<void>;
}

export interface DatabaseSettings {
  DATABASE_URL?: string | undefined;
  SANDBOX_DATA_DIR: string;
  SANDBOX_PG_PORT: number;
  SANDBOX_PG_PASSWORD?: string | undefined;
}

/**
 * The database `npm start` uses. PGlite keeps its files for one process only, so while `npm start` runs
 * the job connects to the server it runs; otherwise it opens the data directory itself (and serves it
 * on the same port, so that an `npm start` started meanwhile fails to bind instead of opening it twice).
 */
export async function reachDatabase(env: DatabaseSettings): Promise<ReachedDatabase> {
  const none = async () => {};
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, description: "DATABASE_URL", close: none };
  const password = env.SANDBOX_PG_PASSWORD ?? (await keptPassword(env.SANDBOX_DATA_DIR));
  if (password !== null) {
    const url = `postgres://${DATABASE_USER}:${encodeURIComponent(password)}@127.0.0.1:${env.SANDBOX_PG_PORT}/postgres?sslmode=disable`;
    if (await answers(url)) return { url, description: `the embedded PGlite served on port ${env.SANDBOX_PG_PORT} (SANDBOX_PG_PORT)`, close: none };
  }
  if (!existsSync(env.SANDBOX_DATA_DIR)) {
    throw new Error(`no embedded database in ${env.SANDBOX_DATA_DIR} (SANDBOX_DATA_DIR): npm start creates one with a small data set, or set DATABASE_URL`);
  }
  const database = await openDatabase({ dataDir: env.SANDBOX_DATA_DIR, port: env.SANDBOX_PG_PORT, password: env.SANDBOX_PG_PASSWORD });
  return { url: database.url, description: `the embedded PGlite in ${env.SANDBOX_DATA_DIR} (SANDBOX_DATA_DIR)`, close: () => database.close() };
}

async function keptPassword(dataDir: string): Promise<string | null> {
  try {
    return (await readFile(join(dataDir, PASSWORD_FILE), "utf8")).trim() || null;
  } catch {
    return null;
  }
}

/** Whether a server answers at `url`: nobody listening is "no"; a server that refuses us is an error worth saying. */
async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ECONNREFUSED" || code === "ECONNRESET") return false;
    throw new Error(`a server listens on ${new URL(url).host} (SANDBOX_PG_PORT) but refused the embedded database's password: ${(error as Error).message}`);
  }
}
