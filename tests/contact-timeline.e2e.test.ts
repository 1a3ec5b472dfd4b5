import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { schemaNames } from "../sandbox/schema/names.js";
import { startTestStack, type TestStack } from "./support/stack.js";

const sandbox = inject("sandbox");
// Its own population, so the faults switched here touch no other file's stack.
const PREFIX = "ctl_";
const s = schemaNames(PREFIX);
const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
const DEADLINE_MS = 4_000;
let stack: TestStack;
let customerId: string;
let expected: Touch[];

type Channel = "HALL" | "CALL_CENTRE" | "FAULT_LINE" | "DUNNING" | "KEY_ACCOUNT_VISIT";
type Kind = "COMPLAINT" | "SURVEY" | "WORK_ORDER" | "CALL" | "TROUBLE_TICKET" | "DUNNING" | "VISIT";
interface Touch {
  channel: Channel;
  kind: Kind;
  sourceId: string;
  at: string;
}

const TIMELINE = `query($id: ID!, $first: Int, $after: String, $channels: [TouchChannel!]) {
  customer(id: $id) { name contactTimeline(first: $first, after: $after, channels: $channels) {
    touches { channel kind at summary sourceId cursor } hasNextPage endCursor unreadChannels sources { channel system read } } } }`;

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 400, seed: 5, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf, { deadlineMs: DEADLINE_MS });
  // The key account with touches in the most channels (visits are key accounts' alone; dunning needs arrears).
  const candidates = await rows<{ id: string }>(`SELECT substr("YYKHH", 3) AS id FROM ${s.keyAccount}."DKH_KHXX" k
    WHERE EXISTS (SELECT 1 FROM ${s.keyAccount}."DKH_BFJL" v WHERE v."KHBH" = k."KHBH") ORDER BY 1`);
  let most = 0;
  for (const { id } of candidates) {
    const touches = await directTouches(id);
    const channels = new Set(touches.map((t) => t.channel)).size;
    if (channels > most) [most, customerId, expected] = [channels, id, touches];
  }
  expect(most, "a customer with touches in all five channels").toBe(5);
});
afterAll(async () => {
  await stack?.close();
  await pool.end();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

async function rows<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  return (await pool.query(sql, values)).rows as T[];
}

const carrier = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
const localCompact = (t: string) => `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}+08:00`;
const startOfDay = (date: string) => `${date}T00:00:00+08:00`;

/** The customer's touches read straight from the five systems' tables, as each system's documentation spells them. */
async function directTouches(id: string): Promise<Touch[]> {
  const lines = (await rows<{ serv_no: string; product_code: string }>(`SELECT serv_no, product_code FROM ${s.hall}.tb_user WHERE cust_no = $1`, [id]));
  const complaints = await rows<{ id: string; at: string }>(`SELECT complaint_no AS id, to_char(accept_time, 'YYYY-MM-DD"T"HH24:MI:SS') AS at FROM ${s.hall}.tb_complaint WHERE cust_no = $1`, [id]);
  const surveys = await rows<{ id: string; day: string }>(`SELECT survey_id::text AS id, to_char(survey_date, 'YYYY-MM-DD') AS day FROM ${s.hall}.tb_survey WHERE cust_no = $1`, [id]);
  const orders = await rows<{ id: string; at: string }>(`SELECT order_no AS id, to_char(accept_time, 'YYYY-MM-DD"T"HH24:MI:SS') AS at FROM ${s.hall}.tb_work_order WHERE cust_no = $1`, [id]);
  const voice = lines.filter((l) => l.product_code === "GH" || l.product_code === "YD").flatMap((l) => (l.product_code === "YD" ? [l.serv_no, `86${l.serv_no}`] : [l.serv_no]));
  const calls = await rows<{ id: string; t: string }>(`SELECT call_seq::text AS id, start_time AS t FROM ${s.callCentre}.cc_call WHERE cust_code = $1 OR (cust_code = '' AND caller_no = ANY($2))`, [id, voice]);
  const accNums = lines.map(({ serv_no: n, product_code: p }) => (p === "GH" ? `${n.slice(0, -8)}-${n.slice(-8)}` : p === "YD" ? `86${n}` : p === "KD" ? n.toLowerCase() : n));
  const tickets = await rows<{ id: string; ms: string }>(`SELECT ticket_no AS id, (extract(epoch FROM opened_at) * 1000)::bigint::text AS ms FROM ${s.network}.ticket WHERE acc_num = ANY($1)`, [accNums]);
  const dunning = await rows<{ acct: string; cycle: string; attempt: number; day: string }>(
    `SELECT a."ACCT_NBR" AS acct, d."BILLING_CYCLE_ID" AS cycle, d."ATTEMPT_NO" AS attempt, d."DUN_DATE" AS day
       FROM ${s.billing}."DUNNING" d JOIN ${s.billing}."ACCT" a ON a."ACCT_ID" = d."ACCT_ID" JOIN ${s.billing}."CUST" c ON c."CUST_ID" = a."CUST_ID"
      WHERE c."CUST_CODE" = $1`,
    [`${id.slice(0, 4)}-${id.slice(4)}`],
  );
  const visits = await rows<{ id: string; day: string }>(
    `SELECT v."BFBH"::text AS id, v."BFRQ" AS day FROM ${s.keyAccount}."DKH_BFJL" v JOIN ${s.keyAccount}."DKH_KHXX" k ON k."KHBH" = v."KHBH" WHERE k."YYKHH" = $1`,
    [`KH${id}`],
  );
  return [
    ...complaints.map((c): Touch => ({ channel: "HALL", kind: "COMPLAINT", sourceId: c.id, at: `${c.at}+08:00` })),
    ...surveys.map((v): Touch => ({ channel: "HALL", kind: "SURVEY", sourceId: v.id, at: startOfDay(v.day) })),
    ...orders.map((o): Touch => ({ channel: "HALL", kind: "WORK_ORDER", sourceId: o.id, at: `${o.at}+08:00` })),
    ...calls.map((c): Touch => ({ channel: "CALL_CENTRE", kind: "CALL", sourceId: c.id, at: localCompact(c.t) })),
    ...tickets.map((t): Touch => ({ channel: "FAULT_LINE", kind: "TROUBLE_TICKET", sourceId: t.id, at: carrier(Number(t.ms)) })),
    ...dunning.map((d): Touch => ({ channel: "DUNNING", kind: "DUNNING", sourceId: `${d.acct}/${d.cycle.slice(0, 4)}-${d.cycle.slice(4)}/${d.attempt}`, at: startOfDay(`${d.day.slice(0, 4)}-${d.day.slice(4, 6)}-${d.day.slice(6)}`) })),
    ...visits.map((v): Touch => ({ channel: "KEY_ACCOUNT_VISIT", kind: "VISIT", sourceId: v.id, at: startOfDay(v.day.replaceAll("/", "-")) })),
  ];
}

const key = (t: Touch) => `${t.channel} ${t.kind} ${t.sourceId} ${t.at}`;

async function timeline(variables: Record<string, unknown>, token?: string) {
  return stack.graphql(TIMELINE, { id: customerId, ...variables }, token);
}

describe("the contact time line", () => {
  it("holds every touch of the five systems, the hall's work orders among them, newest first, each with its record's id and a summary", async () => {
    const { data, errors } = await timeline({ first: 200 });
    expect(errors).toBeUndefined();
    const line = data!.customer.contactTimeline;
    const touches: (Touch & { summary: string })[] = line.touches;
    expect(touches.map(key).sort()).toEqual(expected.map(key).sort());
    expect(touches.filter((t) => t.kind === "WORK_ORDER").length).toBeGreaterThan(0);
    for (const order of touches.filter((t) => t.kind === "WORK_ORDER")) expect(order.summary).toMatch(/^Work order at the business hall: (installation|removal|move|transfer)/);
    for (let i = 1; i < touches.length; i++) expect(Date.parse(touches[i]!.at)).toBeLessThanOrEqual(Date.parse(touches[i - 1]!.at));
    expect(touches.every((t) => t.summary.length > 0 && !/\d{11}/.test(t.summary))).toBe(true);
    expect(line).toMatchObject({ hasNextPage: false, unreadChannels: [] });
    expect(line.sources.map((x: { system: string; read: boolean }) => [x.system, x.read])).toEqual([
      ["business-hall", true],
      ["call-centre", true],
      ["network", true],
      ["billing", true],
      ["key-account", true],
    ]);
  });

  it("pages by its cursor, and the pages add up to the whole line", async () => {
    const whole = (await timeline({ first: 200 })).data!.customer.contactTimeline.touches;
    const seen: unknown[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const line: { touches: unknown[]; hasNextPage: boolean; endCursor: string | null } = (await timeline({ first: 4, after })).data!.customer.contactTimeline;
      seen.push(...line.touches);
      if (!line.hasNextPage) break;
      after = line.endCursor;
    }
    expect(seen).toEqual(whole);
  });

  it("keeps to the channels asked for", async () => {
    const { data } = await timeline({ first: 200, channels: ["CALL_CENTRE", "DUNNING"] });
    const line = data!.customer.contactTimeline;
    expect(line.touches.map(key).sort()).toEqual(expected.filter((t) => t.channel === "CALL_CENTRE" || t.channel === "DUNNING").map(key).sort());
    expect(line.sources.map((x: { channel: string }) => x.channel)).toEqual(["CALL_CENTRE", "DUNNING"]);
  });

  it("costs each system the same round trips for one customer's time line and for forty", async () => {
    const LINE = "contactTimeline(first: 5) { touches { kind sourceId } }";
    stack.roundTrips.reset();
    // The key account: its visits are read, as some of the forty's are.
    expect((await stack.graphql(`query($id: ID!) { customer(id: $id) { ${LINE} } }`, { id: customerId })).errors).toBeUndefined();
    const one = stack.roundTrips.snapshot();
    stack.roundTrips.reset();
    expect((await stack.graphql(`{ customers(first: 40) { edges { node { ${LINE} } } } }`)).errors).toBeUndefined();
    expect(stack.roundTrips.snapshot()).toEqual(one);
    expect(one["business-hall"]).toBeGreaterThan(0);
  });

  it("refuses a page over its maximum and a cursor that is not one", async () => {
    for (const variables of [{ first: 201 }, { after: "not-a-cursor" }]) {
      const { data, errors } = await timeline(variables);
      expect(data!.customer.name).toEqual(expect.any(String));
      expect(data!.customer.contactTimeline).toBeNull();
      expect(errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    }
  });

  it("is refused outside the caller's scope, on the customer and on a call asked by its serial", async () => {
    const outsider = await stack.token({ roles: ["agent"], region: customerId.startsWith("11") ? "3201" : "1101", pii: false });
    const { data, errors } = await timeline({}, outsider);
    expect(data!.customer).toBeNull();
    expect(errors!.map((e) => e.extensions?.code)).toContain("FORBIDDEN");
    const call = expected.find((t) => t.channel === "CALL_CENTRE")!;
    const byId = await stack.graphql(`query($id: String!) { callCentreCall(callId: $id) { callId } }`, { id: call.sourceId }, outsider);
    expect(byId.data!.callCentreCall).toBeNull();
    expect(byId.errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN" });
    const own = await stack.graphql(`query($id: String!) { callCentreCall(callId: $id) { callId type customer { id } } }`, { id: call.sourceId }, await stack.token({ roles: ["agent"], region: customerId.slice(0, 4) }));
    expect(own.data!.callCentreCall.callId).toBe(call.sourceId);
  });
});

describe("the customer's calls", () => {
  it("are the call centre's calls of the customer, newest first, with the calling number masked without the PII right", async () => {
    const query = `query($id: ID!) { customer(id: $id) { calls(first: 200) { callId startedAt type outcome callingNumber identified } } }`;
    const full = (await stack.graphql(query, { id: customerId })).data!.customer.calls;
    expect(full.map((c: { callId: string }) => c.callId).sort()).toEqual(expected.filter((t) => t.channel === "CALL_CENTRE").map((t) => t.sourceId).sort());
    expect(full.every((c: { callingNumber: string }) => /^\d{11,12}$/.test(c.callingNumber))).toBe(true);
    const masked = (await stack.graphql(query, { id: customerId }, await stack.token({ pii: false }))).data!.customer.calls;
    expect(masked.every((c: { callingNumber: string }) => c.callingNumber.includes("****"))).toBe(true);
    expect(masked.map((c: { callId: string }) => c.callId)).toEqual(full.map((c: { callId: string }) => c.callId));
  });

  it("cost the call centre one round trip for one customer and for a page of them", async () => {
    const page = `{ customers(first: 40) { edges { node { id calls(first: 1) { callId } } } } }`;
    const one = `query($id: ID!) { customer(id: $id) { calls(first: 1) { callId } } }`;
    stack.roundTrips.reset();
    await stack.graphql(one, { id: customerId });
    const single = stack.roundTrips.get("call-centre");
    stack.roundTrips.reset();
    await stack.graphql(page);
    expect(single).toBe(1);
    expect(stack.roundTrips.get("call-centre")).toBe(1);
  });
});

describe("a sick system costs the time line its own touches only", () => {
  const CASES: [string, Channel, () => { set(f: { down: boolean }): unknown; clear(): void }][] = [
    ["call-centre", "CALL_CENTRE", () => stack.simulators.callCentre.faults],
    ["network", "FAULT_LINE", () => stack.simulators.network.faults],
    ["billing", "DUNNING", () => stack.simulators.billing.faults],
    ["key-account", "KEY_ACCOUNT_VISIT", () => stack.simulators.keyAccount.faults],
  ];
  it.each(CASES)("%s down: the other channels' touches, its channel unread, an error naming it at its source", async (system, channel, faults) => {
    faults().set({ down: true });
    try {
      const { data, errors } = await timeline({ first: 200 });
      const line = data!.customer.contactTimeline;
      expect(line.unreadChannels).toEqual([channel]);
      expect(line.touches.map(key).sort()).toEqual(expected.filter((t) => t.channel !== channel).map(key).sort());
      const index = ["HALL", "CALL_CENTRE", "FAULT_LINE", "DUNNING", "KEY_ACCOUNT_VISIT"].indexOf(channel);
      expect(line.sources[index]).toEqual({ channel, system, read: null });
      const atSource = errors!.filter((e) => e.path?.join(".") === `customer.contactTimeline.sources.${index}.read`);
      expect(atSource).toHaveLength(1);
      expect(atSource[0]!.extensions).toMatchObject({ code: "SOURCE_UNAVAILABLE", source: system });
      for (const error of errors!) expect(error.extensions?.source).toBe(system);
    } finally {
      faults().clear();
    }
  });

  it("the call centre down: the customer's calls are null with an error naming it, the rest of the customer is served", async () => {
    stack.simulators.callCentre.faults.set({ down: true });
    try {
      const { data, errors } = await stack.graphql(`query($id: ID!) { customer(id: $id) { name subscriptions { serviceNo } calls { callId } } }`, { id: customerId });
      expect(data!.customer.name).toEqual(expect.any(String));
      expect(data!.customer.subscriptions.length).toBeGreaterThan(0);
      expect(data!.customer.calls).toBeNull();
      expect(errors).toEqual([expect.objectContaining({ path: ["customer", "calls"], extensions: expect.objectContaining({ source: "call-centre" }) })]);
    } finally {
      stack.simulators.callCentre.faults.clear();
    }
  });
});
