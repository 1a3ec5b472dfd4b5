import { z } from "zod";
import { parseRecord } from "../kit/parse.js";
import { code } from "../kit/values.js";
import { customerId, date, localTime, name, numericId, orNone, read, serviceNo } from "./fields.js";
import type { ChurnCount, ChurnCountGroup, Competitor, ProfileFacts, RemovalReason, WorkOrder, WorkOrderStatus, WorkOrderType } from "./port.js";

/** The hall's work-order code tables (sandbox/schema/hall.ts); a code outside them makes the record malformed. */
export const ORDER_TYPES = { "01": "INSTALLATION", "02": "REMOVAL", "03": "MOVE", "04": "TRANSFER" } as const satisfies Record<string, WorkOrderType>;
const ORDER_STATUS = { "0": "ACCEPTED", "1": "DISPATCHED", "2": "COMPLETED", "3": "CANCELLED" } as const satisfies Record<string, WorkOrderStatus>;
export const REMOVAL_REASON_CODES = {
  "01": "MOVED_AWAY",
  "02": "PRICE",
  "03": "QUALITY",
  "04": "COMPETITOR",
  "05": "ARREARS",
  "06": "DECEASED_OR_CLOSED",
  "09": "OTHER",
} as const satisfies Record<string, RemovalReason>;
const COMPETITOR_CODES = { "01": "CHINA_MOBILE", "02": "CHINA_UNICOM", "03": "CHINA_BROADNET", "09": "OTHER" } as const satisfies Record<string, Competitor>;

const orderNo = z.string().regex(/^[A-Z0-9]{1,20}$/, "not a work order number");
const count = z.string().regex(/^\d{1,15}$/, "not a count").transform(Number);

const orderFields = {
  OrderNo: orderNo,
  ServNo: serviceNo,
  OrderType: code(ORDER_TYPES),
  AcceptTime: localTime,
  FinishDate: orNone(date),
  Status: code(ORDER_STATUS),
  ReasonCode: orNone(code(REMOVAL_REASON_CODES)),
  CompetitorCode: orNone(code(COMPETITOR_CODES)),
};

type OrderFields = z.output<z.ZodObject<typeof orderFields>>;

/** What the hall's codes allow together: a finish date exactly on completed orders, reasons on removals, a competitor with that reason. */
function consistent(r: OrderFields, ctx: z.RefinementCtx): void {
  if ((r.Status === "COMPLETED") !== (r.FinishDate !== null)) {
    ctx.addIssue({ code: "custom", path: ["FinishDate"], message: r.FinishDate === null ? "a completed order without a finish date" : `a finish date on a ${r.Status.toLowerCase()} order` });
  }
  if (r.ReasonCode !== null && r.OrderType !== "REMOVAL") ctx.addIssue({ code: "custom", path: ["ReasonCode"], message: `a removal reason on a ${r.OrderType.toLowerCase()} order` });
  if (r.CompetitorCode !== null && r.ReasonCode !== "COMPETITOR") ctx.addIssue({ code: "custom", path: ["CompetitorCode"], message: "a competitor without the reason COMPETITOR" });
}

const workOrderFact = z.object(orderFields).superRefine(consistent).transform(
  (r): ProfileFacts["workOrders"][number] => ({
    orderNo: r.OrderNo,
    serviceNo: r.ServNo,
    type: r.OrderType,
    acceptedAt: r.AcceptTime,
    completedOn: r.FinishDate,
    status: r.Status,
    removalReason: r.ReasonCode,
    competitor: r.CompetitorCode,
  }),
);

const workOrderRecord = z
  .object({ ...orderFields, CustNo: customerId, OldCustNo: orNone(customerId) })
  .superRefine(consistent)
  .transform(
  (r): WorkOrder => ({
    orderNo: r.OrderNo,
    customerId: r.CustNo,
    serviceNo: r.ServNo,
    type: r.OrderType,
    acceptedAt: r.AcceptTime,
    completedOn: r.FinishDate,
    status: r.Status,
    removalReason: r.ReasonCode,
    competitor: r.CompetitorCode,
    previousCustomerId: r.OldCustNo,
  }),
);

const churnStatRecord = z
  .object({
    OrderType: code({ "02": "REMOVAL", "03": "MOVE" } as const),
    ReasonCode: orNone(code(REMOVAL_REASON_CODES)),
    CompetitorCode: orNone(code(COMPETITOR_CODES)),
    LineCount: count,
    CustCount: count,
  })
  .transform(
    (r): ChurnCountGroup => ({ type: r.OrderType, removalReason: r.ReasonCode, competitor: r.CompetitorCode, lines: r.LineCount, customers: r.CustCount }),
  );

const churnAnswerRecord = z.object({ OtherCarrierCount: count });

const recordedSurveyRecord = z.object({
  SurveyId: numericId,
  SurveyDate: date,
  /** AddSurvey records the hundred-point scale only. */
  Scale: code({ "2": "HUNDRED_POINT" } as const),
  /** Y when the hall had recorded the survey under this ClientSerial before. */
  RepeatFlag: code({ Y: true, N: false } as const),
});

export const readWorkOrder = (raw: unknown) => read(workOrderRecord, raw, name("WorkOrderInfo", raw, "OrderNo"));
/** One work order nested in CustFacts, named as QueryWorkOrderList names it; it throws, for the facts reader to make the customer's error. */
export const readWorkOrderFact = (raw: unknown) => parseRecord(workOrderFact, raw, "business-hall", name("WorkOrderInfo", raw, "OrderNo"));

/** QueryChurnStat's answer: the whole count, or the error of the first part that cannot be read (a count is never partly served). */
export function parseChurnCount(answer: Record<string, unknown>, groups: unknown[]): ChurnCount {
  const { OtherCarrierCount } = parseRecord(churnAnswerRecord, answer, "business-hall", "QueryChurnStatRsp");
  return { groups: groups.map((raw) => parseRecord(churnStatRecord, raw, "business-hall", name("ChurnStat", raw, "OrderType"))), otherCarrierCustomers: OtherCarrierCount };
}

export const parseRecordedSurvey = (raw: unknown) => parseRecord(recordedSurveyRecord, raw, "business-hall", name("AddSurveyRsp", raw, "SurveyId"));
