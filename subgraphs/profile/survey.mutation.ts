import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { CUSTOMER_ID, IDEMPOTENCY_KEY, type SatisfactionScores } from "../../adapters/business-hall/port.js";
import { badUserInput } from "../kit/errors.js";
import { writeThrough } from "../kit/write-errors.js";
import { checkFormat, checkIdempotencyKey } from "../kit/write-input.js";
import { checkWriteRole, checkWriteTarget } from "../kit/write-scope.js";
import type { ProfileContext } from "./context.js";
import { RecordSurveyInput, RecordSurveyPayload, toSurvey } from "./survey.types.js";

const FACTORS: readonly (keyof SatisfactionScores)[] = ["image", "attitude", "serviceQuality", "care", "reliability", "timeliness", "security", "qualityForPrice", "priceForQuality"];

@Resolver()
export class SurveyWriteResolver {
  @Mutation(() => RecordSurveyPayload, {
    nullable: true,
    description:
      "Records a customer's answers to a satisfaction survey with the business hall, dated today. agent (a customer of its region), ka-manager (a customer of its portfolio) and admin; keyed by idempotencyKey. Null, with the error at its path, when refused.",
  })
  async recordSurvey(
    @Arg("input", () => RecordSurveyInput, { description: "The survey: customer, the nine answers 0–100, whether they use another carrier, and the caller's idempotency key." })
    input: RecordSurveyInput,
    @Ctx() ctx: ProfileContext,
  ): Promise<RecordSurveyPayload | null> {
    checkWriteRole(ctx.scope, "recordSurvey");
    const customerId = checkFormat("input.customerId", input.customerId, CUSTOMER_ID, "a customer number (12 digits)");
    const scores = {} as SatisfactionScores;
    for (const factor of FACTORS) {
      const answer = input.answers[factor];
      if (!Number.isInteger(answer) || answer < 0 || answer > 100) throw badUserInput(`input.answers.${factor} must be a whole number from 0 to 100`);
      scores[factor] = answer;
    }
    const idempotencyKey = checkIdempotencyKey("input.idempotencyKey", input.idempotencyKey, IDEMPOTENCY_KEY);
    // The customer is the argument itself; the hall refuses one it does not know.
    await checkWriteTarget(ctx.scope, "recordSurvey", { customerId, what: `customer ${customerId}` });
    const { record, replayed } = await writeThrough("recordSurvey", () =>
      ctx.hall.recordSurvey({ customerId, scores, usesOtherCarrier: input.usesOtherCarrier, idempotencyKey }),
    );
    return { survey: toSurvey(record), customerId: record.customerId, replayed };
  }
}
