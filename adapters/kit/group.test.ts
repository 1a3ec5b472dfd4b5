import { describe, expect, it } from "vitest";
import { groupBy } from "./group.js";

describe("groupBy", () => {
  it("gives every asked id its list, in the items' order, and drops items nobody asked for", () => {
    const items = [
      { id: "b", n: 1 },
      { id: "x", n: 2 },
      { id: "b", n: 3 },
    ];
    expect(groupBy(["a", "b"], items, (item) => item.id)).toEqual(
      new Map([
        ["a", []],
        ["b", [items[0], items[2]]],
      ]),
    );
    expect(groupBy(new Set(["a"]).values(), [], () => "a")).toEqual(new Map([["a", []]]));
  });
});
