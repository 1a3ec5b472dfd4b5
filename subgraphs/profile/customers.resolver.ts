import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from "type-graphql";
import { MAX_CUSTOMER_PAGE } from "../../adapters/business-hall/port.js";
import { isAdapterError } from "../../adapters/errors.js";
import { badUserInput } from "../kit/errors.js";
import type { ProfileContext } from "./context.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { listCustomers } from "./customer-page.js";
import { checkedFilter, checkedOrder, CustomerFilter, CustomerOrder } from "./filter.js";
import { selects } from "./lookahead.js";
import { CustomerConnection, toCustomer } from "./types.js";

const JUDGEMENTS = ["edges", "node", "judgementSnapshot"];

@Resolver(() => CustomerConnection)
export class CustomerListResolver {
  @Query(() => CustomerConnection, {
    nullable: true,
    description:
      "The customers the caller may see (their region, or a key-account manager's portfolio) that match the filter, a page at a time. " +
      "Hall criteria in customer-number order come live from the business hall; judgement criteria, productCode and other orders from the judgement snapshot (snapshotAsOf).",
  })
  async customers(
    @Arg("filter", () => CustomerFilter, { nullable: true, description: "Every criterion given must hold; a region outside the caller's matches nobody." }) filter: CustomerFilter | null | undefined,
    @Arg("orderBy", () => CustomerOrder, { nullable: true, description: "Customer number ascending when absent." }) orderBy: CustomerOrder | null | undefined,
    @Arg("first", () => Int, { defaultValue: 20, description: `Page size, at most ${MAX_CUSTOMER_PAGE}.` }) first: number,
    @Arg("after", () => String, { nullable: true, description: "The endCursor of the previous page, made with the same orderBy." }) after: string | null | undefined,
    @Ctx() ctx: ProfileContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CustomerConnection | null> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_CUSTOMER_PAGE) throw badUserInput(`first must be between 0 and ${MAX_CUSTOMER_PAGE}`);
    const order = checkedOrder(orderBy);
    const listing = await listCustomers(ctx, { filter: checkedFilter(filter), order, after: after == null ? null : decodeCursor(after, order), first });
    // The page already holds whole records: later fields of these customers need no second trip.
    for (const { position, customer } of listing.entries) ctx.loaders.customers.prime(position.customerId, customer);
    // A page served live has no snapshot rows yet: read them all now, in the one store query the field's
    // loader would make, so that each customer's judgementSnapshot resolves at once. A failed read is
    // kept too (the loader forgets it), so each field reports it without asking the store again.
    if (selects(info, JUDGEMENTS)) {
      const ids = listing.entries.filter(({ customer }) => !isAdapterError(customer)).map(({ position }) => position.customerId);
      const rows = await ctx.loaders.snapshotRows.loadMany(ids);
      rows.forEach((row, i) => row instanceof Error && ctx.snapshotRowsRead.set(ids[i] as string, row));
    }
    // A customer whose record cannot be read keeps its place and cursor; its node is that error.
    const edges = listing.entries.map(({ position, customer }) => ({
      cursor: encodeCursor(order, position),
      node: isAdapterError(customer) ? customer : toCustomer(customer, ctx.scope.pii),
    }));
    return {
      edges,
      pageInfo: { hasNextPage: listing.hasNextPage, endCursor: listing.end ? encodeCursor(order, listing.end) : null },
      snapshotAsOf: listing.snapshotAsOf,
      count: () => listing.count(),
    };
  }

  @FieldResolver(() => Int, {
    description: "All customers matching, not only this page; counted only when asked, from an index: the snapshot's, or the hall's (QueryCustCount) for a live page.",
  })
  totalCount(@Root() connection: CustomerConnection): Promise<number> {
    return connection.count();
  }
}
