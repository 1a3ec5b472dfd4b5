import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { PGliteServer } from "./pglite-server.js";

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
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<SandboxDatabase> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, embedded: false, close: async () => {} };
  }
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ?? "memory://");
  const server = new PGliteServer(db);
  const address = await server.start(options.port ?? 0, "127.0.0.1");
  return {
    url: `postgres://postgres@${address}/postgres?sslmode=disable`,
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
