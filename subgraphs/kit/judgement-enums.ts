import type { AbnormalCode, CreditList, DunningStage, ScoreLevel, ValueTier } from "../../adapters/snapshot/port.js";
import { ARREARS_BUCKETS, BLACK_LIST_STATUSES } from "../../adapters/snapshot/port.js";
import { graphqlEnum } from "./enums.js";

/**
 * The judgements' enums, registered once for every subgraph that names them: insights answers with
 * them and profile filters on them, and federation wants an enum used as input to be the same
 * everywhere. The values are the snapshot port's unions, checked complete.
 */

/** A port's union as a list; a value the union has and the list lacks fails type-checking. */
const complete =
  <T extends string>() =>
  <const V extends readonly T[]>(values: V & ([Exclude<T, V[number]>] extends [never] ? unknown : { missing: Exclude<T, V[number]> })): V =>
    values;

export const SCORE_LEVELS = complete<ScoreLevel>()(["VERY_HIGH", "HIGH", "MEDIUM", "LOW", "VERY_LOW"]);
export const CREDIT_LISTS = complete<CreditList>()(["RED", "GREY", "BLACK"]);
export const VALUE_TIERS = complete<ValueTier>()(["LOW_LET_GO", "LOW_KEEP", "ORDINARY", "HIGH", "IMPORTANT"]);
export const DUNNING_STAGES = complete<DunningStage>()(["NONE", "REMINDER", "PARTIAL_BARRING", "FULL_BARRING", "PRE_CANCELLATION", "WRITE_OFF"]);
export const ABNORMAL_CODES = complete<AbnormalCode>()(["SPEND_FAR_ABOVE_NORMAL", "SPEND_FAR_BELOW_NORMAL", "SUDDEN_CHANGE", "BLACK_LIST", "ARREARS_OVER_LIMIT"]);

export const ScoreLevelEnum = graphqlEnum("ScoreLevel", SCORE_LEVELS, "Five levels on the cut points 95 / 80 / 60 / 40 (churn risk: its own, see docs/scoring.md).");
export const CreditListEnum = graphqlEnum("CreditList", CREDIT_LISTS, "红名单 good · 灰名单 ordinary · 黑名单 bad.");
export const BlackListStatusEnum = graphqlEnum(
  "BlackListStatus",
  BLACK_LIST_STATUSES,
  "Which of the seed's two black lists a black-listed customer is on: IN_SERVICE (在用客户黑名单) still holds a service billing has not removed; FORMER (非在用客户黑名单) holds none.",
);
export const CustomerValueTierEnum = graphqlEnum(
  "CustomerValueTier",
  VALUE_TIERS,
  "价值分级 (seed 002 §3.2.1, item 10): low value to let go · low value to keep · ordinary · high · important; computed by insights from billing's revenue and the cost to serve (docs/scoring.md).",
);
export const DunningStageEnum = graphqlEnum("DunningStage", DUNNING_STAGES, "催缴 stage the dunning rules (config/scoring.json) give billing's arrears: computed by insights.");
export const AbnormalCodeEnum = graphqlEnum("AbnormalCode", ABNORMAL_CODES, "异常客户 flags (seed 002 §3.2.1, item 8): computed by insights from billing's spend, credit and arrears.");
export const ArrearsBucketEnum = graphqlEnum(
  "ArrearsBucket",
  ARREARS_BUCKETS,
  "Age of a customer's oldest unpaid amount in the arrears buckets (0-30, 31-60, 61-90, 90+ days past due); NONE when nothing is owed. From the judgement snapshot.",
);
