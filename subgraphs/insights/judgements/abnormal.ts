import type { CustomerFacts } from "../facts.js";
import type { ScoringModel } from "../config.js";
import { assessArrears } from "./arrears.js";
import { assessCredit } from "./credit.js";
import { fen, num } from "./format.js";
import { median, monthlyTotals } from "./usage.js";
import { windowOf } from "./window.js";

export type AbnormalCode = "SPEND_FAR_ABOVE_NORMAL" | "SPEND_FAR_BELOW_NORMAL" | "SUDDEN_CHANGE" | "BLACK_LIST" | "ARREARS_OVER_LIMIT";

export interface AbnormalResult {
  flags: { code: AbnormalCode; reason: string }[];
}

/**
 * Abnormal customers (seed 3.2.1.8), detected automatically: spending far from the customer's own
 * normal, a sudden jump or drop from one month to the next, the black list, arrears over the limit for
 * the kind of customer. Flags come in the order of the codes above.
 */
export function assessAbnormal(facts: CustomerFacts, model: ScoringModel): AbnormalResult {
  const flags: AbnormalResult["flags"] = [...spendFlags(facts, model)];
  const credit = assessCredit(facts, model);
  if (credit.list === "BLACK") flags.push({ code: "BLACK_LIST", reason: `On the credit black list: ${credit.listReason}` });
  const arrears = assessArrears(facts, model);
  const limit = model.abnormal.arrearsLimitFen[facts.profile.kind];
  if (arrears.totalFen > limit) {
    const reason = `Arrears of ${fen(arrears.totalFen)} exceed the ${facts.profile.kind} limit of ${fen(limit)}.`;
    flags.push({ code: "ARREARS_OVER_LIMIT", reason });
  }
  return { flags };
}

/**
 * The newest billed month against the median of the earlier months of the window (the median, so one
 * odd month in the history does not move "normal"), and against the month billed just before it.
 */
function spendFlags(facts: CustomerFacts, model: ScoringModel): AbnormalResult["flags"] {
  const rules = model.abnormal;
  const totals = monthlyTotals(facts, windowOf(facts, model));
  const latest = totals.at(-1);
  const history = totals.slice(0, -1);
  if (!latest || history.length < rules.minHistoryMonths) return [];
  const flags: AbnormalResult["flags"] = [];
  const normal = median(history.map((t) => t.amountFen));
  if (normal > 0) {
    const ratio = latest.amountFen / normal;
    const versus = `${latest.label} billed ${fen(latest.amountFen)}, ${num(ratio)} × the median ${fen(normal)} of ${history.length} earlier months`;
    if (ratio >= rules.farAboveRatio) flags.push({ code: "SPEND_FAR_ABOVE_NORMAL", reason: `${versus} (limit ${num(rules.farAboveRatio)} ×).` });
    if (ratio <= rules.farBelowRatio) flags.push({ code: "SPEND_FAR_BELOW_NORMAL", reason: `${versus} (limit ${num(rules.farBelowRatio)} ×).` });
  }
  const previous = history.at(-1) as (typeof history)[number];
  const factor = rules.suddenChangeFactor;
  if (previous.amountFen > 0 && (latest.amountFen >= previous.amountFen * factor || latest.amountFen * factor <= previous.amountFen)) {
    flags.push({
      code: "SUDDEN_CHANGE",
      reason:
        `${latest.label} billed ${fen(latest.amountFen)} after ${fen(previous.amountFen)} in ${previous.label}: ` +
        `changed by a factor of ${num(factor)} or more.`,
    });
  }
  return flags;
}
