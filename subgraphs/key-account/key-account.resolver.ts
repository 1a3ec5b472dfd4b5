import { Arg, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { notAKeyAccount, type KeyAccountFacts } from "../../adapters/key-account/port.js";
import { JSONObject } from "../kit/scalars.js";
import { badUserInput } from "../kit/errors.js";
import type { KeyAccountContext } from "./context.js";
import { Contract, Customer, KeyAccount, KeyAccountManager, toKeyAccount, Visit } from "./types.js";

@Resolver(() => Customer)
export class CustomerKeyAccountResolver {
  @FieldResolver(() => KeyAccount, { nullable: true, description: "Null when the customer was never recognised as a key account; a revoked one has active false." })
  async keyAccount(@Root() customer: Customer, @Ctx() ctx: KeyAccountContext): Promise<KeyAccount | null> {
    const found = await ctx.loaders.byCustomer.load(customer.id);
    return found && toKeyAccount(found);
  }

  /** Plumbing for the insights subgraph (@requires); hidden from consumers by @inaccessible. */
  @FieldResolver(() => JSONObject)
  @Directive("@inaccessible")
  async keyAccountFacts(@Root() customer: Customer, @Ctx() ctx: KeyAccountContext): Promise<KeyAccountFacts> {
    return (await ctx.loaders.facts.load(customer.id)) ?? notAKeyAccount();
  }
}

@Resolver(() => KeyAccount)
export class KeyAccountResolver {
  @FieldResolver(() => KeyAccountManager, { nullable: true, description: "Null only if the manager's record is gone." })
  async manager(@Root() account: KeyAccount, @Ctx() ctx: KeyAccountContext): Promise<KeyAccountManager | null> {
    return ctx.loaders.managers.load(account.managerId);
  }

  @FieldResolver(() => [Contract], { description: "Newest signature first." })
  async contracts(@Root() account: KeyAccount, @Ctx() ctx: KeyAccountContext): Promise<Contract[]> {
    return ctx.loaders.contracts.load(account.id);
  }

  @FieldResolver(() => [Visit], { description: "Newest first." })
  async visits(@Root() account: KeyAccount, @Ctx() ctx: KeyAccountContext): Promise<Visit[]> {
    return ctx.loaders.visits.load(account.id);
  }
}

const MANAGER_ID = /^JL\d{8}$/;

@Resolver(() => KeyAccountManager)
export class ManagerResolver {
  @Query(() => KeyAccountManager, { nullable: true, description: "An account manager by id (JL + local network + 4 digits)." })
  async keyAccountManager(@Arg("id", () => ID) id: string, @Ctx() ctx: KeyAccountContext): Promise<KeyAccountManager | null> {
    if (!MANAGER_ID.test(id)) throw badUserInput(`"${id.slice(0, 40)}" is not an account manager id`);
    return ctx.loaders.managers.load(id);
  }

  @FieldResolver(() => [KeyAccount], { description: "The key accounts this manager is responsible for." })
  async portfolio(@Root() manager: KeyAccountManager, @Ctx() ctx: KeyAccountContext): Promise<KeyAccount[]> {
    return (await ctx.loaders.portfolios.load(manager.id)).map(toKeyAccount);
  }
}

@Resolver(() => Visit)
export class VisitResolver {
  @FieldResolver(() => KeyAccountManager, { nullable: true, description: "Who made the visit; null only if the manager's record is gone." })
  async manager(@Root() visit: Visit, @Ctx() ctx: KeyAccountContext): Promise<KeyAccountManager | null> {
    return ctx.loaders.managers.load(visit.managerId);
  }
}
