import { describe, expect, it } from "vitest";
import { loadScoringModel } from "../config.js";
import type { AccountBillingFacts } from "../facts.js";
import { assessAccountCredit } from "./account-credit.js";
import { assessCredit } from "./credit.js";
import { ACCOUNT, AS_OF, makeFacts, MOBILE, randomFacts, seededRandom } from "./fixtures.js";

const model = loadScoringModel();

/** The hand-made customer's billing as the facts of its one account. */
function accountFacts(patch: Partial<AccountBillingFacts> = {}): AccountBillingFacts {
  return { ...makeFacts().billing, accountNo: ACCOUNT, customerId: "025000000001", ...patch };
}

describe("account-level credit (帐户信用度)", () => {
  it("scores the account's own billing on the customer model's factors, the customer's two at their neutral values", () => {
    const credit = assessAccountCredit(accountFacts(), AS_OF, model);
    expect(credit.factors.map((f) => [f.name, f.weight, f.value, f.contribution])).toEqual([
      ["customerKind", 0.1, 50, 5],
      ["paymentMethod", 0.1, 90, 9],
      ["productsHeld", 0.1, 50, 5],
      ["paymentTimeliness", 0.35, 100, 35],
      ["currentCharges", 0.15, 100, 15],
      ["stains", 0.2, 100, 20],
    ]);
    expect(credit.score).toBe(89);
    expect(credit).toMatchObject({ level: "HIGH", list: "RED", listReason: "Score 89 reaches 80." });
    expect(credit.factors[0]?.reason).toBe("Customer nature is judged on the customer, not on one of its accounts: neutral 50.");
    expect(credit.factors[2]?.reason).toBe("Equipment held is judged on all the customer's services, not on those one account pays for: neutral 50.");
  });

  it("gives the billing factors exactly what the customer credit gives them from the same billing", () => {
    const facts = makeFacts();
    const customer = assessCredit(facts, model).factors;
    const account = assessAccountCredit(accountFacts(), AS_OF, model).factors;
    for (const name of ["paymentMethod", "paymentTimeliness", "currentCharges", "stains"]) {
      expect(account.find((f) => f.name === name)).toEqual(customer.find((f) => f.name === name));
    }
  });

  it("puts an account whose service was used illegally on the black list, naming the account", () => {
    const suspensions = [{ serviceNo: MOBILE, reason: "ILLEGAL_USE" as const, from: "2026-10-01", until: null }];
    const credit = assessAccountCredit(accountFacts({ suspensions }), AS_OF, model);
    expect(credit.list).toBe("BLACK");
    expect(credit.listReason).toBe(`ILLEGAL_USE suspension of ${MOBILE} from 2026-10-01 (still active) puts the account on the black list.`);
  });

  it("adds its contributions up to its score on random billing", () => {
    const random = seededRandom(29);
    for (let run = 0; run < 300; run++) {
      const facts = randomFacts(random);
      const credit = assessAccountCredit({ ...facts.billing, manualCredit: [], accountNo: ACCOUNT, customerId: facts.customerId }, facts.asOf, model);
      const sum = credit.factors.reduce((total, f) => total + Math.round(f.contribution * 100), 0);
      expect(sum).toBe(Math.round(credit.score * 100));
      expect(credit.score).toBeGreaterThanOrEqual(0);
      expect(credit.score).toBeLessThanOrEqual(100);
    }
  });
});
