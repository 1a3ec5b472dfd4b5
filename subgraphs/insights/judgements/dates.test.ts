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

  it("counts days as Date.UTC counts them, rolling over days and months out of range", () => {
    const two = (n: number) => String(n).padStart(2, "0");
    for (const year of [1900, 1970, 1999, 2000, 2023, 2024, 2026, 2100]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const iso = `${year}-${two(month)}-${two(day)}`;
          expect(dayNumber(iso), iso).toBe(Date.UTC(year, month - 1, day) / 86_400_000);
        }
      }
    }
    expect(() => dayNumber("2026-11")).toThrow("not an ISO date");
    expect(() => monthNumber("2026/11")).toThrow("not an ISO month");
  });
});
