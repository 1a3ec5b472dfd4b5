import "reflect-metadata";
import { describe, expect, it } from "vitest";
import type { BusinessHallPort, SurveyAnswer, WorkOrder } from "../../adapters/business-hall/port.js";
import type { Caller } from "../../schema/caller.js";
import { MemorySnapshot } from "../../tests/support/memory-snapshot.js";
import { scopeFor } from "../kit/scope.js";
import { profileContext } from "./context.js";
import { CustomerChurnRecordsResolver } from "./customer-churn.resolver.js";
import type { Customer } from "./types.js";

const CUSTOMER = "320100000007";
const order = (overrides: Partial<WorkOrder>): WorkOrder => ({
  orderNo: "GD202601010000000001",
  customerId: CUSTOMER,
  serviceNo: "02550000001",
  type: "INSTALLATION",
  acceptedAt: "2026-01-01T09:00:00+08:00",
  completedOn: "2026-01-02",
  status: "COMPLETED",
  removalReason: null,
  competitor: null,
  previousCustomerId: null,
  ...overrides,
});
const ORDERS = [
  order({}),
  order({ orderNo: "GD2", type: "TRANSFER", previousCustomerId: "440190000007" }),
  order({ orderNo: "GD3", type: "TRANSFER", previousCustomerId: "320190000007" }),
];
const SURVEY: SurveyAnswer = {
  id: "100000000056",
  customerId: CUSTOMER,
  surveyDate: "2026-05-01",
  scale: "HUNDRED_POINT",
  scores: { image: 90, attitude: 80, serviceQuality: 70, care: 60, reliability: 50, timeliness: 40, security: 30, qualityForPrice: 20, priceForQuality: 10 },
  usesOtherCarrier: true,
};

/** A hall that holds one customer's work orders and survey, and counts how often it is asked. */
function hall() {
  const calls = { workOrders: 0, surveys: 0 };
  const port = {
    async getWorkOrders(ids: readonly string[]) {
      calls.workOrders++;
      return new Map(ids.map((id) => [id, id === CUSTOMER ? ORDERS : []]));
    },
    async getSurveyAnswers(ids: readonly string[]) {
      calls.surveys++;
      return new Map(ids.map((id) => [id, id === CUSTOMER ? [SURVEY] : []]));
    },
  };
  return { port: port as unknown as BusinessHallPort, calls };
}

function contextFor(caller: Partial<Caller>, port: BusinessHallPort) {
  const scope = scopeFor({ subject: "t", roles: ["agent"], region: "3201", managerId: null, pii: false, ...caller }, async () => []);
  return profileContext(port, scope, new MemorySnapshot([]));
}

const customer = (id: string) => ({ id }) as Customer;

describe("a customer's work orders and surveys", () => {
  it("names a former owner only to a caller who may see that customer", async () => {
    const { port } = hall();
    const resolver = new CustomerChurnRecordsResolver();
    const agent = await resolver.workOrders(customer(CUSTOMER), 20, null, contextFor({}, port));
    expect(agent.map((o) => [o.orderNo, o.type, o.previousCustomerId])).toEqual([
      ["GD202601010000000001", "INSTALLATION", null],
      ["GD2", "TRANSFER", null],
      ["GD3", "TRANSFER", "320190000007"],
    ]);
    const admin = await resolver.workOrders(customer(CUSTOMER), 20, null, contextFor({ roles: ["admin"], region: "HQ" }, port));
    expect(admin[1]?.previousCustomerId).toBe("440190000007");
  });

  it("reads the work orders and surveys of many customers in one call each, and pages them", async () => {
    const { port, calls } = hall();
    const ctx = contextFor({ roles: ["admin"], region: "HQ" }, port);
    const resolver = new CustomerChurnRecordsResolver();
    const [first, others, surveys] = await Promise.all([
      resolver.workOrders(customer(CUSTOMER), 1, "GD202601010000000001", ctx),
      resolver.workOrders(customer("320100000008"), 20, null, ctx),
      resolver.surveys(customer(CUSTOMER), 20, null, ctx),
    ]);
    expect(calls).toEqual({ workOrders: 1, surveys: 1 });
    expect(first.map((o) => o.orderNo)).toEqual(["GD2"]);
    expect(others).toEqual([]);
    expect(surveys).toEqual([{ surveyId: SURVEY.id, surveyDate: "2026-05-01", scale: "HUNDRED_POINT", answers: SURVEY.scores, usesOtherCarrier: true }]);
    await expect(resolver.workOrders(customer(CUSTOMER), 101, null, ctx)).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
  });
});
