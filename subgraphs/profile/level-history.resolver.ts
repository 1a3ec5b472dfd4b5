import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { LevelCounts, LevelMonth, ScoreLevel, SegmentDimension } from "../../adapters/snapshot/port.js";
import { badUserInput } from "../kit/errors.js";
import { SCORE_LEVELS } from "../kit/judgement-enums.js";
import { fromSnapshot, snapshotMissing } from "../kit/snapshot.js";
import type { ProfileContext } from "./context.js";
import { snapshotScope, withinRegion } from "./customer-page.js";
import { checkedFilter, CustomerFilter } from "./filter.js";
import { LevelHistoryGroup, LevelHistoryReport, type LevelDistribution } from "./level-history.types.js";
import { segmentLabel } from "./segment-labels.js";
import { SegmentDimensionEnum } from "./snapshot-types.js";
import { MAX_SEGMENT_DIMENSIONS } from "./segments.resolver.js";

export const MAX_LEVEL_HISTORY_MONTHS = 36;

/** The seed's terms of the five levels (seed 002 §3.2.1.10 4.). */
const TERMS: Record<"satisfaction" | "loyalty", Record<ScoreLevel, string>> = {
  satisfaction: { VERY_HIGH: "非常满意", HIGH: "满意", MEDIUM: "基本满意", LOW: "不满意", VERY_LOW: "很不满意" },
  loyalty: { VERY_HIGH: "非常忠诚", HIGH: "忠诚", MEDIUM: "基本忠诚", LOW: "不忠诚", VERY_LOW: "很不忠诚" },
};

@Resolver()
export class LevelHistoryResolver {
  @Query(() => LevelHistoryReport, {
    nullable: true,
    description:
      "Satisfaction and loyalty month by month, of the customers the caller may see that match the filter, grouped by zero to three dimensions: " +
      "the levels' counts and the mean scores, from the monthly judgement snapshot (npm run snapshot). Groups and filter read each customer's latest row, as segments do.",
  })
  async levelHistory(
    @Arg("groupBy", () => [SegmentDimensionEnum], { defaultValue: [], description: `0 to ${MAX_SEGMENT_DIMENSIONS} dimensions, each at most once; none: all the customers as one group.` })
    groupBy: SegmentDimension[],
    @Arg("filter", () => CustomerFilter, { nullable: true, description: "As customers takes it: every criterion given must hold." }) filter: CustomerFilter | null | undefined,
    @Arg("months", () => Int, { defaultValue: 12, description: `How many months back from the newest snapshot month, 1 to ${MAX_LEVEL_HISTORY_MONTHS}.` }) months: number,
    @Ctx() ctx: ProfileContext,
  ): Promise<LevelHistoryReport | null> {
    if (groupBy.length > MAX_SEGMENT_DIMENSIONS) throw badUserInput(`groupBy takes at most ${MAX_SEGMENT_DIMENSIONS} dimensions`);
    if (new Set(groupBy).size !== groupBy.length) throw badUserInput("groupBy names a dimension twice");
    if (!Number.isInteger(months) || months < 1 || months > MAX_LEVEL_HISTORY_MONTHS) throw badUserInput(`months must be between 1 and ${MAX_LEVEL_HISTORY_MONTHS}`);
    const checked = checkedFilter(filter);
    const scope = await snapshotScope(ctx);
    const latest = await fromSnapshot("latest", () => ctx.snapshot.latest());
    if (!latest) throw snapshotMissing();
    const narrowed = withinRegion(checked, scope.regionPrefix);
    const rows = narrowed === null ? [] : await fromSnapshot("levelHistory", () => ctx.snapshot.levelHistory(groupBy, narrowed, scope, months));
    return { groups: groupsOf(groupBy, rows), snapshotAsOf: latest };
  }
}

function groupsOf(groupBy: readonly SegmentDimension[], rows: readonly LevelMonth[]): LevelHistoryGroup[] {
  const groups = new Map<string, LevelHistoryGroup & { raw: (string | null)[] }>();
  for (const row of rows) {
    const id = JSON.stringify(row.key);
    let group = groups.get(id);
    if (!group) {
      const key = row.key.map((value, i) => {
        const dimension = groupBy[i] as SegmentDimension;
        return { dimension, value, label: segmentLabel(dimension, value) };
      });
      group = { key, months: [], raw: row.key };
      groups.set(id, group);
    }
    group.months.push({ month: row.month, customers: row.customers, satisfaction: distribution(row.satisfaction, "satisfaction"), loyalty: distribution(row.loyalty, "loyalty") });
  }
  return [...groups.values()].sort((a, b) => compareKeys(a.raw, b.raw)).map(({ key, months }) => ({ key, months }));
}

function distribution(counts: LevelCounts, judgement: "satisfaction" | "loyalty"): LevelDistribution {
  return {
    judged: counts.judged,
    averageScore: counts.averageScore,
    levels: SCORE_LEVELS.map((level) => ({ level, label: TERMS[judgement][level], count: counts.levels[level] })),
  };
}

/** Key order as segments give it: part by part, text order, no value last. */
function compareKeys(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i] ?? null, b[i] ?? null];
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}
