import { appendFile, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KeptDifference } from "./shadow.js";
import { fileShadowStore, memoryShadowStore } from "./shadow-store.js";

const difference = (n: number): KeptDifference => ({
  at: `2026-11-30T10:00:${String(n % 60).padStart(2, "0")}.000Z`,
  system: "billing",
  method: "getAccounts",
  key: `8832010000${String(n).padStart(4, "0")}`,
  field: "getAccounts.balanceFen",
  path: ".balanceFen",
  served: n,
  candidate: n + 1,
});

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "shadow-store-"));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

describe("where shadow differences are kept", () => {
  it("keeps them in a file, oldest first, as written", async () => {
    const store = fileShadowStore(join(directory, "deep", "differences.jsonl"));
    await store.add([difference(1), difference(2)]);
    await store.add([difference(3)]);
    expect(await fileShadowStore(join(directory, "deep", "differences.jsonl")).recent()).toEqual([difference(1), difference(2), difference(3)]);
  });

  it("stays bounded: past its size the file is rotated once, the oldest dropped", async () => {
    const path = join(directory, "differences.jsonl");
    const store = fileShadowStore(path, 1_000);
    for (let n = 0; n < 40; n++) await store.add([difference(n)]);
    const kept = await store.recent();
    expect(kept.length).toBeLessThan(40);
    expect(kept.at(-1)).toEqual(difference(39));
    expect((await stat(path)).size).toBeLessThanOrEqual(1_000 + JSON.stringify(difference(39)).length + 1);
  });

  it("passes over a line cut short or not its own", async () => {
    const path = join(directory, "differences.jsonl");
    await fileShadowStore(path).add([difference(1)]);
    await appendFile(path, '{"at":"2026-11-30T10:00:00Z","sys\nnot json\n{"other":1}\n');
    await fileShadowStore(path).add([difference(2)]);
    expect(await fileShadowStore(path).recent()).toEqual([difference(1), difference(2)]);
  });

  it("holds the newest in memory when asked to", async () => {
    const store = memoryShadowStore(2);
    await store.add([difference(1), difference(2), difference(3)]);
    expect(await store.recent()).toEqual([difference(2), difference(3)]);
  });
});
