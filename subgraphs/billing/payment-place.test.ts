import { describe, expect, it } from "vitest";
import type { Payment, PaymentPlace } from "../../adapters/billing/port.js";
import { placesUsed, windowStart } from "./payment-place.resolver.js";

const hall: PaymentPlace = { code: "3201H001", name: "南京鼓楼营业厅", kind: "BUSINESS_HALL", localNetwork: "3201", bankId: null };
const agent: PaymentPlace = { code: "3201A003", name: "玄武区中山路代办点", kind: "AGENT_POINT", localNetwork: "3201", bankId: null };
const branch: PaymentPlace = { code: "3201B001", name: "中国工商银行南京鼓楼支行", kind: "BANK_BRANCH", localNetwork: "3201", bankId: "0102" };

let serial = 0;
const paid = (paidOn: string, place: PaymentPlace | null, amountFen = 1000): Payment => ({
  paymentId: String(++serial),
  accountNo: "88320100000010",
  billNo: null,
  amountFen,
  paidOn,
  channel: place === null ? "WEB" : place.kind === "BANK_BRANCH" ? "BANK" : "HALL",
  place,
});

describe("where a customer pays", () => {
  it("counts the payments with a place in the window by place, most used first, then the most recent, then by code", () => {
    const payments = [
      paid("2026-10-03", hall, 3000),
      paid("2026-09-02", hall, 2000),
      paid("2026-11-01", agent),
      paid("2026-08-20", branch),
      paid("2026-11-10", null),
      paid("2025-11-30", branch),
      paid("2026-11-16", branch),
    ];
    expect(placesUsed(payments, "2025-12-01", "2026-11-15")).toEqual([
      { place: hall, payments: 2, amountFen: 5000, lastPaidOn: "2026-10-03" },
      { place: agent, payments: 1, amountFen: 1000, lastPaidOn: "2026-11-01" },
      { place: branch, payments: 1, amountFen: 1000, lastPaidOn: "2026-08-20" },
    ]);
    expect(placesUsed([paid("2026-05-01", branch), paid("2026-05-01", agent)], "2026-01-01", "2026-12-31").map((u) => u.place.code)).toEqual(["3201A003", "3201B001"]);
    expect(placesUsed([paid("2026-11-10", null)], "2025-12-01", "2026-11-15")).toEqual([]);
  });

  it("starts the window on the first day of the month months − 1 before the as-of month", () => {
    expect(windowStart("2026-11-15", 12)).toBe("2025-12-01");
    expect(windowStart("2026-11-15", 1)).toBe("2026-11-01");
    expect(windowStart("2026-03-31", 3)).toBe("2026-01-01");
    expect(windowStart("2026-01-31", 120)).toBe("2016-02-01");
  });
});
