import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import type { SnapshotOrder } from "../../adapters/snapshot/port.js";
import { decodeCursor, encodeCursor } from "./cursor.js";

const BY_ID: SnapshotOrder = { field: "CUSTOMER_ID", direction: "ASC" };
const BY_SCORE: SnapshotOrder = { field: "CREDIT_SCORE", direction: "DESC" };

function refusal(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error("expected a refusal");
}

describe("customer list cursors", () => {
  it("carry the order and the keyset position of their row, opaque to callers", () => {
    for (const [order, position] of [
      [BY_ID, { value: "320100000006", customerId: "320100000006" }],
      [BY_SCORE, { value: 87.25, customerId: "320100000007" }],
      [BY_SCORE, { value: null, customerId: "330100000001" }],
      [{ field: "REVENUE_12M", direction: "ASC" }, { value: 1_234_500, customerId: "440100000002" }],
    ] as const) {
      const cursor = encodeCursor(order, position);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(cursor).not.toContain(position.customerId);
      expect(decodeCursor(cursor, order)).toEqual(position);
    }
  });

  it("refuses a cursor made for another order or direction, saying which it was made for", () => {
    const cursor = encodeCursor(BY_SCORE, { value: 80, customerId: "320100000007" });
    for (const other of [BY_ID, { field: "CREDIT_SCORE", direction: "ASC" } as const]) {
      const error = refusal(() => decodeCursor(cursor, other));
      expect(error.extensions.code).toBe("BAD_USER_INPUT");
      expect(error.message).toMatch(/CREDIT_SCORE DESC/);
    }
  });

  it("refuses anything this API did not make", () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const cursor of [
      "nonsense",
      "",
      Buffer.from("customer:320100000006").toString("base64url"),
      forged({ f: "CUSTOMER_ID", d: "ASC", v: "320100000006", id: "32-01" }),
      forged({ f: "CUSTOMER_ID", d: "ASC", v: "320100000099", id: "320100000006" }),
      forged({ f: "CREDIT_SCORE", d: "DESC", v: "80; DROP TABLE", id: "320100000006" }),
      forged({ f: "NAME", d: "ASC", v: "x", id: "320100000006" }),
      forged({ f: "CUSTOMER_ID", d: "ASC", v: "320100000006", id: "320100000006", extra: 1 }),
    ]) {
      const error = refusal(() => decodeCursor(cursor, { field: "CUSTOMER_ID", direction: "ASC" }));
      expect(error.extensions.code, cursor).toBe("BAD_USER_INPUT");
    }
  });
});
