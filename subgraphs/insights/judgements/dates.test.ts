import { describe, expect, it } from "vitest";
import { addMonths, daysBetween, dayNumber, isoMonth, monthNumber } from "./dates.js";

describe("calendar helpers", () => {
  it("counts days on the calendar date a timestamp was recorded in", () => {
    expect(daysBetween("2026-11-01", "2026-11-15")).toBe(14);
    expect(dayNumber("2026-11-15T23:30:00+08:00")).toBe(dayNumber("2026-11-15"));
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
  });

  it("steps months back to the month's last day when needed", () => {
    expect(addMonths("2026-11-15", -12)).toBe("2025-11-15");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
  });

  it("numbers months across years", () => {
    expect(monthNumber("2026-01") - monthNumber("2025-12")).toBe(1);
    expect(isoMonth(monthNumber("2026-11-15") - 12)).toBe("2025-11");
  });
});
