import { mkdtemp, rm, statfs } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../schema/names.js";
import { checkRoom, diskRoom } from "./disk-room.js";

const sandbox = inject("sandbox");
const schemas = Object.values(schemaNames(sandbox.schemaPrefix));
const dataDir = await mkdtemp(join(tmpdir(), "disk-room-"));
afterAll(() => rm(dataDir, { recursive: true }));

describe("diskRoom", () => {
  it("measures the embedded database's data directory and counts the schemas a run would replace", async () => {
    const room = await diskRoom({ databaseUrl: sandbox.databaseUrl, dataDir, embedded: true, schemas });
    const fs = await statfs(dataDir);
    expect(room?.path).toBe(dataDir);
    expect(room?.freeBytes).toBeGreaterThan(0);
    expect(room?.freeBytes).toBeLessThanOrEqual(fs.blocks * fs.bsize);
    // The shared fixture's 300 customers, about 20 kB each with the catalogue's overhead.
    expect(room?.replacedBytes).toBeGreaterThan(300 * 5_000);
    const other = await diskRoom({ databaseUrl: sandbox.databaseUrl, dataDir, embedded: true, schemas: Object.values(schemaNames("no_such_run_")) });
    expect(other?.replacedBytes).toBe(0);
  });

  it("measures a PostgreSQL on this machine where it says it keeps its data, and nothing it cannot see", async () => {
    const room = await diskRoom({ databaseUrl: sandbox.databaseUrl, embedded: false, schemas });
    // The embedded test database says /pglite/data, a directory inside the engine that this machine has not.
    if (sandbox.embedded) expect(room).toBeNull();
    else {
      const fs = await statfs(room?.path ?? "");
      expect(room?.freeBytes).toBeLessThanOrEqual(fs.blocks * fs.bsize);
      expect(room?.replacedBytes).toBeGreaterThan(300 * 5_000);
    }
  });

  it("does not try a server elsewhere, nor an embedded database in memory", async () => {
    expect(await diskRoom({ databaseUrl: "postgres://postgres@db.example.invalid:5432/x", embedded: false, schemas })).toBeNull();
    expect(await diskRoom({ databaseUrl: "postgres://postgres@db.example.invalid:5432/x", embedded: true, schemas })).toBeNull();
  });
});

describe("checkRoom", () => {
  it("prints the estimate and the room, and refuses a population the disk evidently cannot hold before any work", async () => {
    const lines: string[] = [];
    await checkRoom(1_000, { databaseUrl: sandbox.databaseUrl, dataDir, embedded: true, schemas }, (line) => lines.push(line));
    expect(lines).toEqual([expect.stringMatching(/^This makes about 204,300 rows and takes about 23\.3 MB/), expect.stringContaining(`${dataDir}: `)]);
    // A billion customers would take petabytes; no test machine has them.
    await expect(checkRoom(1_000_000_000, { databaseUrl: sandbox.databaseUrl, dataDir, embedded: true, schemas }, () => {})).rejects.toThrow(
      new RegExp(`^1,000,000,000 customers need about [\\d.]+ GB .*but ${dataDir} has`),
    );
  });

  it("only prints the estimate when the disk cannot be seen", async () => {
    const lines: string[] = [];
    await checkRoom(1_000_000, { databaseUrl: sandbox.databaseUrl, embedded: true, schemas }, (line) => lines.push(line));
    expect(lines).toEqual([expect.stringContaining("23.3 GB"), expect.stringContaining("free space not checked")]);
  });
});
