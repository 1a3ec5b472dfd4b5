import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import type { WorkOrder } from "../../adapters/business-hall/port.js";
import { JSONObject } from "../kit/scalars.js";
import { startOfCarrierDay, words, type TouchFact, type TouchFacts } from "../kit/touches.js";
import type { ProfileContext } from "./context.js";
import { Customer } from "./types.js";

/**
 * A work order as a touch: the customer came to the hall (or its agent took the order) when it was accepted.
 * "Work order at the business hall: removal (competitor), completed 2026-03-02"; no service number, which is
 * personal data in a summary.
 */
export function workOrderTouch(order: Pick<WorkOrder, "orderNo" | "type" | "acceptedAt" | "status" | "completedOn" | "removalReason">): TouchFact {
  const reason = order.removalReason === null ? "" : ` (${words(order.removalReason)})`;
  const state = order.completedOn === null ? words(order.status) : `completed ${order.completedOn}`;
  return { id: order.orderNo, kind: "WORK_ORDER", at: order.acceptedAt, summary: `Work order at the business hall: ${words(order.type)}${reason}, ${state}` };
}

@Resolver(() => Customer)
export class CustomerHallTouchesResolver {
  /**
   * Plumbing for the contact time line (insights, @requires); hidden from consumers by @inaccessible: the
   * complaints the business hall accepted, the satisfaction surveys it took and the work orders it accepted
   * (installations, removals, moves, transfers), each as one touch.
   */
  @FieldResolver(() => JSONObject, { nullable: true })
  @Directive("@inaccessible")
  async hallTouches(@Root() customer: Customer, @Ctx() ctx: ProfileContext): Promise<TouchFacts> {
    const [complaints, surveys, orders] = await Promise.all([
      ctx.loaders.complaints.load(customer.id),
      ctx.loaders.surveys.load(customer.id),
      ctx.loaders.workOrders.load(customer.id),
    ]);
    return {
      touches: [
        ...complaints.map((c): TouchFact => ({ id: c.complaintNo, kind: "COMPLAINT", at: c.acceptedAt, summary: `Complaint at the business hall: ${words(c.type)}, ${words(c.status)}` })),
        ...surveys.map((s): TouchFact => ({ id: s.id, kind: "SURVEY", at: startOfCarrierDay(s.surveyDate), summary: "Satisfaction survey" })),
        ...orders.map(workOrderTouch),
      ],
    };
  }
}
