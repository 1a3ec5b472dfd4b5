import { describe, expect, it } from "vitest";
import { BROADBAND, makeFacts, MOBILE } from "./fixtures.js";
import { assessOpenFaults } from "./open-faults.js";

const ticket = (serviceNo: string, openedAt: string, state: "OPEN" | "DISPATCHED" | "REPAIRED" | "CLOSED") => ({
  serviceNo,
  openedAt,
  closedAt: state === "CLOSED" ? "2026-11-01T10:00:00+08:00" : null,
  state,
});

describe("open faults", () => {
  it("counts the tickets not closed over all the customer's lines, naming the lines and the oldest", () => {
    const facts = makeFacts({
      network: {
        lines: [],
        activeAlarms: 0,
        tickets: [
          ticket(MOBILE, "2026-11-10T09:00:00+08:00", "OPEN"),
          ticket(BROADBAND, "2026-11-02T09:00:00+08:00", "DISPATCHED"),
          ticket(BROADBAND, "2026-11-05T09:00:00+08:00", "REPAIRED"),
          ticket(MOBILE, "2026-01-01T09:00:00+08:00", "CLOSED"),
        ],
      },
    });
    expect(assessOpenFaults(facts)).toEqual({ count: 3, unrepaired: 2, oldestOpenedAt: "2026-11-02T09:00:00+08:00", serviceNos: [BROADBAND, MOBILE].sort() });
  });

  it("compares opening times as instants, whatever offset each was written with", () => {
    const facts = makeFacts({
      network: { lines: [], activeAlarms: 0, tickets: [ticket(MOBILE, "2026-11-02T07:00:00+08:00", "OPEN"), ticket(MOBILE, "2026-11-01T23:30:00Z", "OPEN")] },
    });
    // 23:30 UTC on the 1st is 07:30 on the 2nd in UTC+8: after the first ticket.
    expect(assessOpenFaults(facts).oldestOpenedAt).toBe("2026-11-02T07:00:00+08:00");
  });

  it("has nothing to show for a customer without open tickets", () => {
    expect(assessOpenFaults(makeFacts())).toEqual({ count: 0, unrepaired: 0, oldestOpenedAt: null, serviceNos: [] });
  });
});
