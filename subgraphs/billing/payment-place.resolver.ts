import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { Payment } from "../../adapters/billing/port.js";
import { badUserInput } from "../kit/errors.js";
import type { BillingContext } from "./context.js";
import { PaymentPlaceUse } from "./payment-place.types.js";
import { Customer } from "./types.js";

const MAX_MONTHS = 120;

/** The first day of the month `months − 1` months before the month of `asOf` (ISO dates). */
export function windowStart(asOf: string, months: number): string {
  const [year, month] = asOf.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, month - months, 1)).toISOString().slice(0, 10);
}

/** Payments with a place, counted by place: most payments first, then the most recent, then by code. */
export function placesUsed(payments: readonly Payment[], from: string, to: string): PaymentPlaceUse[] {
  const uses = new Map<string, PaymentPlaceUse>();
  for (const p of payments) {
    if (p.place === null || p.paidOn < from || p.paidOn > to) continue;
    const use = uses.get(p.place.code) ?? { place: p.place, payments: 0, amountFen: 0, lastPaidOn: p.paidOn };
    use.payments += 1;
    use.amountFen += p.amountFen;
    if (p.paidOn > use.lastPaidOn) use.lastPaidOn = p.paidOn;
    uses.set(p.place.code, use);
  }
  return [...uses.values()].sort((a, b) => b.payments - a.payments || b.lastPaidOn.localeCompare(a.lastPaidOn) || a.place.code.localeCompare(b.place.code));
}

/**
 * Where a customer pays: reached from the customer, which the billing subgraph scope-checks when it resolves it,
 * and read with the payments of all the request's accounts in one batch.
 */
@Resolver(() => Customer)
export class CustomerPaymentPlacesResolver {
  @FieldResolver(() => [PaymentPlaceUse], {
    nullable: true,
    description:
      "Where the customer pays (交费地点): the collection points that took payments on any of its accounts (billing's PAYMENT.SITE_ID and COLLECT_SITE) in the as-of date's month and the months before it, " +
      "most payments first (the first is where the customer usually pays), then the most recent. Web payments and prepaid deductions have no place and are not counted. " +
      "Null, with an error naming billing, when billing cannot be read.",
  })
  async paymentPlaces(
    @Root() customer: Customer,
    @Arg("months", () => Int, { defaultValue: 12, description: `How many months the window covers, the as-of date's own included: 1 to ${MAX_MONTHS}.` }) months: number,
    @Ctx() ctx: BillingContext,
  ): Promise<PaymentPlaceUse[]> {
    if (!Number.isInteger(months) || months < 1 || months > MAX_MONTHS) throw badUserInput(`months must be between 1 and ${MAX_MONTHS}`);
    const accounts = await ctx.loaders.accountsByCustomer.load(customer.id);
    const lists = await ctx.loaders.payments.loadMany(accounts.map((a) => a.accountNo));
    const payments: Payment[] = [];
    for (const list of lists) {
      if (list instanceof Error) throw list;
      payments.push(...list);
    }
    return placesUsed(payments, windowStart(ctx.asOf, months), ctx.asOf);
  }
}
