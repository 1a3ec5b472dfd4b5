import { Field, InputType, Int } from "type-graphql";
import { z } from "zod";
import type * as ka from "../../adapters/key-account/port.js";
import { badUserInput } from "../kit/errors.js";
import { pageOf, type ListBounds } from "../kit/paging.js";
import { visible } from "../kit/scope.js";
import type { KeyAccountContext } from "./context.js";
import { daysBetween } from "./days.js";
import { KeyAccount, KeyAccountLevel, KeyAccountType, Relationship, toKeyAccount } from "./types.js";

export const PORTFOLIO: ListBounds = { defaultFirst: 50, max: 200 };
/** Ten years: any contract or visit a manager still asks about. */
const MAX_DAYS = 3_650;

@InputType({ description: "Narrows a portfolio by what the key-account system records; every criterion given must hold." })
export class KeyAccountFilter {
  @Field(() => [KeyAccountLevel], { nullable: true, description: "Only accounts of these enterprise levels (the key-account system's 全国级 / 省级 / 地市级)." })
  levels?: ka.KeyAccountLevel[] | null;

  @Field(() => [KeyAccountType], { nullable: true, description: "Only individual or only enterprise key accounts (the key-account system's account type)." })
  types?: ka.KeyAccountType[] | null;

  @Field(() => [Relationship], { nullable: true, description: "Only accounts of these relationship types (the key-account system's 买断型 / 合作双赢型)." })
  relationships?: ka.Relationship[] | null;

  @Field(() => Boolean, { nullable: true, description: "True: only accounts whose recognition is in force; false: only revoked ones (the key-account system's flag)." })
  active?: boolean | null;

  @Field(() => Int, { nullable: true, description: `Only accounts with an active contract (key-account system) expiring within this many days from today, 0 to ${MAX_DAYS}.` })
  contractsEndingWithinDays?: number | null;

  @Field(() => Int, { nullable: true, description: `Only accounts the key-account system records no visit to in the last this many days (never visited included), 0 to ${MAX_DAYS}.` })
  notVisitedForDays?: number | null;

  @Field(() => String, { nullable: true, description: "Only accounts whose name (as the key-account system records it) contains this text, 1 to 50 characters." })
  nameContains?: string | null;
}

const days = z.number().int().min(0).max(MAX_DAYS);
const filterSchema = z.object({
  contractsEndingWithinDays: days.nullish(),
  notVisitedForDays: days.nullish(),
  nameContains: z.string().trim().min(1).max(50).nullish(),
});

/** The filter's numbers and text checked where the caller's input comes in. */
export function checkedFilter(filter: KeyAccountFilter | null | undefined): KeyAccountFilter | null {
  if (!filter) return null;
  const result = filterSchema.safeParse(filter);
  if (!result.success) throw badUserInput(`filter: ${result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  return filter;
}

/** Active contracts expiring between today and `withinDays` from now (both included), soonest first. */
export function contractsEndingWithin(contracts: readonly ka.Contract[], asOf: string, withinDays: number): ka.Contract[] {
  return contracts
    .filter((c) => c.status === "ACTIVE")
    .filter((c) => {
      const left = daysBetween(asOf, c.expiresOn);
      return left >= 0 && left <= withinDays;
    })
    .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.contractNo.localeCompare(b.contractNo));
}

/** The latest visit on or before today; one recorded ahead of time is planned, not made. */
export function lastVisitOf(visits: readonly ka.Visit[], asOf: string): ka.Visit | null {
  let last: ka.Visit | null = null;
  for (const visit of visits) {
    if (daysBetween(visit.date, asOf) < 0) continue;
    if (!last || visit.date > last.date || (visit.date === last.date && visit.visitId > last.visitId)) last = visit;
  }
  return last;
}

interface AccountRecords {
  contracts: readonly ka.Contract[];
  visits: readonly ka.Visit[];
}

/** Whether one account passes the filter, given its contracts and visits when the filter reads them. */
export function matches(account: ka.KeyAccount, filter: KeyAccountFilter, asOf: string, records: AccountRecords): boolean {
  if (filter.levels && !filter.levels.includes(account.level)) return false;
  if (filter.types && !filter.types.includes(account.type)) return false;
  if (filter.relationships && !filter.relationships.includes(account.relationship)) return false;
  if (filter.active != null && account.active !== filter.active) return false;
  if (filter.nameContains && !account.name.includes(filter.nameContains.trim())) return false;
  if (filter.contractsEndingWithinDays != null && contractsEndingWithin(records.contracts, asOf, filter.contractsEndingWithinDays).length === 0) return false;
  if (filter.notVisitedForDays != null) {
    const last = lastVisitOf(records.visits, asOf);
    if (last && daysBetween(last.date, asOf) < filter.notVisitedForDays) return false;
  }
  return true;
}

/**
 * A page of a manager's key accounts that the caller may see and the filter keeps. Contracts and visits
 * are read only when the filter needs them, for the whole portfolio in one batch each; the same loaders
 * then serve the page's own `contracts`, `visits`, `lastVisit` and `contractsEnding` without another trip.
 */
export async function portfolioPage(
  managerId: string,
  count: number,
  from: string | null | undefined,
  rawFilter: KeyAccountFilter | null | undefined,
  ctx: KeyAccountContext,
): Promise<KeyAccount[]> {
  const filter = checkedFilter(rawFilter);
  let accounts = await visible(ctx.scope, await ctx.loaders.portfolios.load(managerId), (k) => k.customerId);
  if (filter) {
    const needContracts = filter.contractsEndingWithinDays != null;
    const needVisits = filter.notVisitedForDays != null;
    const [contracts, visits] = await Promise.all([
      needContracts ? Promise.all(accounts.map((k) => ctx.loaders.contracts.load(k.id))) : null,
      needVisits ? Promise.all(accounts.map((k) => ctx.loaders.visits.load(k.id))) : null,
    ]);
    accounts = accounts.filter((k, i) => matches(k, filter, ctx.asOf, { contracts: contracts?.[i] ?? [], visits: visits?.[i] ?? [] }));
  }
  return pageOf(accounts.map(toKeyAccount), (k) => k.id, count, from, PORTFOLIO, "portfolio");
}
