import type { SegmentDimension } from "../../adapters/snapshot/port.js";

const LEVELS = { VERY_HIGH: "很高", HIGH: "高", MEDIUM: "中", LOW: "低", VERY_LOW: "很低" };

/** The seed's Chinese terms for the enum values a segment key holds; codes (regions, industries) have none. */
const LABELS: Partial<Record<SegmentDimension, Record<string, string>>> = {
  KIND: { RESIDENTIAL: "住宅客户", BUSINESS: "单位客户", INDIVIDUAL_KEY_ACCOUNT: "个人大客户", ENTERPRISE_KEY_ACCOUNT: "企业大客户" },
  VALUE_TIER: { LOW_LET_GO: "低价值可放弃", LOW_KEEP: "低价值需保持", ORDINARY: "普通", HIGH: "高价值", IMPORTANT: "重要" },
  CREDIT_LIST: { RED: "红名单", GREY: "灰名单", BLACK: "黑名单" },
  CHURN_LEVEL: LEVELS,
  RELATIONSHIP: { BUY_OUT: "买断型", COOPERATIVE: "合作双赢型" },
  SATISFACTION_LEVEL: { VERY_HIGH: "非常满意", HIGH: "满意", MEDIUM: "基本满意", LOW: "不满意", VERY_LOW: "很不满意" },
  LOYALTY_LEVEL: { VERY_HIGH: "非常忠诚", HIGH: "忠诚", MEDIUM: "基本忠诚", LOW: "不忠诚", VERY_LOW: "很不忠诚" },
  RELATIONSHIP_STATUS: { CURRENT: "现有客户", POTENTIAL: "潜在客户", FORMER: "历史客户", COMPETITORS: "竞争者客户", SHARED_WITH_COMPETITOR: "互连互通客户" },
};

export function segmentLabel(dimension: SegmentDimension, value: string | null): string | null {
  return value === null ? null : (LABELS[dimension]?.[value] ?? null);
}
