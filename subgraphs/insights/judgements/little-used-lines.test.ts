import { describe, expect, it } from "vitest";
import type { ServiceUsageFacts } from "../../kit/usage-facts.js";
import { loadScoringModel } from "../config.js";
import { isoMonth, monthNumber } from "./dates.js";
import { AS_OF, BROADBAND, MOBILE, makeFacts, service } from "./fixtures.js";
import { littleUsedLines } from "./little-used-lines.js";

const model = loadScoringModel();
const SECOND = "13300000002";

/** A line's rated usage in each of the `months` closed months before the as-of month, oldest first by index. */
function monthly(serviceNo: string, months: number, fee: (i: number) => number, records = 40, asOf = AS_OF): ServiceUsageFacts["usage"] {
  const last = monthNumber(asOf) - 1;
  return Array.from({ length: months }, (_, i) => ({ serviceNo, month: isoMonth(last - months + 1 + i), records, feeFen: fee(i) }));
}

/** The usual customer's two lines, well used. */
const BUSY: ServiceUsageFacts = { usage: [...monthly(MOBILE, 12, () => 3_000), ...monthly(BROADBAND, 12, () => 6_000)] };

describe("lines installed but little used", () => {
  it("finds none when every line's own usage is well above the level", () => {
    expect(littleUsedLines(makeFacts(), BUSY, model)).toEqual([]);
  });

  it("finds a line billing rated no usage on, with the months it was held and why", () => {
    const facts = makeFacts({ billing: { services: [service(MOBILE, "MOBILE"), service(BROADBAND, "BROADBAND"), service(SECOND, "MOBILE", { startedOn: "2026-03-10" })] } });
    expect(littleUsedLines(facts, BUSY, model)).toEqual([
      {
        serviceNo: SECOND,
        product: "MOBILE",
        startedOn: "2026-03-10",
        monthsHeld: 8,
        billedFen: 0,
        usageRecords: 0,
        averageMonthlyFen: 0,
        reason: "Held since 2026-03-10; billing rated no usage on it in the last 8 months, under 1,000 fen a month.",
      },
    ]);
  });

  it("adds up each line's own usage over the window's months it was held, and finds those under the level", () => {
    const usage: ServiceUsageFacts = {
      usage: [
        ...BUSY.usage,
        // 600 fen a month over the window, and a big month before the window and one in the as-of month, neither counted.
        ...monthly(SECOND, 12, () => 600, 25),
        { serviceNo: SECOND, month: isoMonth(monthNumber(AS_OF) - 13), records: 900, feeFen: 90_000 },
        { serviceNo: SECOND, month: AS_OF.slice(0, 7), records: 900, feeFen: 90_000 },
      ],
    };
    const facts = makeFacts({ billing: { services: [service(MOBILE, "MOBILE"), service(BROADBAND, "BROADBAND"), service(SECOND, "FIXED_LINE")] } });
    const [line, ...others] = littleUsedLines(facts, usage, model);
    expect(others).toEqual([]);
    expect(line).toMatchObject({ serviceNo: SECOND, monthsHeld: 12, billedFen: 7_200, usageRecords: 300, averageMonthlyFen: 600 });
    expect(line?.reason).toBe("Held since 2020-03-01; billing rated 300 calls, sessions and messages on it in the last 12 months, charged 7,200 fen, 600 fen a month, under 1,000 fen a month.");
  });

  it("judges a line by its own usage alone, however large the bills of the account paying for it", () => {
    const usage = { usage: [...BUSY.usage, ...monthly(SECOND, 12, () => 100)] };
    const facts = makeFacts({ billing: { services: [service(MOBILE, "MOBILE"), service(BROADBAND, "BROADBAND"), service(SECOND, "MOBILE")] } });
    expect(littleUsedLines(facts, usage, model).map((l) => [l.serviceNo, l.billedFen])).toEqual([[SECOND, 1_200]]);
    expect(littleUsedLines(facts, { usage: [...BUSY.usage, ...monthly(SECOND, 12, () => 1_000)] }, model)).toEqual([]);
  });

  it("leaves out lines held too briefly, barred, removed, leased or not yet held on the as-of date", () => {
    const facts = makeFacts({
      billing: {
        services: [
          service(MOBILE, "MOBILE"),
          service(BROADBAND, "BROADBAND"),
          service(SECOND, "MOBILE", { startedOn: "2026-06-01" }),
          service("13300000003", "MOBILE", { barring: "SINGLE" }),
          service("13300000004", "MOBILE", { status: "REMOVED" }),
          service("13300000005", "MOBILE", { startedOn: "2019-01-01" }),
          service("02500000006", "LEASED_LINE"),
          service("13300000007", "MOBILE", { startedOn: "2026-11-20" }),
        ],
      },
    });
    expect(littleUsedLines(facts, BUSY, model).map((l) => l.serviceNo)).toEqual(["13300000005"]);
  });

  it("as of a past date, judges a line removed since, and not one installed since", () => {
    const asOf = "2026-05-15";
    const usage = { usage: [...monthly(MOBILE, 12, () => 3_000, 40, asOf), ...monthly(BROADBAND, 12, () => 6_000, 40, asOf)] };
    const facts = makeFacts({
      asOf,
      billing: { services: [service(MOBILE, "MOBILE", { status: "REMOVED" }), service(BROADBAND, "BROADBAND"), service(SECOND, "MOBILE", { startedOn: "2025-01-01" })] },
      profile: {
        workOrders: [
          { orderNo: "GD1", serviceNo: MOBILE, type: "REMOVAL", acceptedAt: "2026-08-01T10:00:00+08:00", completedOn: "2026-08-02", status: "COMPLETED", removalReason: "PRICE", competitor: null },
          { orderNo: "GD2", serviceNo: SECOND, type: "TRANSFER", acceptedAt: "2026-09-01T10:00:00+08:00", completedOn: "2026-09-01", status: "COMPLETED", removalReason: null, competitor: null },
        ],
      },
    });
    // The mobile was still held in May, and well used; the second line came to the customer in September.
    expect(littleUsedLines(facts, usage, model)).toEqual([]);
    const idle = { usage: monthly(BROADBAND, 12, () => 6_000, 40, asOf) };
    expect(littleUsedLines(facts, idle, model).map((l) => l.serviceNo)).toEqual([MOBILE]);
  });
});
