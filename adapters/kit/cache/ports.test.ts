import { describe, expect, it } from "vitest";
import { SOURCE_SYSTEMS, type SourceSystem } from "../errors.js";
import { DEFAULT_CACHE_CONFIG } from "./config.js";
import { memoryCacheStore } from "./memory-store.js";
import { CACHEABLE_METHODS, WRITE_INVALIDATIONS, withCache, type SystemPorts } from "./ports.js";

/**
 * A stand-in for one system's port: each read answers every id with the current version of the data,
 * which a write bumps (answering as a keyed write does, with the record written), and counts the calls per method.
 */
function fakePort(writes: Record<string, (request: Record<string, string>) => unknown>, lookups: Record<string, (id: string) => unknown> = {}) {
  const calls: string[] = [];
  let version = 1;
  const read = (method: string) => async (ids: readonly string[]) => {
    calls.push(method);
    return new Map(ids.map((id) => [id, lookups[method]?.(id) ?? { id, version }]));
  };
  const port = new Proxy({} as Record<string, unknown>, {
    get: (_, method: string) =>
      writes[method]
        ? async (request: Record<string, string>) => {
            calls.push(method);
            version += 1;
            return { record: writes[method]?.(request), replayed: false };
          }
        : read(method),
  });
  return { port, calls };
}

function cached<S extends SourceSystem>(system: S, port: unknown) {
  let time = 1_000_000;
  const wrapped = withCache(system, port as SystemPorts[S], memoryCacheStore({ now: () => time }), DEFAULT_CACHE_CONFIG[system], () => time);
  return { port: wrapped, tick: () => (time += 1) };
}

describe("per-system cache of the ports", () => {
  it("caches records and facts, never writes, paging or a search by personal document number", () => {
    expect(Object.keys(CACHEABLE_METHODS).sort()).toEqual([...SOURCE_SYSTEMS].sort());
    const all: readonly string[] = Object.values(CACHEABLE_METHODS).flat();
    for (const excluded of ["listCustomers", "findCustomerIdsByIdDocumentNumbers", "health", "close"]) expect(all).not.toContain(excluded);
    for (const system of SOURCE_SYSTEMS) {
      for (const write of Object.keys(WRITE_INVALIDATIONS[system])) expect(all).not.toContain(write);
    }
    expect(CACHEABLE_METHODS.billing).toContain("getBillingFacts");
    expect(CACHEABLE_METHODS.network).toContain("getServiceFacts");
  });

  it("leaves the port as it is when the system's cache is disabled", () => {
    const { port } = fakePort({});
    const billing = port as unknown as SystemPorts["billing"];
    expect(withCache("billing", billing, memoryCacheStore(), { enabled: false, ttlMs: 1_000, staleMs: 0 })).toBe(billing);
  });

  it("business hall: a complaint makes its customer's complaints and facts go to the hall again", async () => {
    const fake = fakePort({ recordComplaint: (request) => ({ complaintNo: "C1", customerId: request.customerId }) });
    const { port, tick } = cached("business-hall", fake.port);
    const read = () => Promise.all([port.getComplaints(["320100000001"]), port.getProfileFacts(["320100000001"]), port.getCustomers(["320100000001"])]);
    await read();
    tick();
    await port.recordComplaint({ customerId: "320100000001", type: "BILLING", content: "twice billed", idempotencyKey: "k" });
    tick();
    const [complaints, facts] = await read();
    expect(complaints.get("320100000001")).toEqual({ id: "320100000001", version: 2 });
    expect(facts.get("320100000001")).toEqual({ id: "320100000001", version: 2 });
    expect(fake.calls.sort()).toEqual(["getComplaints", "getComplaints", "getCustomers", "getProfileFacts", "getProfileFacts", "recordComplaint"]);
  });

  it("business hall: a survey makes its customer's surveys and facts go to the hall again", async () => {
    const fake = fakePort({ recordSurvey: (request) => ({ id: "S1", customerId: request.customerId }) });
    const { port, tick } = cached("business-hall", fake.port);
    const read = () => Promise.all([port.getSurveyAnswers(["320100000001"]), port.getProfileFacts(["320100000001"]), port.getWorkOrders(["320100000001"])]);
    await read();
    tick();
    await port.recordSurvey({ customerId: "320100000001", scores: {} as never, usesOtherCarrier: false, idempotencyKey: "k" });
    tick();
    const [surveys, facts, orders] = await read();
    expect(surveys.get("320100000001")).toEqual({ id: "320100000001", version: 2 });
    expect(facts.get("320100000001")).toEqual({ id: "320100000001", version: 2 });
    expect(orders.get("320100000001")).toEqual({ id: "320100000001", version: 1 });
    expect(fake.calls.sort()).toEqual(["getProfileFacts", "getProfileFacts", "getSurveyAnswers", "getSurveyAnswers", "getWorkOrders", "recordSurvey"]);
  });

  it("billing: a payment makes its account's bills (every variant), payments and balance and its customer's facts go to billing again", async () => {
    const fake = fakePort(
      { recordPayment: (request) => ({ paymentId: "P1", accountNo: request.accountNo }) },
      { getAccounts: (accountNo) => ({ accountNo, customerId: "320100000001" }) },
    );
    const { port, tick } = cached("billing", fake.port);
    const account = "88000000000001";
    const read = () =>
      Promise.all([
        port.getBills([account], { unpaidOnly: true }),
        port.getBills([account], {}),
        port.getPayments([account]),
        port.getBillingFacts(["320100000001"]),
        port.getAccountsByCustomer(["320100000001"]),
        port.getDunningActions([account]),
      ]);
    await read();
    await port.getAccounts([account]);
    tick();
    await port.recordPayment({ accountNo: account, amountFen: 100, channel: "HALL", idempotencyKey: "k" });
    tick();
    const [unpaid, bills, payments, facts, accounts, dunning] = await read();
    for (const changed of [unpaid, bills, payments]) expect(changed.get(account)).toMatchObject({ version: 2 });
    for (const changed of [facts, accounts]) expect(changed.get("320100000001")).toMatchObject({ version: 2 });
    expect(dunning.get(account)).toMatchObject({ version: 1 });
    // The payment names its account only: its customer is looked up once, from billing itself.
    expect(fake.calls.filter((method) => method === "getAccounts")).toHaveLength(2);
    expect(fake.calls.filter((method) => method === "getDunningActions")).toHaveLength(1);
  });

  it("billing: a dunning contact makes its account's dunning record and its customer's facts go to billing again", async () => {
    const fake = fakePort(
      { recordDunningContact: (request) => ({ accountNo: request.accountNo, month: request.month }) },
      { getAccounts: (accountNo) => ({ accountNo, customerId: "320100000001" }) },
    );
    const { port, tick } = cached("billing", fake.port);
    const account = "88000000000001";
    const read = () => Promise.all([port.getDunningActions([account]), port.getBillingFacts(["320100000001"]), port.getPayments([account])]);
    await read();
    tick();
    await port.recordDunningContact({ accountNo: account, month: "2026-09", method: "MANUAL", result: "REACHED", idempotencyKey: "k" });
    tick();
    const [dunning, facts, payments] = await read();
    expect(dunning.get(account)).toMatchObject({ version: 2 });
    expect(facts.get("320100000001")).toMatchObject({ version: 2 });
    expect(payments.get(account)).toMatchObject({ version: 1 });
  });

  it("billing: a credit grade set by hand makes its customer's grades and facts go to billing again, and nothing else", async () => {
    const fake = fakePort({ setCreditGrade: (request) => ({ customerId: request.customerId, level: request.level }) });
    const { port, tick } = cached("billing", fake.port);
    const customer = "320100000001";
    const read = () => Promise.all([port.getCreditGrades([customer]), port.getBillingFacts([customer]), port.getSuspensionsByCustomer([customer])]);
    await read();
    tick();
    await port.setCreditGrade({ customerId: customer, level: "LOW", list: null, reason: "连续欠费", setBy: "officer", idempotencyKey: "k" });
    tick();
    const [grades, facts, stains] = await read();
    expect(grades.get(customer)).toMatchObject({ version: 2 });
    expect(facts.get(customer)).toMatchObject({ version: 2 });
    expect(stains.get(customer)).toMatchObject({ version: 1 });
  });

  it("network: a ticket makes its line's tickets and facts go to network management again", async () => {
    const fake = fakePort({ openTroubleTicket: (request) => ({ ticketNo: "T1", serviceNo: request.serviceNo }) });
    const { port, tick } = cached("network", fake.port);
    const read = () => Promise.all([port.getTroubleTickets(["13800000000"], { openOnly: true }), port.getServiceFacts(["13800000000"]), port.getLineStatuses(["13800000000"])]);
    await read();
    tick();
    await port.openTroubleTicket({ serviceNo: "13800000000", faultType: "NOISE", description: "hiss", idempotencyKey: "k" });
    tick();
    const [tickets, facts, lines] = await read();
    expect(tickets.get("13800000000")).toMatchObject({ version: 2 });
    expect(facts.get("13800000000")).toMatchObject({ version: 2 });
    expect(lines.get("13800000000")).toMatchObject({ version: 1 });
  });

  it("key-account: a visit makes its account's visits and its customer's facts go to the key-account system again", async () => {
    const fake = fakePort(
      { recordVisit: (request) => ({ visitId: "V1", keyAccountId: request.keyAccountId }) },
      { getKeyAccounts: (id) => ({ id, customerId: "320100000001" }) },
    );
    const { port, tick } = cached("key-account", fake.port);
    const read = () => Promise.all([port.getVisits(["DK0000000001"]), port.getKeyAccountFacts(["320100000001"]), port.getContracts(["DK0000000001"])]);
    await read();
    tick();
    await port.recordVisit({ keyAccountId: "DK0000000001", managerId: "JL32010001", date: "2026-11-15", method: "PHONE", notes: "", idempotencyKey: "k" });
    tick();
    const [visits, facts, contracts] = await read();
    expect(visits.get("DK0000000001")).toMatchObject({ version: 2 });
    expect(facts.get("320100000001")).toMatchObject({ version: 2 });
    expect(contracts.get("DK0000000001")).toMatchObject({ version: 1 });
  });
});
