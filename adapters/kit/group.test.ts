import { describe, expect, it } from "vitest";
import { AdapterError } from "./errors.js";
import { byKey, groupBy } from "./group.js";

const malformed = (record: string) => new AdapterError("MALFORMED_RECORD", "billing", `malformed record ${record}`, record);

describe("groupBy", () => {
  it("gives every asked id its list, in the items' order, and drops items nobody asked for", () => {
    const items = [
      ["b", 1],
      ["x", 2],
      ["b", 3],
    ] as const;
    expect(groupBy(["a", "b"], items)).toEqual(
      new Map([
        ["a", []],
        ["b", [1, 3]],
      ]),
    );
    expect(groupBy(new Set(["a"]).values(), [])).toEqual(new Map([["a", []]]));
  });

  it("gives an id with an item that cannot be read that item's error, and serves the other ids", () => {
    const bad = malformed("BILL 2");
    const grouped = groupBy(["a", "b"], [["a", 1], ["b", 2], ["b", bad], ["b", 4], ["b", malformed("BILL 5")], ["a", 3]]);
    expect(grouped).toEqual(
      new Map<string, unknown>([
        ["a", [1, 3]],
        ["b", bad],
      ]),
    );
  });

  it("fails the batch on an item that cannot be read nor tied to an asked id", () => {
    const bad = malformed("BILL 9");
    expect(() => groupBy(["a"], [["a", 1], [undefined, bad]])).toThrow(bad);
    expect(() => groupBy(["a"], [["z", bad]])).toThrow(bad);
  });
});

describe("byKey", () => {
  it("keeps each asked id's record, leaves out unknown ids and records nobody asked for", () => {
    expect(byKey(["a", "b", "c"], [["a", 1], ["b", 2], ["x", 9]])).toEqual(
      new Map([
        ["a", 1],
        ["b", 2],
      ]),
    );
  });

  it("gives a record that cannot be read as its id's error, and fails the batch when it names no asked id", () => {
    const bad = malformed("ACCT 2");
    expect(byKey(["a", "b"], [["a", 1], ["b", bad], ["b", 3]])).toEqual(
      new Map<string, unknown>([
        ["a", 1],
        ["b", bad],
      ]),
    );
    expect(() => byKey(["a"], [[undefined, bad]])).toThrow(bad);
  });
});
