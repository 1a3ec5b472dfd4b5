import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { DATABASE_USER } from "./pglite-auth.js";
import { PGliteServer } from "./pglite-server.js";
import { persistedPassword, randomPassword } from "./password.js";

/** Where the simulated legacy systems keep their data: a real PostgreSQL or an embedded PGlite. */
export interface SandboxDatabase {
  /** A postgres:// URL that `pg` can use, whichever engine is behind it. */
  readonly url: string;
  readonly embedded: boolean;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Use this PostgreSQL; when absent an embedded PGlite is started. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; in memory when absent. */
  dataDir?: string | undefined;
  /** Port for the embedded server; 0 lets the OS choose. */
  port?: number | undefined;
  /**
   * Password of the embedded server's user postgres. When absent: the one kept in the data directory
   * (generated on first use), or a fresh random one for a database in memory.
   */
  password?: string | undefined;
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<SandboxDatabase> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, embedded: false, close: async () => {} };
  }
  if (options.password === "") throw new Error("the embedded database's password must not be empty");
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const password = options.password ?? (options.dataDir ? await persistedPassword(options.dataDir) : randomPassword());
  const db = await PGlite.create(options.dataDir ?? "memory://");
  const server = new PGliteServer(db, password);
  let address: string;
  try {
    address = await server.start(options.port ?? 0);
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    url: `postgres://${DATABASE_USER}:${encodeURIComponent(password)}@${address}/postgres?sslmode=disable`,
    embedded: true,
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}

/** Runs `work` on one short-lived connection, closed whatever happens. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
