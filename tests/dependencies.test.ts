import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The one-way dependency rules of ARCHITECTURE.md ("Dependencies point one way"), checked on every
 * import of every .ts file, so that a break fails the build instead of waiting for a review.
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SKIPPED_FOLDERS = new Set(["node_modules", ".data", ".scratch", "dist", ".git"]);

/**
 * Test helpers outside test-only paths, allowed to import vitest because only tests import them.
 * adapters/kit/testing.ts: the adapters' shared assertions (expectMalformed …); moving it under a
 * test-only path is pending, since the adapter tests of several people import it from there today.
 */
const KNOWN_TEST_HELPERS = new Set(["adapters/kit/testing.ts"]);

interface Import {
  /** Project path of the importing file, e.g. "gateway/server.ts". */
  file: string;
  specifier: string;
  /** Project path the specifier names ("adapters/kit/errors.ts"), or null for a package. */
  target: string | null;
}

function tsFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(folder, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : tsFiles(relative);
    return entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [relative] : [];
  });
}

// Matched over the whole text, not line by line, since an import's braces may span several lines.
// Anchored at a line start so that examples in doc comments (" * import …") do not count.
const STATIC = /^\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/gm;
const SIDE_EFFECT = /^\s*import\s*["']([^"']+)["']/gm;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return [STATIC, SIDE_EFFECT, DYNAMIC].flatMap((pattern) =>
    [...text.matchAll(pattern)].map(([, specifier = ""]) => ({
      file,
      specifier,
      // Sources import each other as "./x.js" (NodeNext); the file on disk is x.ts.
      target: specifier.startsWith(".")
        ? path.posix.join(path.posix.dirname(file), specifier).replace(/\.js$/, ".ts")
        : null,
    })),
  );
}

const IMPORTS = tsFiles(".").flatMap(importsOf);

/** `*.testing.ts` files are for tests only by name: what a test file shares, e.g. a port's contract (adapters/billing/contract.testing.ts). */
const isTestOnly = (file: string) =>
  file.endsWith(".test.ts") || file.endsWith(".testing.ts") || file.startsWith("tests/") || file === "vitest.config.ts" || KNOWN_TEST_HELPERS.has(file);
const within = (file: string, folder: string) => file.startsWith(`${folder}/`);
const shown = ({ file, specifier }: Import) => `${file} imports "${specifier}"`;

/** Every import of production code under `folder` that `allowed` refuses, as "file imports …". */
function offenders(folder: string, allowed: (target: string | null) => boolean): string[] {
  return IMPORTS.filter(({ file, target }) => within(file, folder) && !isTestOnly(file) && !allowed(target)).map(shown);
}

describe("dependency rules (ARCHITECTURE.md: dependencies point one way)", () => {
  it("the scanner sees real imports, so that the rules below cannot pass on an empty list", () => {
    const shownAll = IMPORTS.map(shown);
    expect(shownAll).toContain(`gateway/server.ts imports "./errors.js"`);
    expect(IMPORTS).toContainEqual(expect.objectContaining({ file: "gateway/server.ts", target: "gateway/errors.ts" }));
    expect(IMPORTS.some(({ file, target }) => within(file, "subgraphs") && /^adapters\/[^/]+\/port\.ts$/.test(target ?? ""))).toBe(true);
    expect(shownAll).toContain(`tests/setup/each-file.ts imports "reflect-metadata"`);
    expect(IMPORTS.filter(({ specifier }) => specifier === "vitest").length).toBeGreaterThan(10);
  });

  it("gateway/ imports nothing of ours but schema/ (the shared wire contract) and itself", () => {
    expect(offenders("gateway", (target) => !target || within(target, "gateway") || within(target, "schema"))).toEqual([]);
  });

  it("subgraphs/ reach adapters/ only through a port (adapters/<system>/port.ts, and the errors, deadline, stale notes and health every port shares), never its internals or kit", () => {
    const throughPort = (target: string | null) => !target || !within(target, "adapters") || /^adapters\/([^/]+\/port|errors|deadline|stale|health)\.ts$/.test(target);
    expect(offenders("subgraphs", throughPort)).toEqual([]);
  });

  it("production adapters/ code does not import sandbox/ (the simulators are for dev and tests)", () => {
    expect(offenders("adapters", (target) => !target || !within(target, "sandbox"))).toEqual([]);
  });

  it("sandbox/ imports nothing of ours outside sandbox/, so the simulators stand alone", () => {
    expect(offenders("sandbox", (target) => !target || within(target, "sandbox"))).toEqual([]);
  });

  it("only test-only files import vitest (*.test.ts, tests/, vitest.config.ts, known test helpers)", () => {
    const vitest = (specifier: string) => specifier === "vitest" || specifier.startsWith("vitest/");
    const outsideTests = IMPORTS.filter(({ file, specifier }) => vitest(specifier) && !isTestOnly(file)).map(shown);
    expect(outsideTests).toEqual([]);
  });
});
