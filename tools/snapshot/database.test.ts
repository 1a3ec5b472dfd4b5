import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type SandboxDatabase } from "../../sandbox/db/connect.js";
import { reachDatabase } from "./database.js";

/** How the job finds npm start's database: PostgreSQL by URL, or the embedded PGlite, served or on disk. */
let dir: string;
let served: SandboxDatabase;
let port: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cg-snapshot-db-"));
  served = await openDatabase({ dataDir: dir, port: 0 });
  port = Number(new URL(served.url).port);
});
afterAll(async () => {
  await served?.close();
  await rm(dir, { recursive: true, force: true });
});

async function answers(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ one: number }>("SELECT 1 AS one")).rows[0]!.one;
  } finally {
    await client.end();
  }
}

describe("the database the job works on", () => {
  it("is DATABASE_URL when set", async () => {
    const reached = await reachDatabase({ DATABASE_URL: "postgres://somewhere/db", SANDBOX_DATA_DIR: dir, SANDBOX_PG_PORT: port });
    expect(reached).toMatchObject({ url: "postgres://somewhere/db", description: "DATABASE_URL" });
  });

  it("is the PGlite npm start serves, with the password kept in its data directory, while it runs", async () => {
    const reached = await reachDatabase({ SANDBOX_DATA_DIR: dir, SANDBOX_PG_PORT: port });
    expect(reached.description).toBe(`the embedded PGlite served on port ${port} (SANDBOX_PG_PORT)`);
    expect(await answers(reached.url)).toBe(1);
    await reached.close();
    expect(await answers(served.url)).toBe(1);
  });

  it("refuses a server on that port that does not take the password, saying so", async () => {
    await expect(reachDatabase({ SANDBOX_DATA_DIR: dir, SANDBOX_PG_PORT: port, SANDBOX_PG_PASSWORD: "not-the-password" })).rejects.toThrow(/refused the embedded database's password/);
  });

  it("names SANDBOX_DATA_DIR when nothing serves the port and no data directory exists", async () => {
    const nowhere = join(dir, "none");
    const free = await openDatabase({ port: 0 });
    const freePort = Number(new URL(free.url).port);
    await free.close();
    await expect(reachDatabase({ SANDBOX_DATA_DIR: nowhere, SANDBOX_PG_PORT: freePort })).rejects.toThrow(/SANDBOX_DATA_DIR/);
  });
});
