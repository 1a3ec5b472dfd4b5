import { describe, expect, it } from "vitest";
import { pageOf } from "./paging.js";

const items = ["a", "b", "c", "d", "e"].map((key) => ({ key }));
const bounds = { defaultFirst: 2, max: 3 };
const page = (first: number, after?: string | null) => pageOf(items, (i) => i.key, first, after, bounds, "letters").map((i) => i.key);

describe("pageOf", () => {
  it("pages after the key of the previous page's last item", () => {
    expect(page(2)).toEqual(["a", "b"]);
    expect(page(3, "b")).toEqual(["c", "d", "e"]);
    expect(page(3, "e")).toEqual([]);
    expect(page(0)).toEqual([]);
  });

  it("refuses a page over the maximum, a negative one and an unknown key, naming the list", () => {
    expect(() => page(4)).toThrow(/letters: first must be between 0 and 3/);
    expect(() => page(-1)).toThrow(/first must be/);
    expect(() => page(1, "zz")).toThrow(/letters: after must be the key/);
  });
});
