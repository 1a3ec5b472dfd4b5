import DataLoader from "dataloader";
import { describe, expect, it } from "vitest";
import { noteStale, withStaleNotes } from "./stale.js";

const tick = () => new Promise<void>((resolve) => process.nextTick(resolve));
const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("the request's stale notes", () => {
  it("are ignored outside a request", () => {
    expect(() => noteStale("billing", 5_000)).not.toThrow();
    const run = withStaleNotes(() => 1);
    expect(run.result).toBe(1);
    expect(run.notes()).toEqual([]);
  });

  it("keep the oldest age per source, in whole seconds, across awaits, ticks and immediates", async () => {
    const run = withStaleNotes(async () => {
      noteStale("network", 12_400);
      await tick();
      noteStale("network", 95_999);
      await immediate();
      noteStale("network", 30_000);
      await new Promise((resolve) => setTimeout(resolve, 0));
      noteStale("billing", 1_000);
      return "done";
    });
    expect(await run.result).toBe("done");
    expect(run.notes()).toEqual([
      { source: "network", ageSeconds: 95 },
      { source: "billing", ageSeconds: 1 },
    ]);
  });

  it("reach a DataLoader's batch, which runs on process.nextTick after a resolved promise", async () => {
    const batches: string[][] = [];
    const request = (source: "billing" | "key-account", ageMs: number) =>
      withStaleNotes(async () => {
        // Created per request, as the subgraphs' loaders are.
        const loader = new DataLoader<string, string>(async (keys) => {
          batches.push([...keys]);
          await immediate();
          noteStale(source, ageMs);
          return keys.map((key) => key.toUpperCase());
        });
        return Promise.all([loader.load("a"), loader.load("b"), immediate().then(() => loader.load("c"))]);
      });
    const first = request("billing", 61_000);
    const second = request("key-account", 7_000);
    expect(await first.result).toEqual(["A", "B", "C"]);
    expect(await second.result).toEqual(["A", "B", "C"]);
    // Keys asked for in the same tick share a batch; each request keeps only its own notes.
    expect(batches).toEqual([["a", "b"], ["a", "b"], ["c"], ["c"]]);
    expect(first.notes()).toEqual([{ source: "billing", ageSeconds: 61 }]);
    expect(second.notes()).toEqual([{ source: "key-account", ageSeconds: 7 }]);
  });

  it("give a nested request its own notes", async () => {
    let inner: ReturnType<typeof withStaleNotes<Promise<void>>> | undefined;
    const outer = withStaleNotes(async () => {
      noteStale("billing", 2_000);
      inner = withStaleNotes(async () => {
        await tick();
        noteStale("network", 3_000);
      });
      await inner.result;
    });
    await outer.result;
    expect(outer.notes()).toEqual([{ source: "billing", ageSeconds: 2 }]);
    expect(inner?.notes()).toEqual([{ source: "network", ageSeconds: 3 }]);
  });
});
