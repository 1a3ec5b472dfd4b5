import "reflect-metadata";
import { describe, expect, it } from "vitest";
import type { BusinessHallPort, Complaint, SurveyAnswer, WorkOrder } from "../../adapters/business-hall/port.js";
import { MemorySnapshot } from "../../tests/support/memory-snapshot.js";
import { scopeFor } from "../kit/scope.js";
import { touchFactsSchema } from "../kit/touches.js";
import { profileContext } from "./context.js";
import { CustomerHallTouchesResolver, workOrderTouch } from "./touches.resolver.js";
import type { Customer } from "./types.js";

const CUSTOMER = "320100000007";
const REMOVAL: WorkOrder = {
  orderNo: "GD202603010000000002",
  customerId: CUSTOMER,
  serviceNo: "13300000002",
  type: "REMOVAL",
  acceptedAt: "2026-03-01T10:20:30+08:00",
  completedOn: "2026-03-02",
  status: "COMPLETED",
  removalReason: "COMPETITOR",
  competitor: "CHINA_MOBILE",
  previousCustomerId: null,
};
const COMPLAINT: Complaint = {
  complaintNo: "TS202605010000000001",
  customerId: CUSTOMER,
  serviceNo: "13300000002",
  type: "BILLING",
  content: "账单有误",
  acceptedAt: "2026-05-01T09:00:00+08:00",
  status: "CLOSED",
};
const SURVEY = { id: "100000000056", customerId: CUSTOMER, surveyDate: "2026-05-01" } as SurveyAnswer;

/** A hall holding one customer's complaint, survey and work orders, counting its round trips per operation. */
function hall() {
  const calls = { complaints: 0, surveys: 0, workOrders: 0 };
  const answer = <T>(list: T[]) => (ids: readonly string[]) => new Map(ids.map((id) => [id, id === CUSTOMER ? list : []]));
  const port = {
    async getComplaints(ids: readonly string[]) {
      calls.complaints++;
      return answer([COMPLAINT])(ids);
    },
    async getSurveyAnswers(ids: readonly string[]) {
      calls.surveys++;
      return answer([SURVEY])(ids);
    },
    async getWorkOrders(ids: readonly string[]) {
      calls.workOrders++;
      return answer([REMOVAL, { ...REMOVAL, orderNo: "GD3", type: "INSTALLATION", completedOn: null, status: "DISPATCHED", removalReason: null, competitor: null }])(ids);
    },
  };
  return { port: port as unknown as BusinessHallPort, calls };
}

describe("the business hall's touches", () => {
  it("make a work order a touch when the hall accepted it, with its type, reason and completion, and no line number", () => {
    expect(workOrderTouch(REMOVAL)).toEqual({
      id: "GD202603010000000002",
      kind: "WORK_ORDER",
      at: "2026-03-01T10:20:30+08:00",
      summary: "Work order at the business hall: removal (competitor), completed 2026-03-02",
    });
    expect(workOrderTouch({ ...REMOVAL, type: "MOVE", removalReason: null, completedOn: null, status: "ACCEPTED" }).summary).toBe("Work order at the business hall: move, accepted");
  });

  it("hold complaints, surveys and work orders, each of its kind, in the time line's contract, one round trip each for many customers", async () => {
    const { port, calls } = hall();
    const scope = scopeFor({ subject: "t", roles: ["hq-analyst"], region: "HQ", managerId: null, pii: false }, async () => []);
    const ctx = profileContext(port, scope, new MemorySnapshot([]));
    const resolver = new CustomerHallTouchesResolver();
    const [own, other] = await Promise.all([CUSTOMER, "320100000008"].map((id) => resolver.hallTouches({ id } as Customer, ctx)));
    expect(touchFactsSchema.parse(own)).toEqual(own);
    expect(own!.touches.map((t) => [t.kind, t.id])).toEqual([
      ["COMPLAINT", "TS202605010000000001"],
      ["SURVEY", "100000000056"],
      ["WORK_ORDER", "GD202603010000000002"],
      ["WORK_ORDER", "GD3"],
    ]);
    expect(own!.touches.every((t) => !/\d{11}/.test(t.summary))).toBe(true);
    expect(other).toEqual({ touches: [] });
    expect(calls).toEqual({ complaints: 1, surveys: 1, workOrders: 1 });
  });
});
