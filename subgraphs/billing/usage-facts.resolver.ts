import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import type { UsageSummary } from "../../adapters/billing/port.js";
import { JSONObject } from "../kit/scalars.js";
import type { ServiceUsageFacts } from "../kit/usage-facts.js";
import type { BillingContext } from "./context.js";
import { Customer } from "./types.js";

/**
 * Each service's usage summed per cycle over its call classes, in the cycles before the as-of month (the as-of
 * month is still being rated), oldest service number first, newest cycle first.
 */
export function usageFactsOf(summaries: readonly UsageSummary[], asOf: string): ServiceUsageFacts {
  const asOfMonth = asOf.slice(0, 7);
  const sums = new Map<string, ServiceUsageFacts["usage"][number]>();
  for (const s of summaries) {
    if (s.month >= asOfMonth) continue;
    const key = `${s.serviceNo}|${s.month}`;
    const sum = sums.get(key) ?? { serviceNo: s.serviceNo, month: s.month, records: 0, feeFen: 0 };
    sum.records += s.records;
    sum.feeFen += s.feeFen;
    sums.set(key, sum);
  }
  return { usage: [...sums.values()].sort((a, b) => (a.serviceNo !== b.serviceNo ? (a.serviceNo < b.serviceNo ? -1 : 1) : a.month < b.month ? 1 : a.month > b.month ? -1 : 0)) };
}

@Resolver(() => Customer)
export class CustomerUsageFactsResolver {
  /**
   * Plumbing for the insights subgraph (@requires, little-used lines); hidden from consumers by @inaccessible. The
   * customer's services are those of its billing facts, which the same request reads for the judgement anyway;
   * their summaries are then one batch for every customer asked.
   */
  @FieldResolver(() => JSONObject, { nullable: true })
  @Directive("@inaccessible")
  async serviceUsageFacts(@Root() customer: Customer, @Ctx() ctx: BillingContext): Promise<ServiceUsageFacts> {
    const facts = await ctx.loaders.facts.load(customer.id);
    const serviceNos = [...new Set((facts?.services ?? []).map((s) => s.serviceNo))];
    const lists = await ctx.loaders.usageSummaries.loadMany(serviceNos);
    const summaries: UsageSummary[] = [];
    for (const list of lists) {
      if (list instanceof Error) throw list;
      summaries.push(...list);
    }
    return usageFactsOf(summaries, ctx.asOf);
  }
}
