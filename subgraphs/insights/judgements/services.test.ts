import { describe, expect, it } from "vitest";
import { loadScoringModel } from "../config.js";
import type { ProfileFacts } from "../facts.js";
import { assessCredit } from "./credit.js";
import { BROADBAND, MOBILE, makeFacts, monthlyBills, service } from "./fixtures.js";
import { assessRelationship } from "./relationship-status.js";
import { revenueTrend } from "./revenue-trend.js";
import { heldServices, removedServices, servicesAsOf, subscriptionsAsOf } from "./services.js";
import { assessValueTier } from "./value-tier.js";

const model = loadScoringModel();
type Order = ProfileFacts["workOrders"][number];

/** A past as-of date: the hall's orders after it happened later. */
const PAST = "2026-05-15";
const SECOND = "13300000002";
const order = (serviceNo: string, type: Order["type"], completedOn: string | null, status: Order["status"] = "COMPLETED"): Order => ({
  orderNo: `GD${type.slice(0, 2)}${serviceNo.slice(-4)}`,
  serviceNo,
  type,
  acceptedAt: "2026-01-01T09:00:00+08:00",
  completedOn,
  status,
  removalReason: type === "REMOVAL" ? "PRICE" : null,
  competitor: null,
});

/**
 * Now: the mobile removed in August, the broadband held, a fixed line installed in September. In May the
 * customer held the mobile and the broadband, and not yet the fixed line.
 */
function lateChanges(asOf: string) {
  return makeFacts({
    asOf,
    billing: {
      bills: monthlyBills(12, () => 12_000, asOf),
      services: [service(MOBILE, "MOBILE", { status: "REMOVED" }), service(BROADBAND, "BROADBAND", { startedOn: "2021-06-01" }), service(SECOND, "FIXED_LINE", { startedOn: "2026-09-03" })],
    },
    profile: {
      subscriptions: [
        { serviceNo: MOBILE, productCode: "MOBILE", status: "REMOVED", startDate: "2020-03-01" },
        { serviceNo: BROADBAND, productCode: "BROADBAND", status: "ACTIVE", startDate: "2021-06-01" },
        { serviceNo: SECOND, productCode: "FIXED_LINE", status: "ACTIVE", startDate: "2026-09-03" },
      ],
      workOrders: [order(MOBILE, "INSTALLATION", "2020-03-01"), order(MOBILE, "REMOVAL", "2026-08-02"), order(SECOND, "INSTALLATION", "2026-09-03")],
    },
  });
}

const numbers = (services: { serviceNo: string }[]) => services.map((s) => s.serviceNo);

describe("services held on the as-of date", () => {
  it("as of now are billing's services as billing holds them now", () => {
    const facts = lateChanges("2026-11-15");
    expect(numbers(heldServices(facts))).toEqual([BROADBAND, SECOND]);
    expect(numbers(removedServices(facts))).toEqual([MOBILE]);
  });

  it("as of a past date count a service removed since as held, and leave out one installed since", () => {
    const facts = lateChanges(PAST);
    expect(servicesAsOf(facts)).toEqual({ HELD: [facts.billing.services[0], facts.billing.services[1]], REMOVED: [] });
    expect(numbers(subscriptionsAsOf(facts).HELD)).toEqual([MOBILE, BROADBAND]);
    expect(subscriptionsAsOf(facts).REMOVED).toEqual([]);
  });

  it("take the hall's date over billing's state only for completed orders, and leave a removal without a dated order removed", () => {
    const facts = makeFacts({
      asOf: PAST,
      billing: { services: [service(MOBILE, "MOBILE", { status: "REMOVED" }), service(BROADBAND, "BROADBAND", { status: "REMOVED" }), service(SECOND, "MOBILE", { startedOn: "2019-01-01" })] },
      profile: {
        workOrders: [order(MOBILE, "REMOVAL", null, "DISPATCHED"), order(BROADBAND, "REMOVAL", "2026-03-01"), order(SECOND, "TRANSFER", "2026-07-01")],
      },
    });
    // The mobile's removal order is not dated (still dispatched), the broadband went before May, the second line was transferred in later.
    expect(servicesAsOf(facts)).toEqual({ HELD: [], REMOVED: [facts.billing.services[0], facts.billing.services[1]] });
  });

  it("feed products held, the ARPU divisor, cost to serve, the revenue trend and the black list as of the date", () => {
    const now = lateChanges("2026-11-15");
    const then = lateChanges(PAST);
    const productsHeld = (facts: typeof now) => assessCredit(facts, model).factors.find((f) => f.name === "productsHeld")?.reason;
    expect(productsHeld(then)).toMatch(/^Holds 2 services of 2 kinds \(BROADBAND, MOBILE\)/);
    expect(productsHeld(now)).toMatch(/^Holds 2 services of 2 kinds \(BROADBAND, FIXED_LINE\)/);
    // The mobile removed since still cost its months in May, the fixed line none yet.
    expect(assessValueTier(then, model).costToServeFen).toBe(12 * (model.value.monthlyCostFen.MOBILE + model.value.monthlyCostFen.BROADBAND));
    // Without the fixed line: 12,000 fen a month over the two services held in May, over the broadband alone now.
    const [thenTwo, nowOne] = [then, now].map((facts) => ({ ...facts, billing: { ...facts.billing, services: facts.billing.services.filter((s) => s.serviceNo !== SECOND) } }));
    expect([assessValueTier(thenTwo!, model).arpuFen, assessValueTier(nowOne!, model).arpuFen]).toEqual([6_000, 12_000]);
    expect([revenueTrend(thenTwo!, 1)[0]?.arpuFen, revenueTrend(nowOne!, 1)[0]?.arpuFen]).toEqual([6_000, 12_000]);
    const black = (asOf: string) => {
      const facts = lateChanges(asOf);
      facts.billing.services = facts.billing.services.filter((s) => s.serviceNo === MOBILE);
      facts.billing.manualCredit = [{ level: "VERY_LOW", list: "BLACK", reason: "欠费", setBy: "XK1", setOn: "2026-01-01" }];
      return assessCredit(facts, model).blackListStatus;
    };
    expect([black(PAST), black("2026-11-15")]).toEqual(["IN_SERVICE", "FORMER"]);
  });

  it("feed the relationship status: lines held then, not lines installed since", () => {
    const facts = lateChanges(PAST);
    expect(assessRelationship(facts, model).facts[0]).toBe("Holds 2 of the 2 lines on record with the business hall.");
    const beforeAny = makeFacts({
      asOf: "2019-06-30",
      profile: { workOrders: [order(MOBILE, "INSTALLATION", "2020-03-01"), order(BROADBAND, "INSTALLATION", "2021-06-01")] },
    });
    expect(assessRelationship(beforeAny, model)).toMatchObject({ status: "POTENTIAL", reason: "Registered with the business hall but never held a line." });
  });
});
