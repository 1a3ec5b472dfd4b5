import { statfs } from "node:fs/promises";
import { withClient } from "../db/connect.js";
import { estimateSize, judgeRoom, size, type DiskRoom } from "./estimate.js";

const LOOPBACK = new Set(["", "localhost", "127.0.0.1", "[::1]"]);

/**
 * The room on the disk that holds the database's files, when this machine can see it: the embedded
 * PGlite's data directory, or the data_directory of a PostgreSQL on loopback (or a local socket) that
 * tells it. Null for a remote server, a database in memory, or one that will not say.
 */
export interface DatabaseFiles {
  databaseUrl: string;
  /** The embedded database's data directory; absent for one in memory. */
  dataDir?: string | undefined;
  embedded: boolean;
  /** The schemas the run will replace. */
  schemas: readonly string[];
}

export async function diskRoom(options: DatabaseFiles): Promise<DiskRoom | null> {
  if (options.embedded ? !options.dataDir : !LOOPBACK.has(new URL(options.databaseUrl).hostname)) return null;
  return withClient(options.databaseUrl, async (client) => {
    // Only superusers and pg_read_all_settings may read data_directory; anyone else gets an error, and no check.
    const path = options.embedded
      ? options.dataDir
      : await client.query<{ data_directory: string }>("SHOW data_directory").then(({ rows }) => rows[0]?.data_directory, () => undefined);
    if (!path) return null;
    const fs = await statfs(path).catch(() => null);
    if (!fs) return null;
    const { rows } = await client.query<{ bytes: string }>(
      `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::text AS bytes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'm')`,
      [options.schemas],
    );
    return { path, freeBytes: fs.bavail * fs.bsize, replacedBytes: Number(rows[0]?.bytes ?? 0) };
  });
}

/** Prints what a run of `customers` will take; throws before any work when the database's disk evidently cannot hold it. */
export async function checkRoom(customers: number, database: DatabaseFiles, log: (line: string) => void = console.log): Promise<void> {
  const estimate = estimateSize(customers);
  log(`This makes about ${estimate.rows.toLocaleString("en")} rows and takes about ${size(estimate.bytes)} on the database's disk (data and indexes).`);
  const room = await diskRoom(database);
  if (!room) return log("  (free space not checked: the database keeps its files in memory, on another machine, or will not say where)");
  const verdict = judgeRoom(customers, room);
  if (!verdict.fits) throw new Error(verdict.reason);
  log(`  ${room.path}: ${size(room.freeBytes)} free${verdict.warning ? `; ${verdict.warning}` : ""}`);
}
