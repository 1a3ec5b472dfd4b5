import { Arg, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { MANAGER_ID, notAKeyAccount, type KeyAccountFacts } from "../../adapters/key-account/port.js";
import { JSONObject } from "../kit/scalars.js";
import { badUserInput } from "../kit/errors.js";
import { afterArg, firstArg, pageOf, type ListBounds } from "../kit/paging.js";
import type { KeyAccountContext } from "./context.js";
import { checkManager } from "./managers.js";
import { KeyAccountFilter, PORTFOLIO, portfolioPage } from "./portfolio.js";
import { Contract, Customer, KeyAccount, KeyAccountManager, Me, toKeyAccount, toManager, Visit } from "./types.js";

const CONTRACTS: ListBounds = { defaultFirst: 20, max: 100 };
const VISITS: ListBounds = { defaultFirst: 20, max: 100 };
const first = (bounds: ListBounds) => (firstArg(bounds));
const after = (key: string) => ({ nullable: true, description: `The ${key} of the last item of the previous page.` });

@Resolver(() => Customer)
export class CustomerKeyAccountResolver {
  @FieldResolver(() => KeyAccount, { nullable: true, description: "Null when the customer was never recognised as a key account; a revoked one has active false." })
  async keyAccount(@Root() customer: Customer, @Ctx() ctx: KeyAccountContext): Promise<KeyAccount | null> {
    const found = await ctx.loaders.byCustomer.load(customer.id);
    return found && toKeyAccount(found);
  }

  /** Plumbing for the insights subgraph (@requires); hidden from consumers by @inaccessible. */
  @FieldResolver(() => JSONObject, { nullable: true })
  @Directive("@inaccessible")
  async keyAccountFacts(@Root() customer: Customer, @Ctx() ctx: KeyAccountContext): Promise<KeyAccountFacts> {
    return (await ctx.loaders.facts.load(customer.id)) ?? notAKeyAccount();
  }
}

@Resolver(() => KeyAccount)
export class KeyAccountResolver {
  @FieldResolver(() => KeyAccountManager, { nullable: true, description: "Null only if the manager's record is gone." })
  async manager(@Root() account: KeyAccount, @Ctx() ctx: KeyAccountContext): Promise<KeyAccountManager | null> {
    const found = await ctx.loaders.managers.load(account.managerId);
    return found && toManager(found, ctx.scope.pii);
  }

  @FieldResolver(() => [Contract], { description: "Newest signature first, a page at a time." })
  async contracts(
    @Root() account: KeyAccount,
    @Arg("first", () => Int, firstArg(CONTRACTS)) count: number,
    @Arg("after", () => String, afterArg("contractNo")) from: string | null | undefined,
    @Ctx() ctx: KeyAccountContext,
  ): Promise<Contract[]> {
    return pageOf(await ctx.loaders.contracts.load(account.id), (c) => c.contractNo, count, from, CONTRACTS, "contracts");
  }

  @FieldResolver(() => [Visit], { description: "Newest first, a page at a time." })
  async visits(
    @Root() account: KeyAccount,
    @Arg("first", () => Int, firstArg(VISITS)) count: number,
    @Arg("after", () => String, afterArg("visitId")) from: string | null | undefined,
    @Ctx() ctx: KeyAccountContext,
  ): Promise<Visit[]> {
    return pageOf(await ctx.loaders.visits.load(account.id), (v) => v.visitId, count, from, VISITS, "visits");
  }
}

@Resolver(() => KeyAccountManager)
export class ManagerResolver {
  @Query(() => KeyAccountManager, { nullable: true, description: "An account manager by id (JL + local network + 4 digits)." })
  async keyAccountManager(@Arg("id", () => ID, { description: "The key-account system's manager number (JLBH)." }) id: string, @Ctx() ctx: KeyAccountContext): Promise<KeyAccountManager | null> {
    if (!MANAGER_ID.test(id)) throw badUserInput(`"${id.slice(0, 40)}" is not an account manager id`);
    const found = await ctx.loaders.managers.load(id);
    if (found) checkManager(ctx.scope, found);
    return found && toManager(found, ctx.scope.pii);
  }

  @FieldResolver(() => [KeyAccount], { description: "The key accounts this manager is responsible for that the caller may see, a page at a time." })
  async portfolio(
    @Root() manager: KeyAccountManager,
    @Arg("filter", () => KeyAccountFilter, { nullable: true, description: "Only the accounts this filter keeps; all of them when absent." }) filter: KeyAccountFilter | null | undefined,
    @Arg("first", () => Int, firstArg(PORTFOLIO)) count: number,
    @Arg("after", () => String, afterArg("key account id")) from: string | null | undefined,
    @Ctx() ctx: KeyAccountContext,
  ): Promise<KeyAccount[]> {
    return portfolioPage(manager.id, count, from, filter, ctx);
  }
}

@Resolver(() => Me)
export class MeResolver {
  @Query(() => Me, { nullable: true, description: "The caller: who the token says they are; for a key-account manager, their portfolio." })
  me(@Ctx() ctx: KeyAccountContext): Me {
    const { subject, roles, region, pii, managerId } = ctx.scope.caller;
    return { subject, roles, region, pii, managerId };
  }

  @FieldResolver(() => KeyAccountManager, { nullable: true, description: "The caller's own manager record; null for callers who are not key-account managers." })
  async manager(@Root() me: Me, @Ctx() ctx: KeyAccountContext): Promise<KeyAccountManager | null> {
    const found = me.managerId ? await ctx.loaders.managers.load(me.managerId) : null;
    return found && toManager(found, ctx.scope.pii);
  }

  @FieldResolver(() => [KeyAccount], { description: "The caller's own key accounts, a page at a time; empty for callers who are not key-account managers." })
  async portfolio(
    @Root() me: Me,
    @Arg("filter", () => KeyAccountFilter, { nullable: true, description: "Only the accounts this filter keeps; all of them when absent." }) filter: KeyAccountFilter | null | undefined,
    @Arg("first", () => Int, firstArg(PORTFOLIO)) count: number,
    @Arg("after", () => String, afterArg("key account id")) from: string | null | undefined,
    @Ctx() ctx: KeyAccountContext,
  ): Promise<KeyAccount[]> {
    return me.managerId ? portfolioPage(me.managerId, count, from, filter, ctx) : [];
  }
}

@Resolver(() => Visit)
export class VisitResolver {
  @FieldResolver(() => KeyAccountManager, { nullable: true, description: "Who made the visit; null only if the manager's record is gone." })
  async manager(@Root() visit: Visit, @Ctx() ctx: KeyAccountContext): Promise<KeyAccountManager | null> {
    const found = await ctx.loaders.managers.load(visit.managerId);
    return found && toManager(found, ctx.scope.pii);
  }
}
