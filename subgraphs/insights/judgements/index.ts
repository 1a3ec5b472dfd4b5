export { assessAbnormal, type AbnormalCode, type AbnormalResult } from "./abnormal.js";
export { assessArrears, type AgeBucketLabel, type ArrearsResult, type Barring, type DunningStage } from "./arrears.js";
export { assessChurnRisk, type ChurnRiskResult } from "./churn-risk.js";
export { assessAccountCredit } from "./account-credit.js";
export { assessCredit, type BlackListStatus, type CreditList, type CreditResult, type CreditSource, type ManualCreditGrade, type ScoredCredit } from "./credit.js";
export { assessLoyalty, type LoyaltyResult } from "./loyalty.js";
export { assessPotentialKeyAccount, type PotentialKeyAccountResult } from "./potential-key-account.js";
export {
  assessSatisfaction,
  type SatisfactionGroup,
  type SatisfactionJudgement,
  type SatisfactionLabel,
  type SatisfactionResult,
} from "./satisfaction.js";
export { levelOf, type Factor, type Level } from "./score.js";
export { assessValueTier, type ValueTier, type ValueTierResult } from "./value-tier.js";
export { churnEvents, type ChurnEvent, type ChurnEventKind, type Competitor, type RemovalReason } from "./churn-events.js";
export { assessRelationship, type RelationshipResult, type RelationshipStatus } from "./relationship-status.js";
export { littleUsedLines, type LittleUsedLine } from "./little-used-lines.js";
