import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { SegmentDimension } from "../../adapters/snapshot/port.js";
import { badUserInput } from "../kit/errors.js";
import { fromSnapshot, snapshotMissing } from "../kit/snapshot.js";
import type { ProfileContext } from "./context.js";
import { snapshotScope, withinRegion } from "./customer-page.js";
import { checkedFilter, CustomerFilter } from "./filter.js";
import { segmentLabel } from "./segment-labels.js";
import { SegmentDimensionEnum, SegmentReport } from "./snapshot-types.js";

export const MAX_SEGMENT_DIMENSIONS = 3;

@Resolver()
export class SegmentResolver {
  @Query(() => SegmentReport, {
    nullable: true,
    description:
      "The customers the caller may see that match the filter, grouped by one to three dimensions, with each group's count and sums, " +
      "from the judgement snapshot (the same customers customers(filter) lists, so the counts add up to its totalCount).",
  })
  async segments(
    @Arg("groupBy", () => [SegmentDimensionEnum], { description: `1 to ${MAX_SEGMENT_DIMENSIONS} dimensions, each at most once; keys follow their order.` }) groupBy: SegmentDimension[],
    @Arg("filter", () => CustomerFilter, { nullable: true, description: "As customers takes it: every criterion given must hold." }) filter: CustomerFilter | null | undefined,
    @Ctx() ctx: ProfileContext,
  ): Promise<SegmentReport | null> {
    if (groupBy.length < 1 || groupBy.length > MAX_SEGMENT_DIMENSIONS) throw badUserInput(`groupBy takes 1 to ${MAX_SEGMENT_DIMENSIONS} dimensions`);
    if (new Set(groupBy).size !== groupBy.length) throw badUserInput("groupBy names a dimension twice");
    const checked = checkedFilter(filter);
    const scope = await snapshotScope(ctx);
    const latest = await fromSnapshot("latest", () => ctx.snapshot.latest());
    if (!latest) throw snapshotMissing();
    const narrowed = withinRegion(checked, scope.regionPrefix);
    const segments = narrowed === null ? [] : await fromSnapshot("segments", () => ctx.snapshot.segments(groupBy, narrowed, scope));
    const groups = segments.map((segment) => ({
      key: segment.key.map((value, i) => {
        const dimension = groupBy[i] as SegmentDimension;
        return { dimension, value, label: segmentLabel(dimension, value) };
      }),
      count: segment.count,
      revenue12mFen: segment.revenue12mFen,
      arrearsFen: segment.arrearsFen,
    }));
    return { groups, totalCount: groups.reduce((sum, group) => sum + group.count, 0), snapshotAsOf: latest };
  }
}
