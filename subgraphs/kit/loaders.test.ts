import { describe, expect, it } from "vitest";
import { AdapterError } from "../../adapters/kit/errors.js";
import type { OrMalformed } from "../../adapters/errors.js";
import { listLoader, mapLoader } from "./loaders.js";

const malformed = new AdapterError("MALFORMED_RECORD", "billing", "malformed record ACCT 2: PAY_METHOD: unknown code", "ACCT 2");

/** A batch method as ports have them, counting its calls. */
function port<V>(answer: Map<string, OrMalformed<V>>) {
  const calls: (readonly string[])[] = [];
  return { calls, fetch: async (keys: readonly string[]) => (calls.push(keys), answer) };
}

describe("mapLoader", () => {
  it("rejects only the key whose record cannot be read; the batch's other keys load, unknown ones as missing", async () => {
    const source = port(new Map<string, OrMalformed<string>>([["a", "A"], ["b", malformed]]));
    const loader = mapLoader(source.fetch, null);
    const [a, b, c] = await Promise.allSettled([loader.load("a"), loader.load("b"), loader.load("c")]);
    expect(source.calls).toEqual([["a", "b", "c"]]);
    expect(a).toEqual({ status: "fulfilled", value: "A" });
    expect(b).toEqual({ status: "rejected", reason: malformed });
    expect(c).toEqual({ status: "fulfilled", value: null });
  });
});

describe("listLoader", () => {
  it("rejects only the key whose list holds a record that cannot be read; unknown keys have no items", async () => {
    const source = port(new Map<string, OrMalformed<number[]>>([["a", [1, 2]], ["b", malformed]]));
    const loader = listLoader(source.fetch);
    const [a, b, c] = await Promise.allSettled([loader.load("a"), loader.load("b"), loader.load("c")]);
    expect(source.calls).toHaveLength(1);
    expect(a).toEqual({ status: "fulfilled", value: [1, 2] });
    expect(b).toEqual({ status: "rejected", reason: malformed });
    expect(c).toEqual({ status: "fulfilled", value: [] });
  });
});
