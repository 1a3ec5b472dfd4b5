import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { afterArg, firstArg, pageOf } from "../kit/paging.js";
import type { ProfileContext } from "./context.js";
import { WorkOrder } from "./churn.types.js";
import { Survey, toSurvey } from "./survey.types.js";
import { Customer } from "./types.js";

const WORK_ORDERS = { defaultFirst: 20, max: 100 };
const SURVEYS = { defaultFirst: 20, max: 100 };

/** The customer's work orders and surveys: what the hall records of lines installed, moved and lost, and of how the customer feels. */
@Resolver(() => Customer)
export class CustomerChurnRecordsResolver {
  @FieldResolver(() => [WorkOrder], { description: "A page of the customer's work orders (工单: installations, removals, moves, transfers), in the order the business hall accepted them." })
  async workOrders(
    @Root() customer: Customer,
    @Arg("first", () => Int, firstArg(WORK_ORDERS)) first: number,
    @Arg("after", () => String, afterArg("orderNo")) after: string | null | undefined,
    @Ctx() ctx: ProfileContext,
  ): Promise<WorkOrder[]> {
    const orders = pageOf(await ctx.loaders.workOrders.load(customer.id), (o) => o.orderNo, first, after, WORK_ORDERS, "workOrders");
    // A former owner is another customer: named only to a caller who may see them.
    const allowed = await Promise.all(orders.map((o) => (o.previousCustomerId === null ? false : ctx.scope.allowsCustomer(o.previousCustomerId))));
    return orders.map((o, i) => ({
      orderNo: o.orderNo,
      serviceNo: o.serviceNo,
      type: o.type,
      status: o.status,
      acceptedAt: o.acceptedAt,
      completedOn: o.completedOn,
      removalReason: o.removalReason,
      competitor: o.competitor,
      previousCustomerId: allowed[i] ? o.previousCustomerId : null,
    }));
  }

  @FieldResolver(() => [Survey], { description: "A page of the satisfaction surveys the customer answered (seed 002 §3.2.1.3), oldest first, as the business hall records them." })
  async surveys(
    @Root() customer: Customer,
    @Arg("first", () => Int, firstArg(SURVEYS)) first: number,
    @Arg("after", () => String, afterArg("surveyId")) after: string | null | undefined,
    @Ctx() ctx: ProfileContext,
  ): Promise<Survey[]> {
    return pageOf((await ctx.loaders.surveys.load(customer.id)).map(toSurvey), (s) => s.surveyId, first, after, SURVEYS, "surveys");
  }
}
