import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../schema/names.js";
import { MAX_ACC_NUMS } from "./routes.js";
import { startNetworkSimulator, type NetworkSimulator } from "./server.js";

const sandbox = inject("sandbox");
const schema = schemaNames(sandbox.schemaPrefix).network;
/** A line of this file's own, in a local network no generated data uses, so written tickets touch nothing shared. */
const OWN_LINE = "ZX9901" + String(process.pid % 100_000_000).padStart(8, "0");
const REF = `sim-test-${process.pid}-${Date.now()}`;

let sim: NetworkSimulator;
let pool: pg.Pool;

beforeAll(async () => {
  sim = await startNetworkSimulator({ databaseUrl: sandbox.databaseUrl, schema, port: 0 });
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  await pool.query(
    `INSERT INTO "${schema}".line (acc_num, line_state, exchange_code, port_name, last_change) VALUES ($1, 1, 'JF9901001', 'OLT1/S1/P1', now())`,
    [OWN_LINE],
  );
});

afterAll(async () => {
  await pool?.query(`DELETE FROM "${schema}".ticket WHERE acc_num = $1`, [OWN_LINE]);
  await pool?.query(`DELETE FROM "${schema}".line WHERE acc_num = $1`, [OWN_LINE]);
  await pool?.end();
  await sim?.close();
});

async function get(path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(sim.url + path);
  return { status: response.status, body: (await response.json()) as any };
}

async function post(body: unknown, extRef?: string): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (extRef !== undefined) headers["x-ext-ref"] = extRef;
  const response = await fetch(`${sim.url}/nms/v1/tickets`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function accNumsWith(table: "alarm" | "ticket", limit: number): Promise<string[]> {
  const { rows } = await pool.query(`SELECT DISTINCT acc_num FROM "${schema}".${table} ORDER BY acc_num LIMIT $1`, [limit]);
  return rows.map((row) => row.acc_num);
}

describe("network management simulator: reads", () => {
  it("returns the stored lines for many access numbers in the service's own field names, skipping unknown ones", async () => {
    const { rows } = await pool.query(`SELECT * FROM "${schema}".line WHERE acc_num NOT LIKE 'ZX99%' ORDER BY acc_num LIMIT 5`);
    const asked = [...rows.map((row) => row.acc_num), "0999-00000000"];
    const { status, body } = await get(`/nms/v1/lines?accNums=${asked.map(encodeURIComponent).join(",")}`);
    expect(status).toBe(200);
    expect(body.errcode).toBe(0);
    expect(body.data).toEqual(
      rows.map((row) => ({
        accNum: row.acc_num,
        lineState: row.line_state,
        exchange: row.exchange_code,
        port: row.port_name,
        lastChange: row.last_change.getTime(),
      })),
    );
  });

  it("filters alarms by active=true and returns all with active=false", async () => {
    const asked = await accNumsWith("alarm", 40);
    const { rows } = await pool.query(`SELECT alarm_id, cleared_at FROM "${schema}".alarm WHERE acc_num = ANY($1)`, [asked]);
    const all = await get(`/nms/v1/alarms?accNums=${asked.join(",")}&active=false`);
    const active = await get(`/nms/v1/alarms?accNums=${asked.join(",")}&active=true`);
    expect(all.body.data.map((a: any) => a.alarmId).sort()).toEqual(rows.map((row) => String(row.alarm_id)).sort());
    expect(active.body.data.length).toBe(rows.filter((row) => row.cleared_at === null).length);
    expect(active.body.data.every((a: any) => a.clearedAt === null)).toBe(true);
    expect(Object.keys(all.body.data[0]).sort()).toEqual(["accNum", "alarmCode", "alarmId", "clearedAt", "raisedAt", "severity"]);
  });

  it("filters tickets by state=open (not closed) and returns all with state=all", async () => {
    const asked = await accNumsWith("ticket", 60);
    const { rows } = await pool.query(`SELECT ticket_no, ticket_state FROM "${schema}".ticket WHERE acc_num = ANY($1)`, [asked]);
    const all = await get(`/nms/v1/tickets?accNums=${asked.join(",")}&state=all`);
    const open = await get(`/nms/v1/tickets?accNums=${asked.join(",")}&state=open`);
    expect(all.body.data.map((t: any) => t.ticketNo).sort()).toEqual(rows.map((row) => row.ticket_no).sort());
    expect(open.body.data.map((t: any) => t.ticketNo).sort()).toEqual(
      rows.filter((row) => row.ticket_state !== 40).map((row) => row.ticket_no).sort(),
    );
    expect(Object.keys(all.body.data[0]).sort()).toEqual(["accNum", "closedAt", "desc", "faultType", "openedAt", "state", "ticketNo"]);
  });

  it("gives per known access number its line state, its tickets of any age and its active alarm count", async () => {
    const busy = [...new Set([...(await accNumsWith("ticket", 30)), ...(await accNumsWith("alarm", 30))])];
    const asked = [...busy, "0999-00000000", "8619999999999"];
    const { rows: lines } = await pool.query(`SELECT acc_num, line_state FROM "${schema}".line WHERE acc_num = ANY($1) ORDER BY acc_num`, [asked]);
    const { rows: tickets } = await pool.query(
      `SELECT acc_num, ticket_no, ticket_state, opened_at, closed_at FROM "${schema}".ticket WHERE acc_num = ANY($1) ORDER BY opened_at, ticket_no`,
      [asked],
    );
    const { rows: alarms } = await pool.query(`SELECT acc_num FROM "${schema}".alarm WHERE acc_num = ANY($1) AND cleared_at IS NULL`, [asked]);

    const { status, body } = await get(`/nms/v1/service-facts?accNums=${asked.map(encodeURIComponent).join(",")}`);
    expect(status).toBe(200);
    expect(body.errcode).toBe(0);
    expect(body.data).toEqual(
      lines.map((line) => ({
        accNum: line.acc_num,
        lineState: line.line_state,
        tickets: tickets
          .filter((ticket) => ticket.acc_num === line.acc_num)
          .map((ticket) => ({
            ticketNo: ticket.ticket_no,
            state: ticket.ticket_state,
            openedAt: ticket.opened_at.getTime(),
            closedAt: ticket.closed_at?.getTime() ?? null,
          })),
        activeAlarms: alarms.filter((alarm) => alarm.acc_num === line.acc_num).length,
      })),
    );
    expect(body.data.some((facts: any) => facts.tickets.length > 0)).toBe(true);
    expect(body.data.some((facts: any) => facts.activeAlarms > 0)).toBe(true);
  });

  it("leaves out a number with tickets and alarms but no line", async () => {
    const orphan = "0999-00000900";
    try {
      await pool.query(`INSERT INTO "${schema}".ticket VALUES ('GZ99990000000900', $1, 'NOISE', 'x', 10, now(), NULL, NULL)`, [orphan]);
      await pool.query(`INSERT INTO "${schema}".alarm VALUES (999900000900, $1, 'LOS', 1, now(), NULL)`, [orphan]);
      expect(await get(`/nms/v1/service-facts?accNums=${orphan}`)).toEqual({ status: 200, body: { errcode: 0, errmsg: "ok", data: [] } });
    } finally {
      await pool.query(`DELETE FROM "${schema}".ticket WHERE acc_num = $1`, [orphan]);
      await pool.query(`DELETE FROM "${schema}".alarm WHERE acc_num = $1`, [orphan]);
    }
  });

  it.each([
    ["/nms/v1/service-facts", 40001],
    ["/nms/v1/service-facts?accNums=,,", 40001],
    [`/nms/v1/service-facts?accNums=${Array.from({ length: MAX_ACC_NUMS + 1 }, (_, i) => `025-${String(i).padStart(8, "0")}`).join(",")}`, 40004],
    ["/nms/v1/service-facts?accNums=025-00000000," + "9".repeat(25), 40001],
    ["/nms/v1/lines", 40001],
    ["/nms/v1/lines?accNums=", 40001],
    [`/nms/v1/lines?accNums=${Array.from({ length: MAX_ACC_NUMS + 1 }, (_, i) => `025-${String(i).padStart(8, "0")}`).join(",")}`, 40004],
    ["/nms/v1/lines?accNums=" + "9".repeat(25), 40001],
    ["/nms/v1/alarms?accNums=025-00000000&active=yes", 40001],
    ["/nms/v1/tickets?accNums=025-00000000&state=closed", 40001],
  ])("refuses a bad read %# with 400 and a legacy error body", async (path, errcode) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body).toEqual({ errcode, errmsg: expect.any(String) });
  });

  it("answers 404 for an unknown path and 405 for a wrong method", async () => {
    expect(await get("/nms/v1/circuits?accNums=025-00000000")).toEqual({ status: 404, body: { errcode: 40400, errmsg: expect.any(String) } });
    for (const path of ["/nms/v1/lines", "/nms/v1/service-facts"]) {
      const response = await fetch(`${sim.url}${path}?accNums=025-00000000`, { method: "DELETE" });
      expect(response.status).toBe(405);
      expect(((await response.json()) as { errcode: number }).errcode).toBe(40500);
    }
  });
});

describe("network management simulator: opening tickets", () => {
  const body = { accNum: OWN_LINE, faultType: "LINK_DOWN", desc: "专线中断" };

  it("creates a ticket once and replays it for the same X-Ext-Ref", async () => {
    const first = await post(body, `${REF}-a`);
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ accNum: OWN_LINE, faultType: "LINK_DOWN", desc: "专线中断", state: 10, closedAt: null });
    expect(first.body.data.ticketNo).toMatch(/^GZ\d{8}\d{10}$/);
    const replay = await post(body, `${REF}-a`);
    expect(replay.status).toBe(200);
    expect(replay.body.data).toEqual(first.body.data);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".ticket WHERE ext_ref = $1`, [`${REF}-a`]);
    expect(rows[0].n).toBe(1);
  });

  it("creates one ticket when the same request arrives many times at once", async () => {
    const replies = await Promise.all(Array.from({ length: 8 }, () => post(body, `${REF}-b`)));
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(replies.map((reply) => reply.body.data.ticketNo)).size).toBe(1);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".ticket WHERE ext_ref = $1`, [`${REF}-b`]);
    expect(rows[0].n).toBe(1);
  });

  it("refuses an X-Ext-Ref reused for a different ticket with 409", async () => {
    await post(body, `${REF}-c`);
    const reused = await post({ ...body, desc: "another fault" }, `${REF}-c`);
    expect(reused).toEqual({ status: 409, body: { errcode: 40901, errmsg: expect.any(String) } });
  });

  it("answers 404 for an unknown access number and creates nothing", async () => {
    const reply = await post({ ...body, accNum: "ZX990200000000" }, `${REF}-d`);
    expect(reply).toEqual({ status: 404, body: { errcode: 40401, errmsg: expect.stringContaining("ZX990200000000") } });
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".ticket WHERE ext_ref = $1`, [`${REF}-d`]);
    expect(rows[0].n).toBe(0);
  });

  it.each([
    ["body that is not JSON", "{accNum:", `${REF}-e`, 40002],
    ["missing description", { accNum: OWN_LINE, faultType: "NOISE" }, `${REF}-e`, 40003],
    ["unknown fault type", { ...body, faultType: "GREMLINS" }, `${REF}-e`, 40003],
    ["description too long", { ...body, desc: "x".repeat(401) }, `${REF}-e`, 40003],
    ["missing X-Ext-Ref", body, undefined, 40001],
  ])("answers 400 for %s", async (_, payload, extRef, errcode) => {
    expect(await post(payload, extRef)).toEqual({ status: 400, body: { errcode, errmsg: expect.any(String) } });
  });
});

describe("network management simulator: fault switch", () => {
  const path = "/nms/v1/lines?accNums=025-00000000";

  it("cuts connections when down and recovers when cleared", async () => {
    sim.faults.set({ down: true });
    try {
      await expect(fetch(sim.url + path)).rejects.toThrow();
    } finally {
      sim.faults.clear();
    }
    expect((await fetch(sim.url + path)).status).toBe(200);
  });

  it("answers 503 for every request at error rate 1", async () => {
    const control = await fetch(`${sim.url}/__sim/faults`, { method: "PUT", body: JSON.stringify({ errorRate: 1 }) });
    expect(await control.json()).toEqual({ latencyMs: 0, errorRate: 1, down: false });
    try {
      expect((await fetch(sim.url + path)).status).toBe(503);
    } finally {
      await fetch(`${sim.url}/__sim/faults`, { method: "DELETE" });
    }
    expect((await fetch(sim.url + path)).status).toBe(200);
  });

  it("holds answers back by the injected latency", async () => {
    sim.faults.set({ latencyMs: 5_000 });
    try {
      await expect(fetch(sim.url + path, { signal: AbortSignal.timeout(100) })).rejects.toThrow(/abort|timeout/i);
    } finally {
      sim.faults.clear();
    }
  });
});
