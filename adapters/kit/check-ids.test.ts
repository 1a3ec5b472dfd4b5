import { describe, expect, it } from "vitest";
import { checkedDistinct } from "./check-ids.js";
import { CUSTOMER_ID, SERVICE_NO } from "./canonical-ids.js";
import { AdapterError } from "./errors.js";

function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("checkedDistinct", () => {
  it("answers each distinct id once, in the order first asked", () => {
    expect(checkedDistinct(["320100000002", "320100000001", "320100000002"], CUSTOMER_ID, "a customer id", "billing")).toEqual([
      "320100000002",
      "320100000001",
    ]);
    expect(checkedDistinct([], SERVICE_NO, "a service number", "network")).toEqual([]);
  });

  it("rejects the whole batch for one bad id, naming the source, the id and what was expected", () => {
    const error = thrownBy(() => checkedDistinct(["02550000123", "025-50000123"], SERVICE_NO, "a service number", "network"));
    expect(error).toBeInstanceOf(AdapterError);
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", source: "network", message: '[network] "025-50000123" is not a service number' });
  });

  it("rejects what is not a string and cuts long input short", () => {
    const notText = [42 as unknown as string];
    expect(() => checkedDistinct(notText, { test: () => true }, "an id", "key-account")).toThrow("[key-account] 42 is not an id");
    const long = "9".repeat(100);
    expect(() => checkedDistinct([long], CUSTOMER_ID, "a customer id", "business-hall")).toThrow(
      `[business-hall] "${"9".repeat(39)} is not a customer id`,
    );
  });
});
