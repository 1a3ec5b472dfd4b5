import type { AccountBillingFacts } from "../facts.js";
import type { ScoringModel } from "../config.js";
import { scoreCredit, type ScoredCredit } from "./credit.js";
import { num } from "./format.js";

/**
 * 帐户信用度: the credit of one account, from that account's own billing alone (its bills and their
 * write-offs, payment method, credit limit or balance, the suspensions of the services it pays for), on the
 * customer credit model's factors and weights. Customer nature and equipment held are the customer's, not an
 * account's: they count at the neutral values of `credit.accountLevel`, saying so. The list follows the same
 * rules; grades set by hand are the customer's and do not apply here.
 */
export function assessAccountCredit(facts: AccountBillingFacts, asOf: string, model: ScoringModel): ScoredCredit {
  const neutral = model.credit.accountLevel;
  return scoreCredit({ asOf, billing: facts }, model, {
    customerKind: {
      value: neutral.customerKind,
      reason: `Customer nature is judged on the customer, not on one of its accounts: neutral ${num(neutral.customerKind)}.`,
    },
    productsHeld: {
      value: neutral.productsHeld,
      reason: `Equipment held is judged on all the customer's services, not on those one account pays for: neutral ${num(neutral.productsHeld)}.`,
    },
    who: "account",
  });
}
