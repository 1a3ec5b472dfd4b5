import {
  positionOf,
  type LevelCounts,
  type LevelMonth,
  type MonthlyJudgement,
  type ScoreLevel,
  type Segment,
  type SegmentDimension,
  type SnapshotFilter,
  type SnapshotPage,
  type SnapshotPageRequest,
  type SnapshotReader,
  type SnapshotRow,
  type SnapshotScope,
} from "../../adapters/snapshot/port.js";

type Method = "latest" | "page" | "count" | "segments" | "history" | "levelHistory";

/**
 * The snapshot port in memory, for unit tests of what reads it: the same filters, scope, keyset order
 * (rows without a value last in both directions) and groups as the store promises, with its calls
 * counted and a switch that makes every call fail.
 */
export class MemorySnapshot implements SnapshotReader {
  readonly calls: Record<Method, number> = { latest: 0, page: 0, count: 0, segments: 0, history: 0, levelHistory: 0 };
  failure: Error | null = null;

  constructor(
    public rows: SnapshotRow[],
    public months = new Map<string, MonthlyJudgement[]>(),
    public finished: { asOf: string; computedAt: string } | null = { asOf: "2026-11-15", computedAt: "2026-11-15T02:00:00.000Z" },
  ) {}

  private call(method: Method): void {
    this.calls[method] += 1;
    if (this.failure) throw this.failure;
  }

  async latest() {
    this.call("latest");
    return this.finished;
  }

  async page({ filter, scope, order, after, first }: SnapshotPageRequest): Promise<SnapshotPage> {
    this.call("page");
    const sign = order.direction === "ASC" ? 1 : -1;
    const compare = (a: SnapshotRow, b: SnapshotRow) => {
      const [x, y] = [positionOf(order, a), positionOf(order, b)];
      if ((x.value === null) !== (y.value === null)) return x.value === null ? 1 : -1;
      const byValue = x.value === null || y.value === null || x.value === y.value ? 0 : x.value < y.value ? -sign : sign;
      return byValue || (x.customerId < y.customerId ? -sign : x.customerId > y.customerId ? sign : 0);
    };
    const sorted = this.matching(filter, scope).sort(compare);
    const start = after === null ? 0 : sorted.findIndex((row) => compare(row, { ...row, ...rowAt(order.field, after.value), customerId: after.customerId }) > 0);
    const rest = start < 0 ? [] : sorted.slice(start);
    return { rows: rest.slice(0, first), hasNextPage: rest.length > first };
  }

  async count(filter: SnapshotFilter, scope: SnapshotScope): Promise<number> {
    this.call("count");
    return this.matching(filter, scope).length;
  }

  async segments(groupBy: readonly SegmentDimension[], filter: SnapshotFilter, scope: SnapshotScope): Promise<Segment[]> {
    this.call("segments");
    const groups = new Map<string, Segment>();
    for (const row of this.matching(filter, scope)) {
      const key = groupBy.map((d) => keyOf(d, row));
      const id = JSON.stringify(key);
      const group = groups.get(id) ?? { key, count: 0, revenue12mFen: 0, arrearsFen: 0 };
      groups.set(id, { key, count: group.count + 1, revenue12mFen: group.revenue12mFen + (row.revenue12mFen ?? 0), arrearsFen: group.arrearsFen + (row.arrearsFen ?? 0) });
    }
    return [...groups.values()].sort((a, b) => JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)));
  }

  async history(customerIds: readonly string[], months: number): Promise<Map<string, MonthlyJudgement[]>> {
    this.call("history");
    return new Map(customerIds.map((id) => [id, (this.months.get(id) ?? []).slice(0, months)]));
  }

  /** The months of `months`' rows (newest first, as `history` keeps them), the newest `months` month labels of any row. */
  async levelHistory(groupBy: readonly SegmentDimension[], filter: SnapshotFilter, scope: SnapshotScope, months: number): Promise<LevelMonth[]> {
    this.call("levelHistory");
    const labels = [...new Set([...this.months.values()].flat().map((m) => m.month))].sort().slice(-months);
    const groups = new Map<string, { month: string; key: (string | null)[]; rows: MonthlyJudgement[] }>();
    for (const row of this.matching(filter, scope)) {
      const key = groupBy.map((d) => keyOf(d, row));
      for (const judgement of this.months.get(row.customerId) ?? []) {
        if (!labels.includes(judgement.month)) continue;
        const id = JSON.stringify([judgement.month, key]);
        const group = groups.get(id) ?? { month: judgement.month, key, rows: [] };
        group.rows.push(judgement);
        groups.set(id, group);
      }
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, g]) => ({
        month: g.month,
        key: g.key,
        customers: g.rows.length,
        satisfaction: counted(g.rows.map((m) => [m.satisfactionLevel, m.satisfactionScore])),
        loyalty: counted(g.rows.map((m) => [m.loyaltyLevel, m.loyaltyScore])),
      }));
  }

  async close(): Promise<void> {}

  private matching(filter: SnapshotFilter, scope: SnapshotScope): SnapshotRow[] {
    return this.rows.filter(
      (row) =>
        (scope.regionPrefix === null || row.regionCode.startsWith(scope.regionPrefix)) &&
        (scope.customerIds === null || scope.customerIds.includes(row.customerId)) &&
        Object.entries(filter).every(([key, value]) => {
          if (key === "regionCode") return row.regionCode.startsWith(value as string);
          if (key === "productCode") return row.productCodes.includes(value as never);
          if (key === "abnormalFlag") return row.abnormalFlags.includes(value as never);
          return row[key as keyof SnapshotRow] === value;
        }),
    );
  }
}

function rowAt(field: SnapshotPageRequest["order"]["field"], value: number | string | null): Partial<SnapshotRow> {
  return { CUSTOMER_ID: {}, CREDIT_SCORE: { creditScore: value as number }, REVENUE_12M: { revenue12mFen: value as number }, ARREARS: { arrearsFen: value as number }, ARPU: { arpuFen: value as number } }[field];
}

function counted(judged: [ScoreLevel | null, number | null][]): LevelCounts {
  const made = judged.filter(([level]) => level !== null);
  const levels = { VERY_HIGH: 0, HIGH: 0, MEDIUM: 0, LOW: 0, VERY_LOW: 0 };
  for (const [level] of made) levels[level as ScoreLevel] += 1;
  const average = made.length === 0 ? null : Math.round((made.reduce((sum, [, score]) => sum + (score ?? 0), 0) / made.length) * 100) / 100;
  return { levels, judged: made.length, averageScore: average };
}

function keyOf(dimension: SegmentDimension, row: SnapshotRow): string | null {
  const keys: Record<SegmentDimension, string | null> = {
    PROVINCE: row.regionCode.slice(0, 2),
    LOCAL_NETWORK: row.regionCode,
    KIND: row.kind,
    INDUSTRY: row.industryCode,
    VALUE_TIER: row.valueTier,
    CREDIT_LIST: row.creditList,
    CHURN_LEVEL: row.churnRiskLevel,
    RELATIONSHIP: row.relationship,
    SATISFACTION_LEVEL: row.satisfactionLevel,
    LOYALTY_LEVEL: row.loyaltyLevel,
    RELATIONSHIP_STATUS: row.relationshipStatus,
  };
  return keys[dimension];
}
