import { describe, expect, it } from "vitest";
import { loadScoringModel } from "../config.js";
import { makeFacts, survey } from "./fixtures.js";
import { assessSatisfaction } from "./satisfaction.js";

const model = loadScoringModel();
const withSurveys = (...surveys: ReturnType<typeof survey>[]) => makeFacts({ profile: { surveys } });

describe("satisfaction", () => {
  it("maps the nine answers of the newest survey onto 0–100 in three groups", () => {
    const { result, reason } = assessSatisfaction(makeFacts(), model);
    expect(reason).toBeNull();
    expect(result?.score).toBe(80);
    expect(result?.label).toBe("SATISFIED");
    expect(result?.level).toBe("HIGH");
    expect(result?.factors.map((f) => f.name)).toEqual([
      "image",
      "attitude",
      "serviceQuality",
      "care",
      "reliability",
      "timeliness",
      "security",
      "qualityForPrice",
      "priceForQuality",
    ]);
    expect(result?.groups).toEqual([
      { group: "SERVICE", contribution: 32 },
      { group: "QUALITY", contribution: 28 },
      { group: "VALUE", contribution: 20 },
    ]);
    expect(result?.factors[0]?.reason).toBe("Rated the carrier's image (service) 4 of 5: 80.");
  });

  it("lands each answer on the lower bound of the seed's matching level", () => {
    const throughout = (answer: number) => assessSatisfaction(withSurveys(survey({}, answer)), model).result;
    expect(throughout(5)).toMatchObject({ score: 100, label: "VERY_SATISFIED" });
    expect(throughout(4)).toMatchObject({ score: 80, label: "SATISFIED" });
    expect(throughout(3)).toMatchObject({ score: 60, label: "BASICALLY_SATISFIED" });
    expect(throughout(2)).toMatchObject({ score: 40, label: "DISSATISFIED" });
    expect(throughout(1)).toMatchObject({ score: 20, label: "VERY_DISSATISFIED" });
  });

  it("weighs the answers and cuts the levels at 95/80/60/40", () => {
    // Reliability weighs 0.15: all 4 but reliability 5 is 80 + 0.15 × 20.
    expect(assessSatisfaction(withSurveys(survey({ reliability: 5 })), model).result).toMatchObject({ score: 83, label: "SATISFIED" });
    expect(assessSatisfaction(withSurveys(survey({ image: 4, reliability: 4 }, 5)), model).result).toMatchObject({ score: 95, label: "VERY_SATISFIED" });
    expect(assessSatisfaction(withSurveys(survey({ reliability: 3 }, 5)), model).result).toMatchObject({ score: 94, label: "SATISFIED" });
    expect(assessSatisfaction(withSurveys(survey({ qualityForPrice: 2 }, 3)), model).result).toMatchObject({ score: 57.5, label: "DISSATISFIED" });
  });

  it("takes a hundred-point survey's answers as the factors' values", () => {
    const hundred = survey({ scale: "HUNDRED_POINT", reliability: 100, qualityForPrice: 0 }, 70);
    const { result } = assessSatisfaction(withSurveys(hundred), model);
    // 0.75 of the weight at 70, reliability (0.15) at 100, quality for price (0.125) at 0.
    expect(result?.score).toBe(0.725 * 70 + 15);
    expect(result?.level).toBe("MEDIUM");
    expect(result?.factors.find((f) => f.name === "reliability")?.reason).toBe("Rated reliability (quality) 100 of 100.");
    expect(result?.factors.find((f) => f.name === "qualityForPrice")).toMatchObject({ value: 0, contribution: 0 });
    // The newest survey decides, whatever its scale.
    const older = survey({ surveyDate: "2026-01-10" }, 5);
    expect(assessSatisfaction(withSurveys(older, { ...hundred, surveyDate: "2026-10-01" }), model).result?.surveyDate).toBe("2026-10-01");
  });

  it("uses the newest survey answered by the reference date, whatever the order", () => {
    const older = survey({ surveyDate: "2026-01-10" }, 2);
    const newer = survey({ surveyDate: "2026-09-01" }, 5);
    const future = survey({ surveyDate: "2026-12-01" }, 1);
    const { result } = assessSatisfaction(withSurveys(older, future, newer), model);
    expect(result?.surveyDate).toBe("2026-09-01");
    expect(result?.score).toBe(100);
  });

  it("is null with a reason when there is no survey", () => {
    expect(assessSatisfaction(withSurveys(), model)).toEqual({ result: null, reason: "No satisfaction survey on record." });
    expect(assessSatisfaction(withSurveys(survey({ surveyDate: "2027-01-01" })), model).result).toBeNull();
  });

  it("is null with a reason when the newest survey is too old to speak for the customer", () => {
    const { result, reason } = assessSatisfaction(withSurveys(survey({ surveyDate: "2024-11-14" })), model);
    expect(result).toBeNull();
    expect(reason).toBe("Newest survey (2024-11-14) is 731 days old; surveys older than 730 days are not used.");
    expect(assessSatisfaction(withSurveys(survey({ surveyDate: "2024-11-15" })), model).result?.score).toBe(80);
  });
});
