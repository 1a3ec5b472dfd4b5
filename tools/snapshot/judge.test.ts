import { describe, expect, it } from "vitest";
import type { Customer } from "../../adapters/business-hall/port.js";
import { loadScoringModel } from "../../subgraphs/insights/config.js";
import { makeFacts, randomFacts, seededRandom } from "../../subgraphs/insights/judgements/fixtures.js";
import {
  assessAbnormal,
  assessArrears,
  assessChurnRisk,
  assessCredit,
  assessLoyalty,
  assessPotentialKeyAccount,
  assessRelationship,
  assessSatisfaction,
  assessValueTier,
} from "../../subgraphs/insights/judgements/index.js";
import type { FactsParts } from "./facts.js";
import { factsDigest, judgeCustomer, modelVersion } from "./judge.js";

const model = loadScoringModel();
const STAMP = "2026-11-30T00:00:00.000Z";

function customer(kind: Customer["kind"] = "BUSINESS"): Customer {
  return {
    id: "320100000042",
    name: "某某公司",
    kind,
    gender: null,
    birthYear: null,
    region: { code: "3201", name: "南京" },
    address: "南京市",
    phone: "02550000042",
    idDocument: { kind: "BUSINESS_LICENCE", number: "91320100000000042X" },
    occupation: null,
    industry: { code: "I64", name: "互联网" },
    education: null,
    category: "ORDINARY",
    createdAt: "2020-03-01T09:30:00+08:00",
  };
}

const partsOf = (facts: ReturnType<typeof makeFacts>): FactsParts => ({ profile: facts.profile, billing: facts.billing, network: facts.network, keyAccount: facts.keyAccount });

describe("a snapshot row", () => {
  it("holds what the insights subgraph's own functions judge on the same facts, over hundreds of random customers", () => {
    const random = seededRandom(8);
    for (let i = 0; i < 300; i++) {
      const facts = randomFacts(random);
      const row = judgeCustomer(customer(facts.profile.kind), partsOf(facts), facts.asOf, model, "d", STAMP);
      const credit = assessCredit(facts, model);
      const value = assessValueTier(facts, model);
      const arrears = assessArrears(facts, model);
      const oldestOwed = [...arrears.buckets].reverse().find((b) => b.amountFen > 0)?.label;
      expect(row).toMatchObject({
        creditScore: credit.score,
        creditLevel: credit.level,
        creditList: credit.list,
        blackListStatus: credit.blackListStatus,
        valueTier: value.tier,
        revenue12mFen: value.revenue12mFen,
        arpuFen: value.arpuFen,
        arpaFen: value.arpaFen,
        arrearsFen: arrears.totalFen,
        dunningStage: arrears.dunningStage,
        arrearsBucket: { undefined: "NONE", "0-30": "DAYS_0_30", "31-60": "DAYS_31_60", "61-90": "DAYS_61_90", "90+": "DAYS_OVER_90" }[String(oldestOwed)],
        loyaltyScore: assessLoyalty(facts, model).score,
        loyaltyLevel: assessLoyalty(facts, model).level,
        satisfactionScore: assessSatisfaction(facts, model).result?.score ?? null,
        satisfactionLevel: assessSatisfaction(facts, model).result?.level ?? null,
        relationshipStatus: assessRelationship(facts, model).status,
        potentialKeyAccount: assessPotentialKeyAccount(facts, model).potential,
        churnRiskLevel: assessChurnRisk(facts, model).level,
        abnormalFlags: assessAbnormal(facts, model).flags.map((f) => f.code).sort(),
        asOf: facts.asOf,
      });
      expect(row.arrearsBucket === "NONE").toBe(arrears.totalFen === 0);
    }
  });

  it("says whether a black-listed customer still holds a service billing has not removed, and nothing for others", () => {
    const blackListed = { level: "VERY_LOW" as const, list: "BLACK" as const, reason: "拆机后欠费未清", setBy: "XK3201001", setOn: "2026-10-01" };
    const held = makeFacts({ billing: { manualCredit: [blackListed] } });
    const gone = makeFacts({ billing: { manualCredit: [blackListed], services: held.billing.services.map((sv) => ({ ...sv, status: "REMOVED" as const })) } });
    const judge = (facts: ReturnType<typeof makeFacts>) => judgeCustomer(customer(), partsOf(facts), facts.asOf, model, "d", STAMP);
    expect(judge(held)).toMatchObject({ creditList: "BLACK", blackListStatus: "IN_SERVICE" });
    expect(judge(gone)).toMatchObject({ creditList: "BLACK", blackListStatus: "FORMER" });
    expect(judge(makeFacts()).blackListStatus).toBeNull();
  });

  it("keeps the hall's attributes: region, kind, industry, the products of lines not removed, the key-account relationship", () => {
    const facts = makeFacts({
      profile: {
        subscriptions: [
          { serviceNo: "02550000001", productCode: "FIXED_LINE", status: "REMOVED", startDate: "2020-01-01" },
          { serviceNo: "13300000001", productCode: "MOBILE", status: "ACTIVE", startDate: "2020-01-01" },
          { serviceNo: "13300000002", productCode: "MOBILE", status: "SINGLE_BARRED", startDate: "2020-01-01" },
          { serviceNo: "AD02500000002", productCode: "BROADBAND", status: "ACTIVE", startDate: "2020-01-01" },
        ],
      },
      keyAccount: { isKeyAccount: true, level: "MUNICIPAL", relationship: "COOPERATIVE" },
    });
    const row = judgeCustomer(customer("ENTERPRISE_KEY_ACCOUNT"), partsOf(facts), facts.asOf, model, "d", STAMP);
    expect(row).toMatchObject({ customerId: "320100000042", regionCode: "3201", kind: "ENTERPRISE_KEY_ACCOUNT", industryCode: "I64", education: null });
    expect(row.productCodes).toEqual(["BROADBAND", "MOBILE"]);
    expect(row.relationship).toBe("COOPERATIVE");
    expect(judgeCustomer(customer(), partsOf(makeFacts()), "2026-11-15", model, "d", STAMP).relationship).toBeNull();
  });

  it("leaves null exactly the judgements that read a part that could not be read", () => {
    const facts = makeFacts();
    const broken = { unreadable: "[network] malformed record line 7" };
    const noNetwork = judgeCustomer(customer(), { ...partsOf(facts), network: broken }, facts.asOf, model, "d", STAMP);
    expect(noNetwork).toMatchObject({ valueTier: null, revenue12mFen: null, arpuFen: null });
    expect(noNetwork.creditList).not.toBeNull();
    expect(noNetwork.arrearsBucket).toBe("NONE");

    const noBilling = judgeCustomer(customer(), { ...partsOf(facts), billing: broken }, facts.asOf, model, "d", STAMP);
    expect(noBilling).toMatchObject({ creditScore: null, creditList: null, blackListStatus: null, arrearsFen: null, arrearsBucket: null, dunningStage: null, loyaltyLevel: null, loyaltyScore: null, abnormalFlags: [] });
    // A customer holding lines reads billing for the potential key account; one who holds none does not.
    expect(noBilling.relationshipStatus).toBeNull();
    const allRemoved = facts.profile.subscriptions.map((sub) => ({ ...sub, status: "REMOVED" as const }));
    const former = judgeCustomer(customer(), { ...partsOf(facts), profile: { ...facts.profile, subscriptions: allRemoved }, billing: broken }, facts.asOf, model, "d", STAMP);
    expect(former.relationshipStatus).toBe("FORMER");
    expect(noBilling.satisfactionLevel).not.toBeNull();
    expect(noBilling.productCodes).toEqual(["BROADBAND", "MOBILE"]);

    const noProfile = judgeCustomer(customer(), { ...partsOf(facts), profile: broken, network: broken }, facts.asOf, model, "d", STAMP);
    expect(noProfile).toMatchObject({ creditList: null, satisfactionLevel: null, satisfactionScore: null, relationshipStatus: null, valueTier: null, productCodes: [], arrearsFen: 0, arrearsBucket: "NONE" });
  });
});

describe("the facts digest", () => {
  const facts = makeFacts();
  const version = modelVersion(model);
  const digest = (parts: FactsParts, asOf = facts.asOf, v = version, c = customer()) => factsDigest(c, parts, asOf, v);

  it("is the same for the same facts, and changes with any fact, the as-of date, the model or the hall's attributes", () => {
    expect(digest(partsOf(makeFacts()))).toBe(digest(partsOf(facts)));
    const changed = [
      digest({ ...partsOf(facts), billing: { ...facts.billing, dunning: [{ accountNo: "88025000000001", month: "2026-09", method: "MANUAL", attempt: 1, date: "2026-10-25", result: "REACHED" }] } }),
      digest({ ...partsOf(facts), network: { ...facts.network, activeAlarms: 1 } }),
      digest({ ...partsOf(facts), keyAccount: { unreadable: "[key-account] malformed" } }),
      digest(partsOf(facts), "2026-11-16"),
      digest(partsOf(facts), facts.asOf, modelVersion({ ...model, windowMonths: 6 })),
      digest(partsOf(facts), facts.asOf, version, { ...customer(), region: { code: "3202", name: "无锡" } }),
    ];
    expect(new Set([digest(partsOf(facts)), ...changed]).size).toBe(changed.length + 1);
  });
});
