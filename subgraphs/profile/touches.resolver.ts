import DataLoader from "dataloader";
import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import type { SurveyAnswer } from "../../adapters/business-hall/port.js";
import { listLoader } from "../kit/loaders.js";
import { JSONObject } from "../kit/scalars.js";
import { startOfCarrierDay, words, type TouchFacts } from "../kit/touches.js";
import type { ProfileContext } from "./context.js";
import { Customer } from "./types.js";

/** The survey loader of each request's context, made on first use: only the time line reads surveys here. */
const surveyLoaders = new WeakMap<ProfileContext, DataLoader<string, SurveyAnswer[]>>();

function surveysOf(ctx: ProfileContext): DataLoader<string, SurveyAnswer[]> {
  let loader = surveyLoaders.get(ctx);
  if (!loader) {
    loader = listLoader((ids) => ctx.hall.getSurveyAnswers(ids));
    surveyLoaders.set(ctx, loader);
  }
  return loader;
}

@Resolver(() => Customer)
export class CustomerHallTouchesResolver {
  /**
   * Plumbing for the contact time line (insights, @requires); hidden from consumers by @inaccessible: the
   * complaints the business hall accepted and the satisfaction surveys it took, each as one touch.
   */
  @FieldResolver(() => JSONObject, { nullable: true })
  @Directive("@inaccessible")
  async hallTouches(@Root() customer: Customer, @Ctx() ctx: ProfileContext): Promise<TouchFacts> {
    const [complaints, surveys] = await Promise.all([ctx.loaders.complaints.load(customer.id), surveysOf(ctx).load(customer.id)]);
    return {
      touches: [
        ...complaints.map((c) => ({ id: c.complaintNo, at: c.acceptedAt, summary: `Complaint at the business hall: ${words(c.type)}, ${words(c.status)}` })),
        ...surveys.map((s) => ({ id: s.id, at: startOfCarrierDay(s.surveyDate), summary: "Satisfaction survey" })),
      ],
    };
  }
}
