import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_OFFER_RULES_PATH, loadOfferRules, OfferRulesConfigError, parseOfferRules, ruleOf } from "./offer-rules.js";

const shipped = () => structuredClone(loadOfferRules()) as unknown as Record<string, any>;

function rejection(mutate: (rules: Record<string, any>) => void): string {
  const rules = shipped();
  mutate(rules);
  try {
    parseOfferRules(rules);
  } catch (error) {
    expect(error).toBeInstanceOf(OfferRulesConfigError);
    return (error as Error).message;
  }
  throw new Error("the rules were accepted");
}

describe("offer rules", () => {
  it("ships rules that validate, keyed by billing's offer codes, with a default for the others", () => {
    const rules = loadOfferRules(DEFAULT_OFFER_RULES_PATH);
    expect(rules.spendMonths).toBe(12);
    expect(Object.keys(rules.offers).length).toBeGreaterThan(10);
    expect(ruleOf(rules, "YH0007")).toBe(rules.offers["YH0007"]);
    expect(ruleOf(rules, "YH9999")).toBe(rules.default);
  });

  it("names the offer and the setting at fault", () => {
    expect(rejection((r) => (r.offers.YH0004.minLines = -1))).toMatch(/offers\.YH0004\.minLines: .*>=0/);
    expect(rejection((r) => (r.offers.YH0007.minCreditLevel = "GOOD"))).toMatch(/offers\.YH0007\.minCreditLevel/);
    expect(rejection((r) => (r.offers.YH0001.customerKinds = ["PERSON"]))).toMatch(/offers\.YH0001\.customerKinds\.0/);
    expect(rejection((r) => delete r.offers.YH0003.product)).toMatch(/offers\.YH0003\.product/);
    expect(rejection((r) => (r.default.minSpendFen = 12.5))).toMatch(/default\.minSpendFen/);
    expect(rejection((r) => (r.offers.YH0021.maxSpendFen = "300000"))).toMatch(/offers\.YH0021\.maxSpendFen: .*number/);
  });

  it("rejects an unknown setting, a key that is no offer code, and bounds out of order", () => {
    expect(rejection((r) => (r.offers.YH0001.minLine = 2))).toMatch(/offers\.YH0001.*minLine/);
    expect(rejection((r) => (r.offers["yh-1"] = r.default))).toMatch(/offers\.yh-1: not an offer code/);
    expect(rejection((r) => Object.assign(r.offers.YH0004, { minLines: 5, maxLines: 2 }))).toMatch(/offers\.YH0004\.maxLines: maxLines must not be below minLines/);
    expect(rejection((r) => Object.assign(r.offers.YH0021, { minSpendFen: 400_000 }))).toMatch(/offers\.YH0021\.maxSpendFen: maxSpendFen must not be below minSpendFen/);
    expect(rejection((r) => (r.spendMonths = 0))).toMatch(/spendMonths/);
  });

  it("reports a file it cannot read or parse, naming the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "offers-"));
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    expect(() => loadOfferRules(broken)).toThrow(/cannot read offer rules .*broken\.json/);
    expect(() => loadOfferRules(join(dir, "absent.json"))).toThrow(/cannot read offer rules .*absent\.json/);
    const wrong = join(dir, "wrong.json");
    writeFileSync(wrong, JSON.stringify({ ...shipped(), default: {} }));
    expect(() => loadOfferRules(wrong)).toThrow(/offer rules .*wrong\.json: default\.product/);
  });
});
