import { describe, expect, it } from "vitest";
import { LAST_CARRIER_INSTANT } from "../kit/values.js";
import { alarmRecord, lineRecord, ticketFactRecord, ticketRecord } from "./records.js";

/** Records as network management sends them, times in epoch ms. */
const line = (lastChange: unknown) => ({ accNum: "0999-00000001", lineState: 1, exchange: "JF9999001", port: "OLT1/S1/P1", lastChange });
const ticket = (openedAt: number, closedAt: number | null) => ({
  ticketNo: "GZ99990000000001",
  accNum: "0999-00000001",
  faultType: "NOISE",
  desc: "x",
  state: closedAt === null ? 10 : 40,
  openedAt,
  closedAt,
});

const EVENING = Date.parse("2026-11-14T18:00:00Z");
const NIGHT = Date.parse("2026-11-14T23:59:59.999Z");

function message(result: { error?: { issues: { message: string }[] } }): string | undefined {
  return result.error?.issues[0]?.message;
}

describe("network records' times", () => {
  it("are written in the carrier's zone, where 16:00–24:00 UTC is already the next day", () => {
    expect(lineRecord.parse(line(EVENING)).lastChangedAt).toBe("2026-11-15T02:00:00.000+08:00");
    expect(ticketRecord.parse(ticket(EVENING, NIGHT))).toMatchObject({
      openedAt: "2026-11-15T02:00:00.000+08:00",
      closedAt: "2026-11-15T07:59:59.999+08:00",
    });
    expect(ticketFactRecord.parse(ticket(EVENING, null))).toEqual({ openedAt: "2026-11-15T02:00:00.000+08:00", closedAt: null, state: "OPEN" });
    const alarm = { alarmId: "1", accNum: "0999-00000001", alarmCode: "LOS", severity: 1, raisedAt: EVENING, clearedAt: null };
    expect(alarmRecord.parse(alarm)).toMatchObject({ raisedAt: "2026-11-15T02:00:00.000+08:00", clearedAt: null });
  });

  it("run from the epoch to the last instant of year 9999 in the carrier's zone", () => {
    expect(lineRecord.parse(line(0)).lastChangedAt).toBe("1970-01-01T08:00:00.000+08:00");
    expect(lineRecord.parse(line(LAST_CARRIER_INSTANT)).lastChangedAt).toBe("9999-12-31T23:59:59.999+08:00");
    expect(message(lineRecord.safeParse(line(LAST_CARRIER_INSTANT + 1)))).toBe(
      `${LAST_CARRIER_INSTANT + 1} is later than the last instant of year 9999 in UTC+8 (${LAST_CARRIER_INSTANT})`,
    );
    // Date's own limit, once accepted, is refused the same way rather than overflowing.
    expect(message(lineRecord.safeParse(line(8_640_000_000_000_000)))).toMatch(/is later than the last instant of year 9999/);
    expect(lineRecord.safeParse(line(-1)).success).toBe(false);
    expect(lineRecord.safeParse(line(1.5)).success).toBe(false);
    expect(lineRecord.safeParse(line(null)).success).toBe(false);
  });

  it("still refuse an end before its start, compared as instants", () => {
    const result = ticketRecord.safeParse(ticket(EVENING, EVENING - 1));
    expect(result.error?.issues[0]).toMatchObject({ path: ["closedAt"], message: "closed before it was opened" });
    expect(ticketRecord.safeParse(ticket(EVENING, EVENING)).success).toBe(true);
  });
});
