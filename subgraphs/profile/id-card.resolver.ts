import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { badUserInput } from "../kit/errors.js";
import { forbidden, visible } from "../kit/scope.js";
import type { ProfileContext } from "./context.js";
import { isResidentIdCard, normalisedIdCard } from "./id-card.js";
import { Customer, toCustomer } from "./types.js";

@Resolver(() => Customer)
export class CustomerByIdCardResolver {
  /**
   * A list, because one person may hold several customer records in the hall (a second local network,
   * a record opened twice). Customers outside the caller's scope are left out, as in every list: the
   * answer never says that the person is a customer somewhere the caller may not look.
   */
  @Query(() => [Customer], {
    nullable: true,
    description:
      "The business hall's customers registered under a resident ID card, in customer-number order, those outside the caller's scope left out; " +
      "needs the right to see personal data (FORBIDDEN without it). Pass the number as a variable: a document's text may be kept by the persisted-query store.",
  })
  async customerByIdCard(
    @Arg("number", () => String, { description: "The 18-character resident ID card number (身份证号), check character included; blanks and a lower-case x are accepted." }) number: string,
    @Ctx() ctx: ProfileContext,
  ): Promise<(Customer | Error)[]> {
    // Nothing is looked up, not even the number's shape, for a caller who may not see it.
    if (!ctx.scope.pii) throw forbidden("looking customers up by ID card needs the right to see personal data");
    if (ctx.scope.listRegion === null && (await ctx.scope.portfolio()) === null) throw forbidden("your role does not read customer data");
    const card = normalisedIdCard(number);
    // The message never repeats the number: error logs and traces must not carry it.
    if (!isResidentIdCard(card)) throw badUserInput("number is not a valid 18-character resident ID card number (format, birth date or check character)");
    const ids = await visible(ctx.scope, [...(await ctx.loaders.customerIdsByIdCard.load(card))].sort(), (id) => id);
    const records = await ctx.loaders.customers.loadMany(ids);
    // A record that cannot be read stays in the list as its own error; one the hall no longer has is left out.
    return records.flatMap((record) => (record === null ? [] : [record instanceof Error ? record : toCustomer(record, ctx.scope.pii)]));
  }
}
