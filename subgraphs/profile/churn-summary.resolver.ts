import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { z } from "zod";
import type { ChurnCount, ChurnCountRequest, RemovalReason } from "../../adapters/business-hall/port.js";
import { badUserInput } from "../kit/errors.js";
import { LocalDate } from "../kit/scalars.js";
import type { ProfileContext } from "./context.js";
import { snapshotScope } from "./customer-page.js";
import { ChurnFilter, ChurnSummary } from "./churn.types.js";
import { CustomerKind, Education, ProductCode } from "./types.js";

/** The longest period counted: ten years, the hall's own limit. */
const MAX_PERIOD_DAYS = 3660;

/** The seed's words for the reasons (流失原因). */
export const REASON_LABELS: Record<RemovalReason, string> = {
  MOVED_AWAY: "迁走",
  PRICE: "资费",
  QUALITY: "质量",
  COMPETITOR: "转网",
  ARREARS: "欠费拆机",
  DECEASED_OR_CLOSED: "死亡/注销",
  OTHER: "其他",
};

const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);
const filterSchema = z.object({
  regionCode: optional(z.string().regex(/^\d{2}(\d{2})?$/, "regionCode must be a province (2 digits) or a local network (4 digits)")),
  kind: optional(z.enum(CustomerKind)),
  industryCode: optional(z.string().regex(/^[A-Z0-9]{1,4}$/, "industryCode must be 1 to 4 capital letters or digits, e.g. J")),
  education: optional(z.enum(Education)),
  productCode: optional(z.enum(ProductCode)),
});

@Resolver()
export class ChurnSummaryResolver {
  @Query(() => ChurnSummary, {
    nullable: true,
    description:
      "Where lost customers went and why (流失的方向, 流失原因, 流失客户的构成): the business hall's removals and moves completed in the period, by reason " +
      "and competitor, over the customers the caller may see that match the filter; counted by the hall in one call whatever the population.",
  })
  async churnSummary(
    @Arg("from", () => LocalDate, { description: "First day of the period (completion dates of the work orders, survey dates)." }) from: string,
    @Arg("to", () => LocalDate, { description: `Last day of the period, at most ${MAX_PERIOD_DAYS} days after from.` }) to: string,
    @Arg("filter", () => ChurnFilter, { nullable: true, description: "The business hall's criteria of the customers and lines counted." }) filter: ChurnFilter | null | undefined,
    @Ctx() ctx: ProfileContext,
  ): Promise<ChurnSummary | null> {
    // The LocalDate scalar has checked both are calendar dates, "YYYY-MM-DD".
    const period = { from, to };
    if (period.from > period.to) throw badUserInput("from must not be after to");
    if ((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 > MAX_PERIOD_DAYS) throw badUserInput(`the period may be at most ${MAX_PERIOD_DAYS} days`);
    const parsed = filterSchema.safeParse({ ...filter });
    if (!parsed.success) throw badUserInput(`filter: ${parsed.error.issues[0]?.message ?? "not a filter"}`);
    const criteria = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as ChurnCountRequest["filter"] & object;
    const scope = await snapshotScope(ctx);
    const prefix = scope.regionPrefix;
    // A region asked outside the caller's own matches nobody: another region's customers are never counted.
    const asked = criteria.regionCode;
    const outside = prefix !== null && asked !== undefined && !asked.startsWith(prefix) && !prefix.startsWith(asked);
    const count: ChurnCount = outside
      ? { groups: [], otherCarrierCustomers: 0 }
      : await ctx.hall.countChurn({ ...period, scope: { customerIdPrefix: prefix, customerIds: scope.customerIds }, filter: criteria });
    return summaryOf(period, count);
  }
}

export function summaryOf(period: { from: string; to: string }, count: ChurnCount): ChurnSummary {
  const sum = (keep: (g: ChurnCount["groups"][number]) => boolean) => count.groups.filter(keep).reduce((total, g) => total + g.lines, 0);
  return {
    ...period,
    linesRemoved: sum((g) => g.type === "REMOVAL"),
    linesMoved: sum((g) => g.type === "MOVE"),
    linesToCompetitors: sum((g) => g.type === "REMOVAL" && g.removalReason === "COMPETITOR"),
    customersUsingCompetitors: count.otherCarrierCustomers,
    groups: count.groups.map((g) => ({
      kind: g.type,
      removalReason: g.removalReason,
      reasonLabel: g.removalReason === null ? null : REASON_LABELS[g.removalReason],
      competitor: g.competitor,
      lines: g.lines,
      customers: g.customers,
    })),
  };
}
