import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";
import type * as j from "./judgements/index.js";
import { graphqlEnum } from "../kit/enums.js";
import {
  AbnormalCodeEnum as AbnormalCode,
  CreditListEnum as CreditList,
  CustomerValueTierEnum as CustomerValueTier,
  DunningStageEnum as DunningStage,
  ScoreLevelEnum as ScoreLevel,
} from "../kit/judgement-enums.js";
import { JSONObject, LocalDate, SafeInt } from "../kit/scalars.js";
import { BlackListStatus, CreditSource, ManualCreditLevel } from "./manual-credit.types.js";

const SatisfactionLabel = graphqlEnum("SatisfactionLabel", ["VERY_SATISFIED", "SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED", "VERY_DISSATISFIED"] satisfies j.SatisfactionLabel[], "The seed's five satisfaction levels (seed 002 §3.2.1, item 3): 95–100, 80–95, 60–80, 40–60, below 40.");
const SatisfactionGroup = graphqlEnum("SatisfactionGroup", ["SERVICE", "QUALITY", "VALUE"] satisfies j.SatisfactionGroup[], "The seed's three groups of satisfaction factors: service (image, attitude, quality, care), quality (reliability, timeliness, security), value.");
const BarringLevel = graphqlEnum("BarringLevel", ["NONE", "SINGLE", "DOUBLE"] satisfies j.Barring[], "Billing's barring of a service: single barring (单停, outgoing barred) or double barring (双停, both directions); from SERV.STOP_FLAG and SERV_STOP.");

@ObjectType({ description: "One factor of a score: contributions of all factors add up to the score." })
export class Factor {
  @Field(() => String, { description: "The factor's name in the scoring model (config/scoring.json, docs/scoring.md), e.g. paymentTimeliness." }) name!: string;
  @Field(() => Float, { description: "Share of the score, 0–1; a score's weights sum to 1." }) weight!: number;
  @Field(() => Float, { description: "The factor's own sub-score, 0–100." }) value!: number;
  @Field(() => Float, { description: "weight × value, in hundredths." }) contribution!: number;
  @Field(() => String, { description: "Why the factor has its value, with the numbers behind it." }) reason!: string;
}

@ObjectType({ description: "信用度 (seed 002 §3.2.1, item 5): Computed by insights from billing and business-hall facts, on the seed's six factors (docs/scoring.md); a level set by hand in billing's credit control takes precedence (source MANUAL)." })
export class Credit {
  @Field(() => Float, { description: "0–100: Σ weight × value of the factors, rounded to hundredths." }) score!: number;
  @Field(() => ScoreLevel, { description: "The score on the cut points 95 / 80 / 60 / 40; the level set by hand instead when source is MANUAL." }) level!: j.Level;
  @Field(() => CreditList, { description: "BLACK for recent illegal use or a score below 40, RED from 80, GREY between (config/scoring.json credit.lists); the list set by hand instead when source is MANUAL." }) list!: j.CreditList;
  @Field(() => String, { description: "The list rule that decided; for a level set by hand, who set it, when and why, and what was computed." }) listReason!: string;
  @Field(() => CreditSource, { description: "COMPUTED, or MANUAL when a level set by hand in billing's credit control is in force (the newest entry of manualHistory, unless it lifted the level)." }) source!: j.CreditSource;
  @Field(() => ScoreLevel, { description: "The level the score gives, whatever was set by hand." }) computedLevel!: j.Level;
  @Field(() => CreditList, { description: "The list the score and stains give, whatever was set by hand." }) computedList!: j.CreditList;
  @Field(() => BlackListStatus, { nullable: true, description: "On the black list: IN_SERVICE if the customer still holds a service in billing (not removed), FORMER if none; null when not on the black list." }) blackListStatus!: j.BlackListStatus | null;
  @Field(() => [ManualCreditLevel], { description: "The levels set by hand in billing's credit control up to the reference date, newest first (the first is in force unless it lifted the level); empty when none." }) manualHistory!: ManualCreditLevel[];
  @Field(() => [Factor], { description: "Customer kind, payment method, products held, payment timeliness, current charges, stains." }) factors!: Factor[];
  /** Whose credit it is, for its history (history.resolver.ts); not a field of the graph. */
  customerId!: string;
}

@ObjectType({ description: "忠诚度 (seed 002 §3.2.1, item 4): Computed by insights from billing and business-hall facts and the satisfaction judgement (docs/scoring.md)." })
export class Loyalty {
  @Field(() => Float, { description: "0–100: Σ weight × value of the factors, rounded to hundredths." }) score!: number;
  @Field(() => ScoreLevel, { description: "The score on the cut points 95 / 80 / 60 / 40." }) level!: j.Level;
  @Field(() => [Factor], { description: "Customer kind, tenure, products held, usage trend, complaints, competitor signs, satisfaction." }) factors!: Factor[];
  /** Whose loyalty it is, for its history (history.resolver.ts); not a field of the graph. */
  customerId!: string;
}

@ObjectType({ description: "What one group of survey factors adds to the satisfaction score." })
export class SatisfactionGroupShare {
  @Field(() => SatisfactionGroup, { description: "The group of factors." }) group!: j.SatisfactionGroup;
  @Field(() => Float, { description: "The sum of the group's factor contributions." }) contribution!: number;
}

@ObjectType({ description: "满意度 (seed 002 §3.2.1, item 3): Computed by insights from the newest business-hall survey's nine factors (tb_survey q1…q9)." })
export class Satisfaction {
  @Field(() => Float, { description: "0–100: Σ weight × value of the nine factors, five-point answers 1…5 counting 20…100, hundred-point answers as given." }) score!: number;
  @Field(() => ScoreLevel, { description: "The score on the cut points 95 / 80 / 60 / 40." }) level!: j.Level;
  @Field(() => SatisfactionLabel, { description: "The seed's name for the score's band." }) label!: j.SatisfactionLabel;
  @Field(() => LocalDate, { description: "When the survey used was answered, from the business hall (tb_survey)." }) surveyDate!: string;
  @Field(() => [SatisfactionGroupShare], { description: "Each group's share of the score: service, quality, value." }) groups!: SatisfactionGroupShare[];
  @Field(() => [Factor], { description: "The nine survey factors." }) factors!: Factor[];
  /** Whose satisfaction it is, for its history (history.resolver.ts); not a field of the graph. */
  customerId!: string;
}

@ObjectType({ description: "价值分级 (seed 002 §3.2.1, item 10): Computed by insights from billing's revenue and the cost to serve, key-account level and contracts (docs/scoring.md)." })
export class ValueTier {
  @Field(() => CustomerValueTier, { description: "The first tier rule that applies: important, low to let go, low to keep, high, ordinary." }) tier!: j.ValueTier;
  @Field(() => SafeInt, { description: "Revenue per user: revenue ÷ (months billed × services held), in fen, from billing (BILL, SERV)." }) arpuFen!: number;
  @Field(() => SafeInt, { description: "Revenue per account: revenue ÷ (months billed × active accounts), in fen, from billing (BILL, ACCT)." }) arpaFen!: number;
  @Field(() => SafeInt, { description: "Billed over the 12 closed months before the reference date, all accounts, in fen (billing BILL.BILL_AMOUNT)." }) revenue12mFen!: number;
  @Field(() => SafeInt, { description: "What serving the customer cost over those months: services held, complaints (business hall), trouble tickets (network management), in fen." }) costToServeFen!: number;
  @Field(() => Int, { description: "How many of the 12 months billing billed." }) monthsBilled!: number;
  @Field(() => String, { description: "The tier rule that decided, with its numbers." }) reason!: string;
  /** Whose value tier it is, for its history (history.resolver.ts); not a field of the graph. */
  customerId!: string;
}

@ObjectType({ description: "潜在大客户 (seed 002 §3.2.1, item 11): Computed by insights from billing's revenue, just under the key-account threshold, and the key-account system's recognition." })
export class PotentialKeyAccount {
  @Field(() => Boolean, { description: "Revenue within [bandFromFen, thresholdFen) and not already a key account." }) potential!: boolean;
  @Field(() => SafeInt, { description: "Billed over the 12 closed months before the reference date, in fen (billing)." }) revenue12mFen!: number;
  @Field(() => SafeInt, { description: "The key-account threshold, in fen (config/scoring.json)." }) thresholdFen!: number;
  @Field(() => SafeInt, { description: "Where the potential band starts, in fen (config/scoring.json)." }) bandFromFen!: number;
  @Field(() => String, { description: "Why the customer is or is not potential, with the numbers." }) reason!: string;
}

@ObjectType({ description: "Arrears of one age band, computed by insights from billing's unpaid bills." })
export class AgeBucket {
  @Field(() => String, { description: "0-30, 31-60, 61-90 or 90+ days past due." }) label!: string;
  @Field(() => SafeInt, { description: "Owed in this band, in fen (billing ACCT_ITEM_OWE)." }) amountFen!: number;
}

@ObjectType({ description: "The dunning billing recorded (DUNNING) for the bills still owed, up to the reference date." })
export class DunningRecord {
  @Field(() => Int, { description: "Automatic attempts (DUNNING.DUN_METHOD A)." }) automaticAttempts!: number;
  @Field(() => Int, { description: "Manual attempts (DUNNING.DUN_METHOD M)." }) manualAttempts!: number;
  @Field(() => LocalDate, { nullable: true, description: "The latest attempt's date (DUNNING.DUN_DATE); null when none was made." }) lastAttemptOn!: string | null;
}

@ObjectType({ description: "Arrears charged to one service: each owed bill split evenly over the services its items charge (billing ACCT_ITEM.SERV_ID)." })
export class ServiceArrears {
  @Field(() => String, { nullable: true, description: "Null for charges not tied to a service." }) serviceNo!: string | null;
  @Field(() => SafeInt, { description: "Owed for this service, in fen." }) amountFen!: number;
}

@ObjectType({ description: "Arrears of one billing account." })
export class AccountArrears {
  @Field(() => String, { description: "The billing account number (ACCT_NBR)." }) accountNo!: string;
  @Field(() => SafeInt, { description: "Owed on this account, in fen (billing ACCT_ITEM_OWE)." }) amountFen!: number;
}

@ObjectType({ description: "欠费 (seed 002 §3.2.1, item 6): Computed by insights from billing's bills, owed items, barring and dunning: unpaid remainders of bills past their due date, as of the reference date." })
export class Arrears {
  @Field(() => SafeInt, { description: "Everything owed past its due date, in fen (billing ACCT_ITEM_OWE)." }) totalFen!: number;
  @Field(() => LocalDate, { nullable: true, description: "Due date of the oldest bill still owed (billing BILL.DUE_DATE); null when nothing is owed." }) oldestDueDate!: string | null;
  @Field(() => Int, { description: "Days the oldest owed bill is past due; 0 when nothing is owed." }) daysOverdue!: number;
  @Field(() => [AgeBucket], { description: "Always four bands, 0-30, 31-60, 61-90, 90+ days past due; they add up to totalFen." }) buckets!: AgeBucket[];
  @Field(() => DunningStage, { description: "The later of the stage the dunning rules give (config/scoring.json) and the one billing's own barring shows." }) dunningStage!: j.DunningStage;
  @Field(() => String, { description: "How the stage was reached, rules and billing's barring." }) stageReason!: string;
  @Field(() => BarringLevel, { description: "The strongest barring billing applies for arrears now." }) billingBarring!: j.Barring;
  @Field(() => DunningRecord, { description: "The attempts billing made to collect what is owed." }) dunningRecord!: DunningRecord;
  @Field(() => [ServiceArrears], { description: "What is owed per service, largest first; adds up to totalFen." }) byService!: ServiceArrears[];
  @Field(() => [AccountArrears], { description: "What is owed per account, largest first; adds up to totalFen." }) byAccount!: AccountArrears[];
}

@ObjectType({ description: "流失 risk (seed 002 §3.2.1, item 9): Computed by insights from billing and business-hall facts and the arrears and satisfaction judgements: 0 no sign of leaving … 100 every sign." })
export class ChurnRisk {
  @Field(() => Float, { description: "0–100: Σ weight × value of the risk factors, rounded to hundredths." }) score!: number;
  @Field(() => ScoreLevel, { description: "The score on churn risk's own cut points 60 / 45 / 30 / 15 (docs/scoring.md)." }) level!: j.Level;
  @Field(() => [String], { description: "The reasons of the factors at 50 or more, strongest contribution first." }) reasons!: string[];
  @Field(() => [Factor], { description: "Usage decline, removed services, competitor signs, complaints, low satisfaction, arrears, short tenure." }) factors!: Factor[];
}

@ObjectType({ description: "One thing out of the ordinary about a customer, computed by insights." })
export class AbnormalFlag {
  @Field(() => AbnormalCode, { description: "Which rule fired (docs/scoring.md, Abnormal)." }) code!: j.AbnormalCode;
  @Field(() => String, { description: "Why it fired, with the numbers." }) reason!: string;
}

@ObjectType({ description: "异常客户 (seed 002 §3.2.1, item 8): Computed by insights from billing's spend and arrears and the credit judgement: what is out of the ordinary about the customer now." })
export class Abnormal {
  @Field(() => [AbnormalFlag], { description: "Empty when nothing is out of the ordinary." }) flags!: AbnormalFlag[];
}

/** The customer with the facts other subgraphs hold (external: insights owns no data). */
@ObjectType()
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID) id!: string;
  @Field(() => JSONObject, { nullable: true }) @Directive("@external") billingFacts!: unknown;
  @Field(() => JSONObject, { nullable: true }) @Directive("@external") profileFacts!: unknown;
  @Field(() => JSONObject, { nullable: true }) @Directive("@external") networkFacts!: unknown;
  @Field(() => JSONObject, { nullable: true }) @Directive("@external") keyAccountFacts!: unknown;
  /** Billing's usage per service and cycle (ServiceUsageFacts), for little-used lines alone. */
  @Field(() => JSONObject, { nullable: true }) @Directive("@external") serviceUsageFacts?: unknown;
  /** Each system's contacts with the customer, for the contact time line (timeline/); only it requires them. */
  @Field(() => JSONObject, { nullable: true }) @Directive("@external") hallTouches?: unknown;
  @Field(() => JSONObject, { nullable: true }) @Directive("@external") callTouches?: unknown;
  @Field(() => JSONObject, { nullable: true }) @Directive("@external") faultTouches?: unknown;
  @Field(() => JSONObject, { nullable: true }) @Directive("@external") visitTouches?: unknown;
  /** Billing's offers valid where the customer lives and the hall's offers its lines hold, for offer eligibility only. */
  @Field(() => JSONObject, { nullable: true }) @Directive("@external") offersInForce?: unknown;
  @Field(() => JSONObject, { nullable: true }) @Directive("@external") heldOffers?: unknown;
}
