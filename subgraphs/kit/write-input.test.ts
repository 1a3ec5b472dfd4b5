import { describe, expect, it } from "vitest";
import { checkAmountFen, checkFormat, checkIdempotencyKey, checkText } from "./write-input.js";

const refusal = (check: () => unknown) => {
  try {
    check();
  } catch (error) {
    expect(error).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
};

describe("checks of a write's arguments", () => {
  it("refuses a value of the wrong shape, naming the argument and showing the value cut short", () => {
    expect(checkFormat("input.accountNo", "88320100001230", /^88\d{12}$/, "an account number")).toBe("88320100001230");
    expect(refusal(() => checkFormat("input.accountNo", "8832", /^88\d{12}$/, "an account number"))).toBe('input.accountNo "8832" is not an account number');
    expect(refusal(() => checkFormat("input.accountNo", "x".repeat(100), /^88\d{12}$/, "an account number"))).toMatch(/"x{40}…"/);
  });

  it("takes idempotency keys of 8–64 safe characters, a UUID among them", () => {
    const format = /^[A-Za-z0-9_:.-]{8,64}$/;
    expect(checkIdempotencyKey("input.idempotencyKey", "3f2c1a9e-5b7d-4c8e-9a10-2b3c4d5e6f70", format)).toHaveLength(36);
    for (const bad of ["short", "has spaces in it", "k".repeat(65), "semi;colon1"]) {
      expect(refusal(() => checkIdempotencyKey("input.idempotencyKey", bad, format))).toMatch(/^input\.idempotencyKey /);
    }
  });

  it("trims text and refuses it blank, too long or holding what no system stores", () => {
    expect(checkText("input.content", "  话费有异议 \n", 400)).toBe("话费有异议");
    expect(checkText("input.notes", "   ", 400, { optional: true })).toBe("");
    expect(refusal(() => checkText("input.content", " \t ", 400))).toBe("input.content must not be blank");
    expect(refusal(() => checkText("input.content", "断".repeat(401), 400))).toBe("input.content must be at most 400 characters");
    expect(checkText("input.content", "断".repeat(400), 400)).toHaveLength(400);
    expect(refusal(() => checkText("input.content", "bell\u0007", 400))).toMatch(/control character/);
    expect(refusal(() => checkText("input.content", "half \uD800 pair", 400))).toMatch(/broken text/);
    expect(checkText("input.content", "第一行\n第二行\t完", 400)).toBe("第一行\n第二行\t完");
  });

  it("takes amounts of money as positive whole fen up to a maximum", () => {
    expect(checkAmountFen("input.amountFen", 1, 100)).toBe(1);
    expect(checkAmountFen("input.amountFen", 100, 100)).toBe(100);
    for (const bad of [0, -5, 10.5, Number.NaN]) expect(refusal(() => checkAmountFen("input.amountFen", bad, 100))).toMatch(/positive whole number/);
    expect(refusal(() => checkAmountFen("input.amountFen", 101, 100))).toBe("input.amountFen must be at most 100 fen");
  });
});
