import { describe, expect, it } from "vitest";
import { loadScoringModel } from "../config.js";
import type { ProfileFacts } from "../facts.js";
import { churnEvents, usageFall } from "./churn-events.js";
import { BROADBAND, MOBILE, makeFacts, monthlyBills, survey } from "./fixtures.js";

const shipped = loadScoringModel();
/** The rule at half the usual level, whatever the shipped model says, so the numbers below stay put. */
const model = { ...shipped, churnEvents: { usageFall: { baselineMonths: 3, belowShare: 0.5, minMonths: 6 } } };
type Order = ProfileFacts["workOrders"][number];

const order = (overrides: Partial<Order>): Order => ({
  orderNo: "GD202601010000000001",
  serviceNo: MOBILE,
  type: "REMOVAL",
  acceptedAt: "2026-03-01T10:00:00+08:00",
  completedOn: "2026-03-03",
  status: "COMPLETED",
  removalReason: "PRICE",
  competitor: null,
  ...overrides,
});

describe("churn events", () => {
  it("has none for a customer who kept their lines, their usage and no other carrier", () => {
    expect(churnEvents(makeFacts(), model)).toEqual([]);
  });

  it("takes completed removals and moves from the hall's work orders, with their reasons, newest first", () => {
    const facts = makeFacts({
      profile: {
        workOrders: [
          order({ type: "INSTALLATION", removalReason: null, completedOn: "2020-03-01" }),
          order({ orderNo: "GD2", serviceNo: BROADBAND, type: "MOVE", removalReason: null, completedOn: "2026-05-20" }),
          order({ orderNo: "GD3", removalReason: "COMPETITOR", competitor: "CHINA_MOBILE", completedOn: "2026-09-30" }),
          order({ orderNo: "GD4", type: "MOVE", removalReason: null, status: "CANCELLED", completedOn: null }),
          order({ orderNo: "GD5", status: "DISPATCHED", completedOn: null }),
          order({ orderNo: "GD6", completedOn: "2026-11-16" }),
        ],
      },
    });
    expect(churnEvents(facts, model)).toEqual([
      {
        kind: "REMOVAL",
        on: "2026-09-30",
        serviceNo: MOBILE,
        workOrderNo: "GD3",
        removalReason: "COMPETITOR",
        competitor: "CHINA_MOBILE",
        reason: `Line ${MOBILE} removed on 2026-09-30 (work order GD3): went to a competitor (China Mobile).`,
      },
      {
        kind: "MOVE",
        on: "2026-05-20",
        serviceNo: BROADBAND,
        workOrderNo: "GD2",
        removalReason: null,
        competitor: null,
        reason: `Line ${BROADBAND} moved on 2026-05-20 (work order GD2).`,
      },
    ]);
  });

  it("makes each survey saying the customer uses another carrier an event, up to the as-of date", () => {
    const facts = makeFacts({
      profile: {
        surveys: [
          survey({ surveyDate: "2026-12-01", usesOtherCarrier: true }),
          survey({ surveyDate: "2026-07-01", usesOtherCarrier: true }),
          survey({ surveyDate: "2025-02-01", usesOtherCarrier: false }),
          survey({ surveyDate: "2020-02-01", usesOtherCarrier: true }),
        ],
      },
    });
    expect(churnEvents(facts, model).map((e) => [e.kind, e.on, e.reason])).toEqual([
      ["COMPETITOR", "2026-07-01", "Survey of 2026-07-01 says they also use another carrier."],
      ["COMPETITOR", "2020-02-01", "Survey of 2020-02-01 says they also use another carrier."],
    ]);
  });

  it("dates a fall of usage to the first month below half the usual level that stays below", () => {
    // Twelve months oldest first: usual 10,000; a dip at month 5 that recovers, then below from month 8 on.
    const amounts = [10_000, 9_000, 11_000, 10_000, 4_000, 10_000, 9_500, 4_900, 3_000, 4_000, 2_000, 1_000];
    const facts = makeFacts({ billing: { bills: monthlyBills(12, (i) => amounts[i] as number) } });
    const fall = usageFall(facts, model);
    expect(fall).toMatchObject({ kind: "USAGE_FALL", on: "2026-06-01", serviceNo: null });
    expect(fall?.reason).toBe("Billed 4,900 fen in 2026-06, below 50% of the usual 10,000 fen (median of 2025-11…2026-01), and below it in the 4 billed months since.");
    expect(churnEvents(facts, model).map((e) => e.kind)).toEqual(["USAGE_FALL"]);
  });

  it("sees no fall when the newest month recovers, with too few months, or without a usual level", () => {
    const recovered = [10_000, 10_000, 10_000, 4_000, 3_000, 10_000];
    expect(usageFall(makeFacts({ billing: { bills: monthlyBills(6, (i) => recovered[i] as number) } }), model)).toBeNull();
    expect(usageFall(makeFacts({ billing: { bills: monthlyBills(5, (i) => (i < 3 ? 10_000 : 100)) } }), model)).toBeNull();
    expect(usageFall(makeFacts({ billing: { bills: monthlyBills(8, (i) => (i < 3 ? 0 : 0)) } }), model)).toBeNull();
    expect(usageFall(makeFacts({ billing: { bills: monthlyBills(6, (i) => (i < 3 ? 10_000 : 4_999)) } }), model)?.on).toBe("2026-08-01");
  });
});
