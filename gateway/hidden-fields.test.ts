import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { hiddenFieldNames } from "./hidden-fields.js";

describe("hiddenFieldNames", () => {
  it("lists the facts fields the judgements read, and no field a consumer can ask for", async () => {
    const sdl = await readFile(new URL("../schema/supergraph.graphql", import.meta.url), "utf8");
    const hidden = hiddenFieldNames(sdl);
    expect([...hidden].sort()).toEqual(expect.arrayContaining(["billingFacts", "keyAccountFacts", "networkFacts", "profileFacts"]));
    for (const visible of ["accounts", "name", "credit", "arrears"]) expect(hidden.has(visible), visible).toBe(false);
  });

  it("keeps a name hidden only when no consumer type has a field of that name", () => {
    const sdl = `type A { x: Int @inaccessible y: Int @inaccessible } type B { y: Int }`;
    expect([...hiddenFieldNames(sdl)]).toEqual(["x"]);
  });
});
