import { appendFile, mkdir, readFile, rename, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import type { KeptDifference } from "./shadow.js";

/**
 * Where shadow mode keeps the differences it found, for `npm run shadow:report`: bounded, so a candidate that differs
 * everywhere cannot fill a disk or a heap.
 */
export interface ShadowStore {
  add(differences: readonly KeptDifference[]): Promise<void>;
  /** What is kept, oldest first. */
  recent(): Promise<KeptDifference[]>;
}

/** The file the stack keeps differences in, in its data directory, unless SHADOW_DIFFERENCES_PATH says otherwise. */
export const SHADOW_FILE = "shadow-differences.jsonl";

/** In this process only, the newest `max`: for tests and for a stack with nowhere to write. */
export function memoryShadowStore(max = 1_000): ShadowStore {
  const kept: KeptDifference[] = [];
  return {
    async add(differences) {
      kept.push(...differences);
      kept.splice(0, Math.max(0, kept.length - max));
    },
    recent: async () => [...kept],
  };
}

/**
 * A JSON-lines file every process of the stack appends to (one append per comparison, so lines of several processes
 * do not interleave), rotated to `<path>.1` once it passes `maxBytes`: at most about twice that is kept.
 */
export function fileShadowStore(path: string, maxBytes = 4 * 1024 * 1024): ShadowStore {
  let ready: Promise<unknown> | undefined;
  return {
    async add(differences) {
      if (differences.length === 0) return;
      await (ready ??= mkdir(dirname(path), { recursive: true }));
      const size = await stat(path).then((s) => s.size, () => 0);
      if (size > maxBytes) await rename(path, `${path}.1`).catch(() => undefined);
      await appendFile(path, differences.map((d) => JSON.stringify(d) + "\n").join(""));
    },
    recent: async () => [...(await readLines(`${path}.1`)), ...(await readLines(path))],
  };
}

const kept = z.object({
  at: z.string(),
  system: z.string(),
  method: z.string(),
  key: z.string(),
  field: z.string(),
  path: z.string(),
  served: z.unknown(),
  candidate: z.unknown(),
});

/** The differences of one file; a line cut short by a crash, or not one of ours, is passed over. */
async function readLines(path: string): Promise<KeptDifference[]> {
  const text = await readFile(path, "utf8").catch(() => "");
  const found: KeptDifference[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const parsed = kept.safeParse(JSON.parse(line));
      if (parsed.success) found.push(parsed.data as KeptDifference);
    } catch {
      continue;
    }
  }
  return found;
}
