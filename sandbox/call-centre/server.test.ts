import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../schema/names.js";
import { EXPORT_PATH, MAX_EXPORT_KEYS } from "./export.js";
import { startCallCentreSimulator, type CallCentreSimulator } from "./server.js";

const sandbox = inject("sandbox");
const schema = schemaNames(sandbox.schemaPrefix).callCentre;

let sim: CallCentreSimulator;
let pool: pg.Pool;

beforeAll(async () => {
  sim = await startCallCentreSimulator({ databaseUrl: sandbox.databaseUrl, schema, port: 0 });
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
});
afterAll(async () => {
  await pool?.end();
  await sim?.close();
});

async function get(query: string): Promise<{ status: number; lines: string[]; type: string | null }> {
  const response = await fetch(`${sim.url}${EXPORT_PATH}?${query}`);
  const text = await response.text();
  return { status: response.status, lines: text.split("\r\n").slice(0, -1), type: response.headers.get("content-type") };
}

describe("the call centre's export", () => {
  it("answers a format line, the header, one line per call and a trailer counting them, CRLF", async () => {
    const { rows } = await pool.query(`SELECT cust_code FROM "${schema}".cc_call WHERE cust_code <> '' GROUP BY cust_code ORDER BY count(*) DESC LIMIT 2`);
    const custs = rows.map((r) => r.cust_code as string);
    const { status, lines, type } = await get(`cust=${custs.join(",")}`);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain/);
    expect(lines[0]).toMatch(/^CCEXP\|1\.0\|\d{14}$/);
    expect(lines[1]).toBe("CALL_SEQ|CALLER_NO|CUST_CODE|CALL_TYPE|RESULT_CODE|START_TIME|TALK_SECS|AGENT_NO");
    const body = lines.slice(2, -1);
    expect(lines.at(-1)).toBe(`END|${body.length}`);
    const { rows: expected } = await pool.query(`SELECT * FROM "${schema}".cc_call WHERE cust_code = ANY($1) ORDER BY call_seq`, [custs]);
    expect(body).toEqual(expected.map((r) => [r.call_seq, r.caller_no, r.cust_code, r.call_type, r.result_code, r.start_time, r.talk_secs, r.agent_no].join("|")));
    expect(body.length).toBeGreaterThan(1);
  });

  it("finds calls by calling number as the centre spells it, identified or not", async () => {
    const { rows } = await pool.query(`SELECT caller_no FROM "${schema}".cc_call WHERE cust_code = '' AND caller_no LIKE '86%' LIMIT 1`);
    const callerNo = rows[0]!.caller_no as string;
    const { rows: expected } = await pool.query(`SELECT call_seq FROM "${schema}".cc_call WHERE caller_no = $1 ORDER BY call_seq`, [callerNo]);
    const { lines } = await get(`nbr=${callerNo}`);
    expect(lines.slice(2, -1).map((line) => line.split("|")[0])).toEqual(expected.map((r) => r.call_seq));
    // The other spelling of the same mobile is another number to the centre.
    const without = await get(`nbr=${callerNo.slice(2)}`);
    expect(without.lines.slice(2, -1).every((line) => line.split("|")[1] === callerNo.slice(2))).toBe(true);
  });

  it("answers an empty export for keys it does not know", async () => {
    const { status, lines } = await get("nbr=13900000000&cust=000000000000");
    expect(status).toBe(200);
    expect(lines.slice(1)).toEqual(["CALL_SEQ|CALLER_NO|CUST_CODE|CALL_TYPE|RESULT_CODE|START_TIME|TALK_SECS|AGENT_NO", "END|0"]);
  });

  it("refuses bad requests with its own error line", async () => {
    expect(await get("")).toMatchObject({ status: 400, lines: [expect.stringMatching(/^ERR\|01\|/)] });
    expect(await get("nbr=025-1234")).toMatchObject({ status: 400, lines: [expect.stringMatching(/^ERR\|01\|bad nbr/)] });
    expect(await get("cust=12345")).toMatchObject({ status: 400, lines: [expect.stringMatching(/^ERR\|01\|bad cust/)] });
    const many = Array.from({ length: MAX_EXPORT_KEYS + 1 }, (_, i) => String(13_900_000_000 + i)).join(",");
    expect(await get(`nbr=${many}`)).toMatchObject({ status: 400, lines: [expect.stringMatching(/^ERR\|02\|/)] });
    const wrongPath = await fetch(`${sim.url}/cc/import`);
    expect([wrongPath.status, await wrongPath.text()]).toEqual([404, "ERR|04|no such path /cc/import\r\n"]);
    const post = await fetch(`${sim.url}${EXPORT_PATH}?nbr=13900000000`, { method: "POST" });
    expect(post.status).toBe(405);
  });

  it("shows injected faults and recovers when they are cleared", async () => {
    sim.faults.set({ errorRate: 1 });
    try {
      expect((await get("cust=000000000000")).status).toBe(503);
    } finally {
      sim.faults.clear();
    }
    expect((await get("cust=000000000000")).status).toBe(200);
  });
});

describe("the generated calls", () => {
  it("come at a few a year per customer, more for those behind with their bills, in the centre's own codes and spellings", async () => {
    const { rows } = await pool.query(`SELECT caller_no, cust_code, call_type, result_code, start_time FROM "${schema}".cc_call`);
    expect(rows.length / sandbox.customers).toBeGreaterThan(2);
    expect(rows.length / sandbox.customers).toBeLessThan(20);
    for (const row of rows) {
      expect(["ZX", "TS", "ZA", "CF", "XH"]).toContain(row.call_type);
      expect(["1", "2", "3"]).toContain(row.result_code);
      expect(row.start_time).toMatch(/^20\d{12}$/);
      expect(row.caller_no).toMatch(/^(?:86)?1\d{10}$|^0\d{10,11}$/);
      expect(row.cust_code).toMatch(/^(?:\d{12})?$/);
    }
    expect(rows.some((r) => r.caller_no.startsWith("86"))).toBe(true);
    expect(rows.some((r) => r.cust_code === "")).toBe(true);
    expect(rows.every((r) => r.start_time.slice(0, 8) <= sandbox.asOf.replaceAll("-", ""))).toBe(true);
  });
});
