import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  bigintId,
  carrierDateTime,
  carrierToday,
  checkAsOf,
  code,   dateIn,
  dateOrNoneIn,
  FIRST_CARRIER_INSTANT,
  integer,
  isCalendarDate,
  isoDateOf,
  LAST_CARRIER_INSTANT,
  readAs,
  type DateSpelling,
} from "./values.js";

// A spelling no legacy system uses, so these tests are about the readers, not about any one system.
const dotted: DateSpelling = { pattern: /^(\d{4})\.(\d{2})\.(\d{2})$/, name: "YYYY.MM.DD" };

describe("kit value readers", () => {
  it("knows which ISO dates exist", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2023-02-29")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("2026-01-00")).toBe(false);
    expect(isCalendarDate("0099-01-01")).toBe(false);
    expect(isCalendarDate("2026-1-01")).toBe(false);
    expect(isCalendarDate("20260101")).toBe(false);
  });

  it("takes an as-of date that exists, or none, and refuses any other as BAD_USER_INPUT of the system asked", () => {
    expect(checkAsOf("2024-02-29", "billing")).toBe("2024-02-29");
    expect(checkAsOf(undefined, "key-account")).toBeUndefined();
    for (const [asOf, system] of [["2023-02-29", "billing"], ["20261115", "key-account"], ["", "billing"]] as const) {
      expect(() => checkAsOf(asOf, system)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT", source: system, message: `[${system}] asOf must be an ISO date YYYY-MM-DD, got ${JSON.stringify(asOf)}` }));
    }
  });

  it("reads a spelled date by its captured year, month and day, only when the day exists", () => {
    expect(isoDateOf("2026.11.15", dotted)).toBe("2026-11-15");
    expect(isoDateOf("2023.02.29", dotted)).toBeNull();
    expect(isoDateOf("2026-11-15", dotted)).toBeNull();
    expect(isoDateOf(" 2026.11.15", dotted)).toBeNull();
  });

  it("trims padded date columns and says which spelling was expected", () => {
    const date = dateIn(dotted);
    expect(date.parse("2026.03.01 ")).toBe("2026-03-01");
    expect(date.safeParse("2026.02.30").error?.issues[0]?.message).toBe('"2026.02.30" is not a YYYY.MM.DD calendar date');
    const orNone = dateOrNoneIn(dotted, "0000.00.00");
    expect(orNone.parse("0000.00.00")).toBeNull();
    expect(orNone.parse("2026.03.01")).toBe("2026-03-01");
    expect(orNone.safeParse("").error?.issues[0]?.message).toBe('"" is not a YYYY.MM.DD calendar date nor 0000.00.00');
    expect(date.safeParse("0000.00.00").success).toBe(false);
  });

  it("reads through a function that answers null for what it cannot read", () => {
    const upper = readAs((text) => (/^[a-z]+$/.test(text) ? text.toUpperCase() : null), "lower-case letters");
    expect(upper.parse("abc")).toBe("ABC");
    expect(upper.safeParse("a\nb").error?.issues[0]?.message).toBe('"a\\nb" is not lower-case letters');
    expect(upper.safeParse(7).success).toBe(false);
  });

  it("keeps money exact and refuses what is not a safe integer", () => {
    expect(integer.parse("-1500")).toBe(-1500);
    expect(integer.parse(42)).toBe(42);
    expect(integer.safeParse("12.5").success).toBe(false);
    expect(integer.safeParse("9007199254740993").success).toBe(false);
    expect(integer.safeParse("").success).toBe(false);
  });

  it("keeps BIGINT ids as decimal text", () => {
    expect(bigintId.parse("9007199254740993")).toBe("9007199254740993");
    expect(bigintId.parse(42)).toBe("42");
    expect(bigintId.safeParse("-1").success).toBe(false);
    expect(bigintId.safeParse(1.5).success).toBe(false);
  });

  it("maps padded codes and names the unknown ones", () => {
    const state = code({ F0A: "ACTIVE", F0T: "BARRED" });
    expect(state.parse("F0A")).toBe("ACTIVE");
    expect(state.parse("F0T ")).toBe("BARRED");
    const unknown = state.safeParse("F0Z");
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]?.message).toMatch(/unknown code "F0Z"/);
    expect(state.safeParse("toString").success).toBe(false);
  });

  it("maps numeric codes and codes meaning false or null", () => {
    const method = code({ "1": "ON_SITE", "2": "PHONE" });
    expect(method.parse("2")).toBe("PHONE");
    expect(method.parse(1)).toBe("ON_SITE");
    expect(method.safeParse("9").error?.issues[0]?.message).toMatch(/unknown code "9"/);
    expect(method.safeParse("constructor").success).toBe(false);
    expect(code({ "0": false, "1": true }).parse("0")).toBe(false);
    expect(code({ "0": null }).parse("0")).toBeNull();
  });

  it("reads codes sent as numbers only when told, naming what they stand for", () => {
    const state = code({ 1: "UP", 9: "OUT_OF_SERVICE" }, { what: "line state", numbersOnly: true });
    expect(state.parse(9)).toBe("OUT_OF_SERVICE");
    expect(state.safeParse("9").success).toBe(false);
    expect(state.safeParse(7).error?.issues[0]?.message).toBe('unknown line state code "7" (known: 1, 9)');
    expect(state.safeParse(1.5).success).toBe(false);
  });
});

describe("carrierToday", () => {
  it("is the date in UTC+8, which runs ahead of UTC from 16:00 UTC", () => {
    expect(carrierToday(new Date("2026-11-23T15:59:59Z"))).toBe("2026-11-23");
    expect(carrierToday(new Date("2026-11-23T16:00:00Z"))).toBe("2026-11-24");
  });
});

describe("carrierDateTime", () => {
  it("writes an instant in UTC+8 with its offset, so from 16:00 UTC the date is the next day", () => {
    const evening = Date.parse("2026-11-14T18:00:00Z");
    expect(carrierDateTime(evening)).toBe("2026-11-15T02:00:00.000+08:00");
    expect(Date.parse(carrierDateTime(evening) as string)).toBe(evening);
    expect(carrierDateTime(Date.parse("2026-11-14T15:59:59.999Z"))).toBe("2026-11-14T23:59:59.999+08:00");
    expect(carrierDateTime(Date.parse("2026-11-14T16:00:00Z"))).toBe("2026-11-15T00:00:00.000+08:00");
    expect(carrierDateTime(Date.parse("2026-12-31T20:30:00.250Z"))).toBe("2027-01-01T04:30:00.250+08:00");
    expect(carrierDateTime(0)).toBe("1970-01-01T08:00:00.000+08:00");
  });

  it("writes what an RFC 3339 date-time with offset accepts", () => {
    const withOffset = z.string().datetime({ offset: true });
    for (const ms of [0, Date.parse("2026-11-14T18:00:00Z"), FIRST_CARRIER_INSTANT, LAST_CARRIER_INSTANT]) {
      expect(withOffset.safeParse(carrierDateTime(ms)).success).toBe(true);
    }
  });

  it("writes every instant up to the last of year 9999 in UTC+8, and none after", () => {
    expect(carrierDateTime(LAST_CARRIER_INSTANT)).toBe("9999-12-31T23:59:59.999+08:00");
    expect(carrierDateTime(LAST_CARRIER_INSTANT + 1)).toBeNull();
    expect(carrierDateTime(FIRST_CARRIER_INSTANT)).toBe("0000-01-01T00:00:00.000+08:00");
    expect(carrierDateTime(FIRST_CARRIER_INSTANT - 1)).toBeNull();
    // Date's own limits: shifting them by 8 hours would leave its range; they are past year 9999 anyway.
    expect(carrierDateTime(8_640_000_000_000_000)).toBeNull();
    expect(carrierDateTime(-8_640_000_000_000_000)).toBeNull();
  });

  it("answers null for what is no whole millisecond", () => {
    expect(carrierDateTime(1.5)).toBeNull();
    expect(carrierDateTime(Number.NaN)).toBeNull();
    expect(carrierDateTime(Number.POSITIVE_INFINITY)).toBeNull();
  });
});
