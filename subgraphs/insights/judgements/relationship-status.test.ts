import { describe, expect, it } from "vitest";
import { loadScoringModel } from "../config.js";
import type { ProfileFacts } from "../facts.js";
import { BROADBAND, MOBILE, makeFacts, monthlyBills, survey } from "./fixtures.js";
import { assessRelationship } from "./relationship-status.js";

const model = loadScoringModel();
type Order = ProfileFacts["workOrders"][number];
type Subscription = ProfileFacts["subscriptions"][number];

const removal = (serviceNo: string, completedOn: string, removalReason: Order["removalReason"], competitor: Order["competitor"] = null): Order => ({
  orderNo: `GD${completedOn.replaceAll("-", "")}${serviceNo.slice(-4)}`,
  serviceNo,
  type: "REMOVAL",
  acceptedAt: `${completedOn}T09:00:00+08:00`,
  completedOn,
  status: "COMPLETED",
  removalReason,
  competitor,
});
const line = (serviceNo: string, status: Subscription["status"]): Subscription => ({ serviceNo, productCode: "MOBILE", status, startDate: "2020-03-01" });
const allRemoved = [line(MOBILE, "REMOVED"), line(BROADBAND, "REMOVED")];

describe("relationship status", () => {
  it("is CURRENT for a customer holding lines with no sign of a competitor, and says which facts it read", () => {
    const result = assessRelationship(makeFacts(), model);
    expect(result.status).toBe("CURRENT");
    expect(result.reason).toBe("Holds lines, with no sign of a competitor.");
    expect(result.facts).toEqual([
      "Holds 2 of the 2 lines on record with the business hall.",
      "No line removed.",
      "Newest usable survey (2026-06-01) shows no other carrier.",
      "Revenue 120,000 fen is below the potential band from 900,000 fen.",
    ]);
  });

  it("is FORMER when every line was removed for a reason other than a competitor", () => {
    const facts = makeFacts({ profile: { subscriptions: allRemoved, workOrders: [removal(MOBILE, "2026-02-01", "MOVED_AWAY"), removal(BROADBAND, "2026-04-01", null)] } });
    expect(assessRelationship(facts, model)).toMatchObject({ status: "FORMER", reason: "Held lines before and holds none now." });
    expect(assessRelationship(facts, model).facts[1]).toBe(`Newest removal: line ${BROADBAND} on 2026-04-01, no reason recorded.`);
  });

  it("is COMPETITORS when the last line went to a competitor, or the newest survey says they use one", () => {
    const toMobile = makeFacts({
      profile: { subscriptions: allRemoved, workOrders: [removal(MOBILE, "2026-02-01", "PRICE"), removal(BROADBAND, "2026-04-01", "COMPETITOR", "CHINA_UNICOM")] },
    });
    expect(assessRelationship(toMobile, model).status).toBe("COMPETITORS");
    expect(assessRelationship(toMobile, model).facts[1]).toBe(`Newest removal: line ${BROADBAND} on 2026-04-01, went to a competitor (China Unicom).`);
    const said = makeFacts({ profile: { subscriptions: allRemoved, surveys: [survey({ usesOtherCarrier: true })], workOrders: [removal(MOBILE, "2026-02-01", "OTHER")] } });
    expect(assessRelationship(said, model).status).toBe("COMPETITORS");
  });

  it("is SHARED_WITH_COMPETITOR for a holder whose survey names another carrier, or who lost a line to one within the year", () => {
    expect(assessRelationship(makeFacts({ profile: { surveys: [survey({ usesOtherCarrier: true })] } }), model).status).toBe("SHARED_WITH_COMPETITOR");
    const recent = makeFacts({ profile: { workOrders: [removal("13300000009", "2026-01-10", "COMPETITOR", "CHINA_MOBILE")] } });
    expect(assessRelationship(recent, model)).toMatchObject({
      status: "SHARED_WITH_COMPETITOR",
      reason: "Holds lines, and line 13300000009 went to a competitor on 2026-01-10, within 12 months.",
    });
    const old = makeFacts({ profile: { workOrders: [removal("13300000009", "2025-11-14", "COMPETITOR", "CHINA_MOBILE")] } });
    expect(assessRelationship(old, model).status).toBe("CURRENT");
  });

  it("is POTENTIAL for a potential key account holding lines, and for a customer who never held a line", () => {
    const band = makeFacts({ billing: { bills: monthlyBills(12, () => 78_000) } });
    expect(assessRelationship(band, model)).toMatchObject({ status: "POTENTIAL", reason: "Holds lines and is a potential key account." });
    const prospect = makeFacts({ profile: { subscriptions: [], surveys: [] } });
    expect(assessRelationship(prospect, model)).toMatchObject({ status: "POTENTIAL", reason: "Registered with the business hall but never held a line." });
  });

  it("reads billing and the key-account system only when the customer holds lines", () => {
    const facts = makeFacts({ profile: { subscriptions: allRemoved } });
    const hallOnly = { ...facts, get billing(): never { throw new Error("billing read") }, get keyAccount(): never { throw new Error("key account read") } };
    expect(assessRelationship(hallOnly, model).status).toBe("FORMER");
  });
});
