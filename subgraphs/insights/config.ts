import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The shipped scoring model; `docs/scoring.md` explains every number in it. */
export const DEFAULT_SCORING_PATH = fileURLToPath(new URL("../../config/scoring.json", import.meta.url));

const KINDS = ["RESIDENTIAL", "BUSINESS", "INDIVIDUAL_KEY_ACCOUNT", "ENTERPRISE_KEY_ACCOUNT"] as const;
const PRODUCTS = ["FIXED_LINE", "MOBILE", "BROADBAND", "LEASED_LINE"] as const;
const PAYMENT_METHODS = ["CASH", "BANK_DEBIT", "PREPAID", "AGENT"] as const;
const STAIN_REASONS = ["ARREARS_SINGLE", "ARREARS_DOUBLE", "ILLEGAL_USE", "FACILITY_DAMAGE"] as const;
const LEVELS = ["VERY_HIGH", "HIGH", "MEDIUM", "LOW", "VERY_LOW"] as const;
const CREDIT_LISTS = ["RED", "GREY", "BLACK"] as const;
/** Dunning stages in the order a debt goes through them; the rules must list them in this order. */
export const DUNNING_STAGES = ["REMINDER", "PARTIAL_BARRING", "FULL_BARRING", "PRE_CANCELLATION", "WRITE_OFF"] as const;

const WEIGHT_TOLERANCE = 1e-9;

const subScore = z.number().min(0).max(100);
const fen = z.number().int().min(0);
const positiveInt = z.number().int().min(1);
const ratio = z.number().min(0);

/** Weights of one score: each in [0, 1], together exactly 1 (within floating-point noise). */
function weights<const K extends readonly [string, ...string[]]>(names: K) {
  return z.record(z.enum(names), z.number().min(0).max(1)).superRefine((value, ctx) => {
    const sum = (Object.values(value) as number[]).reduce((total, w) => total + w, 0);
    if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) ctx.addIssue({ code: "custom", message: `weights must sum to 1, got ${sum}` });
  });
}

/** Bands are checked in order, the first whose upper bound holds the input giving the value, so bounds must increase. */
function increasing<K extends string>(key: K) {
  return (list: Record<K, number>[], ctx: z.RefinementCtx) => {
    list.forEach((band, i) => {
      const previous = list[i - 1];
      if (previous && !(band[key] > previous[key])) {
        ctx.addIssue({ code: "custom", path: [i, key], message: `${key} must increase from one band to the next` });
      }
    });
  };
}

/** Lower bounds of VERY_HIGH, HIGH, MEDIUM and LOW; below the last is VERY_LOW. */
const cutPoints = z
  .tuple([subScore, subScore, subScore, subScore])
  .refine(([a, b, c, d]) => a > b && b > c && c > d, "cut points must strictly decrease");

const lateBands = z
  .array(z.strictObject({ maxDaysLate: positiveInt, value: subScore }))
  .min(1)
  .superRefine(increasing("maxDaysLate"));
const chargeBands = z
  .array(z.strictObject({ maxRatio: ratio, value: subScore }))
  .min(1)
  .superRefine(increasing("maxRatio"));

const productsHeld = z.strictObject({
  perService: subScore,
  maxServicesCounted: positiveInt,
  productBonus: z.record(z.enum(PRODUCTS), subScore),
});

const credit = z.strictObject({
  weights: weights(["customerKind", "paymentMethod", "productsHeld", "paymentTimeliness", "currentCharges", "stains"]),
  customerKind: z.record(z.enum(KINDS), subScore),
  paymentMethod: z.strictObject({ values: z.record(z.enum(PAYMENT_METHODS), subScore), noAccount: subScore }),
  paymentTimeliness: z.strictObject({
    onTime: subScore,
    late: lateBands,
    lateBeyond: subScore,
    unpaid: subScore,
    noBillsDue: subScore,
  }),
  currentCharges: z.strictObject({ bands: chargeBands, beyond: subScore, noBills: subScore }),
  stains: z.strictObject({
    penalty: z.record(z.enum(STAIN_REASONS), subScore),
    ageWeights: z
      .array(z.strictObject({ maxAgeDays: positiveInt, weight: z.number().min(0).max(1) }))
      .min(1)
      .superRefine(increasing("maxAgeDays")),
    olderWeight: z.number().min(0).max(1),
  }),
  lists: z.strictObject({
    redFrom: subScore,
    blackBelow: subScore,
    blackListStains: z.array(z.enum(STAIN_REASONS)),
    blackListStainDays: positiveInt,
  }),
  /** A level set by hand without a list puts the customer on the list this gives. */
  manual: z.strictObject({ listOfLevel: z.record(z.enum(LEVELS), z.enum(CREDIT_LISTS)) }),
  /** Account-level credit: the values of the two factors only a customer has. */
  accountLevel: z.strictObject({ customerKind: subScore, productsHeld: subScore }),
});

const loyalty = z.strictObject({
  weights: weights(["customerKind", "tenure", "productsHeld", "usageTrend", "complaints", "competitorSigns", "satisfaction"]),
  customerKind: z.record(z.enum(KINDS), subScore),
  tenure: z.strictObject({ fullAtYears: z.number().positive() }),
  usageTrend: z.strictObject({ minMonths: z.number().int().min(2), neutral: subScore, pointsPerPercent: ratio }),
  complaints: z.strictObject({ penaltyEach: subScore }),
  competitorSigns: z.strictObject({ usesOtherCarrier: subScore, perRemovedService: subScore }),
  satisfaction: z.strictObject({ neutral: subScore }),
});

const satisfaction = z.strictObject({
  weights: weights([
    "image",
    "attitude",
    "serviceQuality",
    "care",
    "reliability",
    "timeliness",
    "security",
    "qualityForPrice",
    "priceForQuality",
  ]),
  /** Sub-score for answers 1 … 5. */
  answerValues: z.tuple([subScore, subScore, subScore, subScore, subScore]),
  maxSurveyAgeDays: positiveInt,
});

const value = z.strictObject({
  lowBelowFen: fen,
  highFromFen: fen,
  monthlyCostFen: z.record(z.enum(PRODUCTS), fen),
  costPerComplaintFen: fen,
  costPerTicketFen: fen,
  newCustomerDays: z.number().int().min(0),
  important: z.strictObject({
    keyAccountLevels: z.array(z.enum(["NATIONAL", "PROVINCIAL", "MUNICIPAL"])),
    minContractValueFen: fen.nullable(),
  }),
});

const potentialKeyAccount = z.strictObject({ thresholdFen: positiveInt, bandFromFen: fen });

const arrears = z.strictObject({
  dunningRules: z.array(z.strictObject({ stage: z.enum(DUNNING_STAGES), fromDays: positiveInt })).length(DUNNING_STAGES.length),
});

const churn = z.strictObject({
  /** Risk is rare and spread thin over seven signs, so its levels are cut lower than the seed's 95/80/60/40. */
  levelCutPoints: cutPoints,
  weights: weights(["usageDecline", "removedServices", "competitorSigns", "complaints", "lowSatisfaction", "arrears", "shortTenure"]),
  usageDecline: z.strictObject({ minMonths: z.number().int().min(2), pointsPerPercent: ratio }),
  complaints: z.strictObject({ riskEach: subScore }),
  lowSatisfaction: z.strictObject({ neutral: subScore }),
  arrears: z.record(z.enum(["NONE", ...DUNNING_STAGES]), subScore),
  shortTenure: z.strictObject({ shortDays: positiveInt }),
  reasonFrom: subScore,
});

/** Churn events (seed 3.2.1.9): when billed usage counts as having fallen below the customer's usual level. */
const churnEvents = z.strictObject({
  usageFall: z.strictObject({
    /** The usual level is the median of the window's first this many billed months. */
    baselineMonths: positiveInt,
    /** Fallen: a billed month below this share of the usual level, and every later billed month too. */
    belowShare: z.number().gt(0).lt(1),
    /** Billed months the window needs before a fall is judged at all. */
    minMonths: positiveInt,
  }),
});

/** Relationship status (seed 3.2.1.10 §2): how far back a line lost to a competitor makes a customer shared with one. */
const relationship = z.strictObject({ competitorRemovalMonths: positiveInt });

/** Lines installed but little used (seed 1.1.2 8), 热装冷用): held this long and billed less than this a month. */
const littleUsed = z.strictObject({ minHeldMonths: positiveInt, maxMonthlyFen: fen });

const abnormal = z.strictObject({
  minHistoryMonths: positiveInt,
  farAboveRatio: z.number().gt(1),
  farBelowRatio: z.number().gt(0).lt(1),
  suddenChangeFactor: z.number().gt(1),
  arrearsLimitFen: z.record(z.enum(KINDS), fen),
});

export const scoringModelSchema = z
  .strictObject({
    levelCutPoints: cutPoints,
    windowMonths: positiveInt,
    productsHeld,
    credit,
    loyalty,
    satisfaction,
    value,
    potentialKeyAccount,
    arrears,
    churn,
    abnormal,
    churnEvents,
    relationship,
    littleUsed,
  })
  .superRefine((model, ctx) => {
    const order = (ok: boolean, path: (string | number)[], message: string) => {
      if (!ok) ctx.addIssue({ code: "custom", path, message });
    };
    order(model.credit.lists.redFrom > model.credit.lists.blackBelow, ["credit", "lists", "redFrom"], "redFrom must be above blackBelow");
    order(model.value.highFromFen > model.value.lowBelowFen, ["value", "highFromFen"], "highFromFen must be above lowBelowFen");
    order(
      model.churnEvents.usageFall.minMonths > model.churnEvents.usageFall.baselineMonths,
      ["churnEvents", "usageFall", "minMonths"],
      "minMonths must be above baselineMonths: a fall is judged after the usual level",
    );
    order(
      model.potentialKeyAccount.bandFromFen < model.potentialKeyAccount.thresholdFen,
      ["potentialKeyAccount", "bandFromFen"],
      "bandFromFen must be below thresholdFen",
    );
    model.arrears.dunningRules.forEach((rule, i, all) => {
      order(rule.stage === DUNNING_STAGES[i], ["arrears", "dunningRules", i, "stage"], `expected stage ${DUNNING_STAGES[i]} here`);
      const previous = all[i - 1];
      if (previous) order(rule.fromDays > previous.fromDays, ["arrears", "dunningRules", i, "fromDays"], "fromDays must increase");
    });
  });

export type ScoringModel = z.output<typeof scoringModelSchema>;

export class ScoringConfigError extends Error {
  override readonly name = "ScoringConfigError";
}

/** Validates a parsed scoring model; every problem is reported with the path of the field at fault. */
export function parseScoringModel(raw: unknown, source = "scoring model"): ScoringModel {
  const result = scoringModelSchema.safeParse(raw);
  if (result.success) return result.data;
  const detail = result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");
  throw new ScoringConfigError(`invalid ${source}: ${detail}`, { cause: result.error });
}

/** Reads and validates the scoring model once, at boot. */
export function loadScoringModel(path: string = DEFAULT_SCORING_PATH): ScoringModel {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ScoringConfigError(`cannot read scoring model ${path}: ${(error as Error).message}`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ScoringConfigError(`scoring model ${path} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseScoringModel(raw, `scoring model ${path}`);
}
