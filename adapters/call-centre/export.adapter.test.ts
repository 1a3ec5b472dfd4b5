import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startCallCentreSimulator, type CallCentreSimulator } from "../../sandbox/call-centre/server.js";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { expectMalformedAt, expectRefusedUpFront, expectUnreachable, rejection, served, testPolicies } from "../kit/testing.js";
import { CallCentreExportAdapter } from "./export.adapter.js";
import { customerParty, lineParty, type Call } from "./port.js";

const sandbox = inject("sandbox");
const schema = `"${schemaNames(sandbox.schemaPrefix).callCentre}"`;
const TYPES: Record<string, string> = { ZX: "INQUIRY", TS: "COMPLAINT", ZA: "FAULT_REPORT", CF: "BILLING_QUESTION", XH: "CANCELLATION_INTENT" };
const OUTCOMES: Record<string, string> = { 1: "RESOLVED", 2: "TRANSFERRED", 3: "CALLBACK" };

let sim: CallCentreSimulator;
let pool: pg.Pool;
const counter = new RoundTripCounter();
let adapter: CallCentreExportAdapter;

beforeAll(async () => {
  sim = await startCallCentreSimulator({ databaseUrl: sandbox.databaseUrl, schema: schemaNames(sandbox.schemaPrefix).callCentre });
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  adapter = new CallCentreExportAdapter({ baseUrl: sim.url, counter, resilience: testPolicies() });
});
afterAll(async () => {
  await pool?.end();
  await sim?.close();
});

interface CallRow {
  call_seq: string;
  caller_no: string;
  cust_code: string;
  call_type: string;
  result_code: string;
  start_time: string;
  talk_secs: number;
  agent_no: string;
}

/** What the adapter should make of a row, written out from the schema's documentation. */
function expected(row: CallRow): Call {
  const t = row.start_time;
  return {
    callId: row.call_seq,
    callingNumber: row.caller_no.length === 13 && row.caller_no.startsWith("86") ? row.caller_no.slice(2) : row.caller_no,
    customerId: row.cust_code === "" ? null : row.cust_code,
    type: TYPES[row.call_type] as Call["type"],
    outcome: OUTCOMES[row.result_code] as Call["outcome"],
    startedAt: `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12)}+08:00`,
    durationSeconds: row.talk_secs,
    agentId: row.agent_no,
  };
}

const newestFirst = (a: Call, b: Call) => b.startedAt.localeCompare(a.startedAt) || Number(b.callId) - Number(a.callId);

async function rows(where: string, params: unknown[]): Promise<CallRow[]> {
  return (await pool.query<CallRow>(`SELECT call_seq::text AS call_seq, caller_no, cust_code, call_type, result_code, start_time, talk_secs, agent_no FROM ${schema}.cc_call WHERE ${where}`, params)).rows;
}

describe("CallCentreExportAdapter over the simulator", () => {
  it("gives a customer the calls its agents identified as theirs, as the table holds them, newest first", async () => {
    const { rows: top } = await pool.query(`SELECT cust_code FROM ${schema}.cc_call WHERE cust_code <> '' GROUP BY cust_code ORDER BY count(*) DESC, cust_code LIMIT 3`);
    const ids = top.map((r) => r.cust_code as string);
    const found = served(await adapter.getCallsByParty(ids.map(customerParty)));
    for (const id of ids) {
      expect(found.get(customerParty(id))).toEqual((await rows("cust_code = $1", [id])).map(expected).sort(newestFirst));
    }
    expect(found.get(customerParty(ids[0]!))!.length).toBeGreaterThan(1);
  });

  it("gives a mobile line the calls no agent identified, under both of the centre's spellings, and none identified as anyone", async () => {
    const { rows: spelled } = await pool.query(
      `SELECT substr(caller_no, 3) AS mobile FROM ${schema}.cc_call WHERE caller_no LIKE '861%' AND length(caller_no) = 13
        AND substr(caller_no, 3) IN (SELECT caller_no FROM ${schema}.cc_call) LIMIT 1`,
    );
    const mobile = spelled[0]?.mobile as string;
    expect(mobile).toMatch(/^1\d{10}$/);
    const calls = served(await adapter.getCallsByParty([lineParty(mobile)])).get(lineParty(mobile))!;
    const table = await rows("caller_no IN ($1, $2) AND cust_code = ''", [mobile, `86${mobile}`]);
    expect(calls).toEqual(table.map(expected).sort(newestFirst));
    expect(calls.every((c) => c.callingNumber === mobile && c.customerId === null)).toBe(true);
  });

  it("answers every asked party, empty when the centre has nothing, and a broadband line without asking", async () => {
    counter.reset();
    const found = served(await adapter.getCallsByParty([lineParty("AD02512345678")]));
    expect(found.get(lineParty("AD02512345678"))).toEqual([]);
    expect(counter.get("call-centre")).toBe(0);
    const none = served(await adapter.getCallsByParty([customerParty("110100000000"), lineParty("13900000000")]));
    expect([...none.values()]).toEqual([[], []]);
  });

  it("costs one round trip for one party or for a hundred customers and their lines", async () => {
    const { rows: many } = await pool.query(`SELECT DISTINCT cust_code FROM ${schema}.cc_call WHERE cust_code <> '' ORDER BY cust_code LIMIT 50`);
    const { rows: lines } = await pool.query(`SELECT DISTINCT caller_no FROM ${schema}.cc_call WHERE caller_no NOT LIKE '86%' ORDER BY caller_no LIMIT 50`);
    const parties = [...many.map((r) => customerParty(r.cust_code)), ...lines.map((r) => lineParty(r.caller_no))];
    counter.reset();
    await adapter.getCallsByParty(parties.slice(0, 1));
    expect(counter.get("call-centre")).toBe(1);
    counter.reset();
    const found = await adapter.getCallsByParty(parties);
    expect(counter.get("call-centre")).toBe(1);
    expect(found.size).toBe(parties.length);
    const small = new CallCentreExportAdapter({ baseUrl: sim.url, counter, resilience: testPolicies(), maxKeys: 40 });
    counter.reset();
    expect(await small.getCallsByParty(parties)).toEqual(found);
    // Mobiles cost two keys each: the split follows the keys, not the parties.
    expect(counter.get("call-centre")).toBeGreaterThanOrEqual(Math.ceil(parties.length / 40));
  });

  it("refuses a party in no known shape before calling the centre", async () => {
    for (const bad of ["320100000006", "customer:3201", "line:025-12345678", "visit:1"]) {
      await expectRefusedUpFront(() => adapter.getCallsByParty([customerParty("320100000006"), bad]), counter, "call-centre");
    }
  });

  it("is SOURCE_UNAVAILABLE when the centre is down, and names the centre", async () => {
    sim.faults.set({ down: true });
    try {
      const error = await rejection(adapter.getCallsByParty([customerParty("320100000006")]));
      expect(error).toMatchObject({ code: "SOURCE_UNAVAILABLE", source: "call-centre" });
    } finally {
      sim.faults.clear();
    }
    await expectUnreachable(new CallCentreExportAdapter({ baseUrl: "http://127.0.0.1:1", counter, resilience: testPolicies() }), (a) => a.getCallsByParty(["customer:320100000006"]), "call-centre");
  });
});

/** A call centre that answers what the test says, to show the adapter exports no healthy centre writes. */
describe("CallCentreExportAdapter over exports it must not trust", () => {
  let server: Server;
  let body = "";
  let status = 200;
  let url = "";
  const HEAD = "CCEXP|1.0|20261115120000\r\nCALL_SEQ|CALLER_NO|CUST_CODE|CALL_TYPE|RESULT_CODE|START_TIME|TALK_SECS|AGENT_NO\r\n";
  const exported = (...lines: string[]) => `${HEAD}${lines.map((l) => `${l}\r\n`).join("")}END|${lines.length}\r\n`;
  const A = "320100000001";
  const B = "320100000002";
  const at = (n: number) => new CallCentreExportAdapter({ baseUrl: url, counter, resilience: testPolicies({ retry: { maxAttempts: n, baseDelayMs: 1, maxDelayMs: 2 } }) });

  beforeAll(async () => {
    server = createServer((_req, res) => void res.writeHead(status, { "content-type": "text/plain" }).end(body));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("makes a record it cannot read its own customer's error, and serves the others", async () => {
    for (const bad of [
      `7|13312345678|${A}|QQ|1|20261102093015|60|A0001`,
      `7|13312345678|${A}|ZX|4|20261102093015|60|A0001`,
      `7|13312345678|${A}|ZX|1|20261302093015|60|A0001`,
      `7|13312345678|${A}|ZX|1|20261102093015|-5|A0001`,
      `7|13312345678|${A}|ZX|1|20261102093015|60|A0001|extra`,
      `7|13312345678|${A}|ZX|1|20261102093015`,
      `7|025-12345678|${A}|ZX|1|20261102093015|60|A0001`,
    ]) {
      body = exported(`8|02512345678|${B}|CF|2|20261101080000|120|A0002`, bad);
      const found = await at(1).getCallsByParty([customerParty(A), customerParty(B)]);
      expectMalformedAt(found, customerParty(A), "call-centre", "cc_call 7");
      expect(found.get(customerParty(B))).toEqual([
        { callId: "8", callingNumber: "02512345678", customerId: B, type: "BILLING_QUESTION", outcome: "TRANSFERRED", startedAt: "2026-11-01T08:00:00+08:00", durationSeconds: 120, agentId: "A0002" },
      ]);
    }
  });

  it("puts an unreadable call no agent identified on the line it came from, and leaves out one identified as a customer not asked for", async () => {
    body = exported(`7|8613312345678||ZX|9|20261102093015|60|A0001`, `9|13312345678|${B}|QQ|1|20261102093015|60|A0001`);
    const found = await at(1).getCallsByParty([lineParty("13312345678"), customerParty(A)]);
    expectMalformedAt(found, lineParty("13312345678"), "call-centre", "cc_call 7");
    expect(found.get(customerParty(A))).toEqual([]);
  });

  it("fails the batch on a record that names nobody it can be put on", async () => {
    body = exported(`7|||ZX|1|20261102093015|60|A0001`);
    expect(await rejection(at(1).getCallsByParty([customerParty(A)]))).toMatchObject({ code: "MALFORMED_RECORD", source: "call-centre" });
  });

  it("takes an export cut off before its trailer for the centre failing, and tries again", async () => {
    body = `${HEAD}8|02512345678|${B}|CF|2|20261101080000|120|A0002\r\n`;
    counter.reset();
    expect(await rejection(at(2).getCallsByParty([customerParty(B)]))).toMatchObject({ code: "SOURCE_UNAVAILABLE", source: "call-centre" });
    expect(counter.get("call-centre")).toBe(2);
    body = `${HEAD}END|3\r\n`;
    expect(await rejection(at(1).getCallsByParty([customerParty(B)]))).toMatchObject({ code: "SOURCE_UNAVAILABLE" });
  });

  it("refuses an export in a layout it does not know, and an error line, without guessing", async () => {
    body = exported().replace("AGENT_NO", "AGENT");
    expect(await rejection(at(1).getCallsByParty([customerParty(B)]))).toMatchObject({ code: "MALFORMED_RECORD", record: "GET /cc/export reply" });
    status = 500;
    body = "ERR|99|internal error\r\n";
    try {
      expect(await rejection(at(1).getCallsByParty([customerParty(B)]))).toMatchObject({ code: "SOURCE_UNAVAILABLE", source: "call-centre" });
    } finally {
      status = 200;
    }
  });
});
