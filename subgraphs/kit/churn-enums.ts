import { COMPETITORS, REMOVAL_REASONS } from "../../adapters/business-hall/port.js";
import { RELATIONSHIP_STATUSES } from "../../adapters/snapshot/port.js";
import { graphqlEnum } from "./enums.js";

/**
 * Churn's enums (seed 002 §3.2.1.9, §3.2.1.10 §2), registered once for every subgraph that names them:
 * profile (work orders, churn counts, filters and segments) and insights (churn events, relationship status).
 */

export const CHURN_EVENT_KINDS = ["REMOVAL", "MOVE", "USAGE_FALL", "COMPETITOR"] as const;

export const ChurnEventKindEnum = graphqlEnum(
  "ChurnEventKind",
  CHURN_EVENT_KINDS,
  "流失类型 (seed 002 §3.2.1.9): removal 拆机 and move 移机 (the business hall's work orders), usage falling below the customer's usual level (billing, judged by insights), use of another carrier (the hall's surveys).",
);
export const RemovalReasonEnum = graphqlEnum(
  "RemovalReason",
  REMOVAL_REASONS,
  "流失原因: why a line was removed, from the business hall's removal order (ReasonCode 01 moved away, 02 price, 03 quality, 04 went to a competitor, 05 unpaid arrears, 06 deceased or business closed, 09 other).",
);
export const CompetitorEnum = graphqlEnum(
  "Competitor",
  COMPETITORS,
  "流失的方向: the carrier a removed line went to, from the business hall's removal order (CompetitorCode 01 China Mobile, 02 China Unicom, 03 China Broadnet, 09 other).",
);
export const RelationshipStatusEnum = graphqlEnum(
  "RelationshipStatus",
  RELATIONSHIP_STATUSES,
  "客户与企业的关系 (seed 002 §3.2.1.10 §2), computed by insights: current 现有, potential 潜在 (never held a line, or a potential key account), former 历史, a competitor's 竞争者客户, shared with a competitor 互连互通 (docs/scoring.md).",
);
