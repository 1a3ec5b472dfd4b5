import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type * as hall from "../../adapters/business-hall/port.js";
import { graphqlEnum } from "../kit/enums.js";
import { LocalDate } from "../kit/scalars.js";

const SurveyScaleEnum = graphqlEnum(
  "SurveyScale",
  ["FIVE_POINT", "HUNDRED_POINT"] satisfies hall.SurveyScale[],
  "The scale a survey's answers are on, from the business hall (Scale 1: five-point 1–5, the older surveys; 2: hundred-point 0–100, the call centre's regular surveys).",
);

const ANSWER = "on the survey's scale";

@ObjectType({ simpleResolvers: true, description: "The nine perceived factors of satisfaction (seed 002 §3.2.1.3), as the customer answered them (Q1…Q9)." })
export class SurveyAnswers {
  @Field(() => Int, { description: `The carrier's image (Q1), ${ANSWER}.` }) image!: number;
  @Field(() => Int, { description: `Service attitude (Q2), ${ANSWER}.` }) attitude!: number;
  @Field(() => Int, { description: `Service quality (Q3), ${ANSWER}.` }) serviceQuality!: number;
  @Field(() => Int, { description: `Care for the customer (Q4), ${ANSWER}.` }) care!: number;
  @Field(() => Int, { description: `Reliability (Q5), ${ANSWER}.` }) reliability!: number;
  @Field(() => Int, { description: `Timeliness (Q6), ${ANSWER}.` }) timeliness!: number;
  @Field(() => Int, { description: `Security (Q7), ${ANSWER}.` }) security!: number;
  @Field(() => Int, { description: `Quality for the price (Q8), ${ANSWER}.` }) qualityForPrice!: number;
  @Field(() => Int, { description: `Price for the quality (Q9), ${ANSWER}.` }) priceForQuality!: number;
}

@ObjectType({ simpleResolvers: true, description: "A satisfaction survey the customer answered, as the business hall records it (QuerySurveyList)." })
export class Survey {
  @Field(() => ID, { description: "The hall's survey id (SurveyId)." }) surveyId!: string;
  @Field(() => LocalDate, { description: "When the customer answered (SurveyDate)." }) surveyDate!: string;
  @Field(() => SurveyScaleEnum, { description: "The scale of the answers (Scale)." }) scale!: hall.SurveyScale;
  @Field(() => SurveyAnswers, { description: "The nine answers." }) answers!: SurveyAnswers;
  @Field(() => Boolean, { description: "Whether the customer said they also use another carrier (OtherCarrier)." }) usesOtherCarrier!: boolean;
}

export function toSurvey(survey: hall.SurveyAnswer): Survey {
  return { surveyId: survey.id, surveyDate: survey.surveyDate, scale: survey.scale, answers: survey.scores, usesOtherCarrier: survey.usesOtherCarrier };
}

const FACTOR = "0–100 (the hundred-point scale the call centre surveys on).";

@InputType({ description: "The nine answers of a survey taken now, each a whole number from 0 to 100." })
export class SurveyAnswersInput {
  @Field(() => Int, { description: `The carrier's image: ${FACTOR}` }) image!: number;
  @Field(() => Int, { description: `Service attitude: ${FACTOR}` }) attitude!: number;
  @Field(() => Int, { description: `Service quality: ${FACTOR}` }) serviceQuality!: number;
  @Field(() => Int, { description: `Care for the customer: ${FACTOR}` }) care!: number;
  @Field(() => Int, { description: `Reliability: ${FACTOR}` }) reliability!: number;
  @Field(() => Int, { description: `Timeliness: ${FACTOR}` }) timeliness!: number;
  @Field(() => Int, { description: `Security: ${FACTOR}` }) security!: number;
  @Field(() => Int, { description: `Quality for the price: ${FACTOR}` }) qualityForPrice!: number;
  @Field(() => Int, { description: `Price for the quality: ${FACTOR}` }) priceForQuality!: number;
}

@InputType({ description: "A customer's answers to a satisfaction survey, to be recorded with the business hall (AddSurvey), dated today." })
export class RecordSurveyInput {
  @Field(() => ID, { description: "The customer who answered: the business hall's customer number, 12 digits. It decides whose customer the write is for." })
  customerId!: string;
  @Field(() => SurveyAnswersInput, { description: "The nine perceived factors of seed 002 §3.2.1.3." })
  answers!: SurveyAnswersInput;
  @Field(() => Boolean, { description: "Whether the customer said they also use another carrier." })
  usesOtherCarrier!: boolean;
  @Field(() => String, {
    description:
      "The caller's key for this write, 8–64 letters, digits, _ : . - (a UUID fits): the business hall stores it with the survey (ClientSerial, unique), so a replay with the same key returns the first survey and records none; the same key with other answers is CONFLICT.",
  })
  idempotencyKey!: string;
}

@ObjectType({ description: "The answer of recordSurvey: the survey the business hall holds under the key." })
export class RecordSurveyPayload {
  @Field(() => Survey, { description: "The survey as the business hall recorded it; on a replay, the first one." })
  survey!: Survey;
  @Field(() => ID, { description: "The customer the survey is recorded for (the business hall's customer number)." })
  customerId!: string;
  @Field(() => Boolean, { description: "True when the business hall already held a survey under this key (RepeatFlag Y): nothing was recorded this time." })
  replayed!: boolean;
}
