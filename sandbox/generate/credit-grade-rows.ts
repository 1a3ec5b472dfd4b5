import { compactDate } from "./dates.js";
import type { CustomerPlan, World } from "./plan.js";
import { Rng } from "./rng.js";
import type { RowSink } from "./sink.js";

/** Added to the seed for the customers' credit-grade streams, so the customer's main stream never shifts with them. */
const CREDIT_GRADE_STREAM = 0x637267;
/** Id slots per customer in CREDIT_GRADE_HIS: a grade and, sometimes, its lifting. */
export const GRADE_SLOTS = 4;

/** CREDIT_GRADE_HIS.CREDIT_GRADE and LIST_TYPE codes (sandbox/schema/billing.ts). */
type Grade = "A" | "B" | "C" | "D" | "E";
type ListType = "R" | "G" | "B" | "0";

/** What the billing history did that credit control reacts to: the day of the stain, the due day of the first bill left unpaid. */
export interface CreditEvents {
  stainDay: number | null;
  unpaidDueDay: number | null;
}

interface Setting {
  grade: Grade;
  list: ListType;
  reason: string;
  /** The earliest day it can have been set: after what it reacts to. */
  after: number;
  /** Why the grade was lifted later, when it is. */
  lifted: string;
}

/**
 * Why credit control (信控) would set a customer's grade by hand, and how often: a former customer whose lines
 * were all removed while still owing (欠费拆机, the seed's 非在用客户黑名单); a customer caught using the service
 * illegally, after the stop; one who stopped paying, after dunning had run for a month or more; a key account
 * vouched for by its manager; now and then an ordinary customer whose record was corrected on appeal. Together
 * about 1.3 % of customers, two thirds of them former customers whose lines were removed for arrears (arrears-removals.ts).
 */
function settingFor(world: World, plan: CustomerPlan, events: CreditEvents, rng: Rng): Setting | null {
  const lately = world.asOfDay - rng.int(5, 700);
  const removals = plan.services.map((s) => s.removedDay);
  const lastRemoval = removals.every((day) => day !== null) ? Math.max(...(removals as number[])) : null;
  // Owing when the last line went: the first bill left unpaid was made while a line was still held.
  if (lastRemoval !== null && events.unpaidDueDay !== null && events.unpaidDueDay <= lastRemoval + 51 && rng.chance(0.6)) {
    const after = Math.max(lastRemoval, events.unpaidDueDay) + rng.int(30, 90);
    return { grade: "E", list: "B", reason: "拆机后欠费未清，列入非在用客户黑名单", after, lifted: "欠费已追缴结清，恢复系统评定" };
  }
  if (plan.stain === "ILLEGAL_USE" && events.stainDay !== null && rng.chance(0.3)) {
    const after = events.stainDay + rng.int(1, 20);
    return { grade: "E", list: "B", reason: "违章使用业务，经稽核确认，人工列入黑名单", after, lifted: "违章处理完毕并缴清罚款，恢复系统评定" };
  }
  if ((plan.kind === "03" || plan.kind === "04") && rng.chance(0.015)) {
    return { grade: "A", list: "0", reason: "大客户经理担保，人工上调信用等级", after: lately, lifted: "担保期满，恢复系统评定" };
  }
  if (plan.habit === "ARREARS" && events.unpaidDueDay !== null && rng.chance(0.015)) {
    const after = events.unpaidDueDay + rng.int(30, 90);
    return rng.chance(0.5)
      ? { grade: "E", list: "B", reason: "欠费停机后多次催缴无果，人工列入黑名单", after, lifted: "欠费已全部结清，恢复系统评定" }
      : { grade: "D", list: "G", reason: "连续欠费，信控人工降级", after, lifted: "欠费已结清，恢复系统评定" };
  }
  if (rng.chance(0.001)) {
    return { grade: "B", list: "0", reason: "客户申诉，核实缴费记录无误，人工调整信用等级", after: lately, lifted: "复核后恢复系统评定" };
  }
  return null;
}

/**
 * The customer's credit grades set by hand (CREDIT_GRADE_HIS), from the customer's own stream: a grade set
 * after what it reacts to and never in the customer's first month, none when that day has not come by the
 * as-of date, and for a fifth of them a later row lifting it again. Ids are the customer's slots.
 */
export function emitCreditGrades(world: World, plan: CustomerPlan, events: CreditEvents, sink: RowSink, schema: string): void {
  const rng = new Rng(world.seed + CREDIT_GRADE_STREAM, plan.index);
  const setting = settingFor(world, plan, events, rng);
  if (setting === null) return;
  const setDay = Math.max(plan.createdDay + 30, setting.after);
  if (setDay > world.asOfDay) return;
  const staff = `XK${plan.region.code}${String(rng.int(1, 12)).padStart(3, "0")}`;
  const id = plan.index * GRADE_SLOTS;
  sink.row(schema, "CREDIT_GRADE_HIS", [id, plan.index, setting.grade, setting.list, setting.reason, staff, compactDate(setDay), null]);
  const liftDay = setDay + rng.int(30, 300);
  if (rng.chance(0.2) && liftDay <= world.asOfDay) {
    sink.row(schema, "CREDIT_GRADE_HIS", [id + 1, plan.index, "0", "0", setting.lifted, staff, compactDate(liftDay), null]);
  }
}
