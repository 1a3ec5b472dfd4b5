import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startNetworkSimulator, type NetworkSimulator } from "../../sandbox/network/server.js";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { expectMalformedAt, expectRefusedUpFront, rejection, served, withRows } from "../kit/testing.js";
import { carrierDateTime } from "../kit/values.js";
import type { Alarm, ServiceNetworkFacts, TroubleTicket } from "./port.js";
import { NETWORK_MAX_BATCH, NetworkRestAdapter } from "./rest.adapter.js";

const sandbox = inject("sandbox");
const schemas = schemaNames(sandbox.schemaPrefix);
const nms = `"${schemas.network}"`;
const hall = `"${schemas.hall}"`;
const UNKNOWN_FIXED = "099900000001";

/**
 * The hall's canonical service numbers with the network's spelling derived from the hall's product code,
 * independently of the adapter's own mapping.
 */
const SERVICES = `
  SELECT u.serv_no, u.user_id, u.product_code, CASE u.product_code
    WHEN 'YD' THEN '86' || u.serv_no
    WHEN 'KD' THEN lower(u.serv_no)
    WHEN 'ZX' THEN u.serv_no
    ELSE CASE WHEN left(u.serv_no, 2) IN ('01', '02') THEN left(u.serv_no, 3) || '-' || substr(u.serv_no, 4)
              ELSE left(u.serv_no, 4) || '-' || substr(u.serv_no, 5) END
  END AS acc_num FROM ${hall}.tb_user u`;

const LINE_STATES: Record<number, string> = { 1: "UP", 2: "DOWN", 3: "DEGRADED", 9: "OUT_OF_SERVICE" };
const SEVERITIES: Record<number, string> = { 1: "CRITICAL", 2: "MAJOR", 3: "MINOR" };
const TICKET_STATES: Record<number, string> = { 10: "OPEN", 20: "DISPATCHED", 30: "REPAIRED", 40: "CLOSED" };

let sim: NetworkSimulator;
let pool: pg.Pool;
let counter: RoundTripCounter;
let adapter: NetworkRestAdapter;
/** 100 subscriptions of every product, those with alarms or tickets first. */
let sample: string[];

beforeAll(async () => {
  sim = await startNetworkSimulator({ databaseUrl: sandbox.databaseUrl, schema: schemas.network, port: 0 });
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  counter = new RoundTripCounter();
  adapter = new NetworkRestAdapter({ baseUrl: sim.url, counter });
  const { rows } = await pool.query(
    `WITH s AS (${SERVICES})
     SELECT serv_no FROM (
       SELECT s.serv_no, row_number() OVER (PARTITION BY s.product_code ORDER BY s.user_id) AS rn,
         EXISTS (SELECT 1 FROM ${nms}.alarm a WHERE a.acc_num = s.acc_num)
           OR EXISTS (SELECT 1 FROM ${nms}.ticket t WHERE t.acc_num = s.acc_num) AS busy
       FROM s) x
     ORDER BY busy DESC, rn, serv_no LIMIT 100`,
  );
  sample = rows.map((row) => row.serv_no);
});

afterAll(async () => {
  await pool?.end();
  await adapter?.close();
  await sim?.close();
});

/** A stored time as the adapter writes it: ISO 8601 in the carrier's zone (the kit's writer, tested beside it). */
function iso(value: Date | null): string | null {
  return value === null ? null : carrierDateTime(value.getTime());
}

describe("NetworkRestAdapter batch reads", () => {
  it("reads 100 line statuses in one round trip, matching the network's store", async () => {
    expect(sample).toHaveLength(100);
    counter.reset();
    const lines = served(await adapter.getLineStatuses(sample));
    expect(counter.get("network")).toBe(1);

    const { rows } = await pool.query(
      `WITH s AS (${SERVICES}) SELECT s.serv_no, l.* FROM s JOIN ${nms}.line l ON l.acc_num = s.acc_num WHERE s.serv_no = ANY($1)`,
      [sample],
    );
    expect(rows).toHaveLength(100);
    expect(lines.size).toBe(100);
    for (const row of rows) {
      expect(lines.get(row.serv_no)).toEqual({
        serviceNo: row.serv_no,
        status: LINE_STATES[row.line_state],
        exchange: row.exchange_code,
        port: row.port_name,
        lastChangedAt: iso(row.last_change),
      });
    }
    const products = await pool.query(`SELECT DISTINCT product_code FROM ${hall}.tb_user WHERE serv_no = ANY($1)`, [sample]);
    expect(products.rows.map((row) => row.product_code).sort()).toEqual(["GH", "KD", "YD", "ZX"]);
  });

  it("reads alarms of 100 services in one round trip, all or active only", async () => {
    const { rows } = await pool.query(
      `WITH s AS (${SERVICES}) SELECT s.serv_no, a.* FROM s JOIN ${nms}.alarm a ON a.acc_num = s.acc_num
        WHERE s.serv_no = ANY($1) ORDER BY a.raised_at, a.alarm_id`,
      [sample],
    );
    expect(rows.length).toBeGreaterThan(0);
    const expected = new Map<string, Alarm[]>(sample.map((serviceNo) => [serviceNo, []]));
    for (const row of rows) {
      expected.get(row.serv_no)?.push({
        id: String(row.alarm_id),
        serviceNo: row.serv_no,
        code: row.alarm_code,
        severity: SEVERITIES[row.severity] as Alarm["severity"],
        raisedAt: iso(row.raised_at) as string,
        clearedAt: iso(row.cleared_at),
      });
    }

    counter.reset();
    const all = served(await adapter.getAlarms(sample, { activeOnly: false }));
    const active = served(await adapter.getAlarms(sample, { activeOnly: true }));
    expect(counter.get("network")).toBe(2);
    expect(all).toEqual(expected);
    expect(active).toEqual(new Map([...expected].map(([serviceNo, alarms]) => [serviceNo, alarms.filter((a) => a.clearedAt === null)])));
    expect([...active.values()].flat().length).toBeGreaterThan(0);
  });

  it("reads trouble tickets of 100 services in one round trip, all or open only", async () => {
    const { rows } = await pool.query(
      `WITH s AS (${SERVICES}) SELECT s.serv_no, t.* FROM s JOIN ${nms}.ticket t ON t.acc_num = s.acc_num
        WHERE s.serv_no = ANY($1) ORDER BY t.opened_at, t.ticket_no`,
      [sample],
    );
    expect(rows.length).toBeGreaterThan(0);
    const expected = new Map<string, TroubleTicket[]>(sample.map((serviceNo) => [serviceNo, []]));
    for (const row of rows) {
      expected.get(row.serv_no)?.push({
        ticketNo: row.ticket_no,
        serviceNo: row.serv_no,
        faultType: row.fault_type,
        description: row.description,
        state: TICKET_STATES[row.ticket_state] as TroubleTicket["state"],
        openedAt: iso(row.opened_at) as string,
        closedAt: iso(row.closed_at),
      });
    }

    counter.reset();
    const all = served(await adapter.getTroubleTickets(sample, { openOnly: false }));
    const open = served(await adapter.getTroubleTickets(sample, { openOnly: true }));
    expect(counter.get("network")).toBe(2);
    expect(all).toEqual(expected);
    expect(open).toEqual(new Map([...expected].map(([serviceNo, tickets]) => [serviceNo, tickets.filter((t) => t.state !== "CLOSED")])));
    expect([...open.values()].flat().length).toBeGreaterThan(0);
  });

  it("leaves unknown service numbers out of line maps and gives them empty alarm and ticket lists", async () => {
    const asked = [sample[0] as string, UNKNOWN_FIXED, "13000000000", "AD099900000001", "ZX990300000000"];
    const lines = served(await adapter.getLineStatuses(asked));
    expect([...lines.keys()]).toEqual([sample[0]]);
    const alarms = served(await adapter.getAlarms(asked.slice(1), { activeOnly: false }));
    expect(alarms).toEqual(new Map(asked.slice(1).map((serviceNo) => [serviceNo, []])));
  });

  it("answers an empty batch without a round trip and asks once for repeated ids", async () => {
    counter.reset();
    expect(served(await adapter.getLineStatuses([])).size).toBe(0);
    expect(counter.get("network")).toBe(0);
    const lines = served(await adapter.getLineStatuses([sample[1] as string, sample[1] as string]));
    expect(lines.size).toBe(1);
    expect(counter.get("network")).toBe(1);
  });

  it(`splits batches above the service's cap: n ids cost ceil(n / ${NETWORK_MAX_BATCH}) round trips`, async () => {
    const unknown = Array.from({ length: 2 * NETWORK_MAX_BATCH + 100 }, (_, i) => "0999" + String(10_000_000 + i));
    counter.reset();
    const lines = served(await adapter.getLineStatuses([...unknown, ...sample]));
    expect(counter.get("network")).toBe(3);
    expect([...lines.keys()].sort()).toEqual([...sample].sort());

    const small = new NetworkRestAdapter({ baseUrl: sim.url, counter, maxBatch: 30 });
    counter.reset();
    const chunked = served(await small.getTroubleTickets(sample, { openOnly: false }));
    expect(counter.get("network")).toBe(4);
    expect(chunked).toEqual(served(await adapter.getTroubleTickets(sample, { openOnly: false })));
  });

  it.each([["02512345"], ["+8613300000001"], ["ad02550000001"], ["025-50000001"], [""], ["ZX32010000000"]])(
    "rejects the malformed service number %j with BAD_USER_INPUT before any round trip",
    async (bad) => {
      await expectRefusedUpFront(() => adapter.getLineStatuses([sample[0] as string, bad]), counter, "network");
    },
  );
});

describe("NetworkRestAdapter.getServiceFacts", () => {
  function noFacts(serviceNo: string): ServiceNetworkFacts {
    return { serviceNo, status: null, tickets: [], activeAlarms: 0 };
  }

  it("reads the facts of 100 services in one round trip, matching the network's store", async () => {
    counter.reset();
    const facts = served(await adapter.getServiceFacts(sample));
    expect(counter.get("network")).toBe(1);

    const lines = await pool.query(
      `WITH s AS (${SERVICES}) SELECT s.serv_no, l.line_state FROM s JOIN ${nms}.line l ON l.acc_num = s.acc_num WHERE s.serv_no = ANY($1)`,
      [sample],
    );
    const tickets = await pool.query(
      `WITH s AS (${SERVICES}) SELECT s.serv_no, t.ticket_state, t.opened_at, t.closed_at FROM s JOIN ${nms}.ticket t ON t.acc_num = s.acc_num
        WHERE s.serv_no = ANY($1) ORDER BY t.opened_at, t.ticket_no`,
      [sample],
    );
    const alarms = await pool.query(
      `WITH s AS (${SERVICES}) SELECT s.serv_no, count(*)::int AS n FROM s JOIN ${nms}.alarm a ON a.acc_num = s.acc_num
        WHERE s.serv_no = ANY($1) AND a.cleared_at IS NULL GROUP BY s.serv_no`,
      [sample],
    );
    expect(lines.rows).toHaveLength(100);
    const expected = new Map(sample.map((serviceNo) => [serviceNo, noFacts(serviceNo)]));
    for (const row of lines.rows) (expected.get(row.serv_no) as ServiceNetworkFacts).status = LINE_STATES[row.line_state] as ServiceNetworkFacts["status"];
    for (const row of tickets.rows) {
      expected.get(row.serv_no)?.tickets.push({
        openedAt: iso(row.opened_at) as string,
        closedAt: iso(row.closed_at),
        state: TICKET_STATES[row.ticket_state] as TroubleTicket["state"],
      });
    }
    for (const row of alarms.rows) (expected.get(row.serv_no) as ServiceNetworkFacts).activeAlarms = row.n;

    expect(facts).toEqual(expected);
    expect([...facts.keys()]).toEqual(sample);
    // The sample must exercise what is compared: tickets in more than one state, lines with active alarms.
    expect(new Set(tickets.rows.map((row) => row.ticket_state)).size).toBeGreaterThan(1);
    expect([...facts.values()].filter((f) => f.activeAlarms > 0).length).toBeGreaterThan(0);
  });

  it("gives unknown service numbers an entry with no status, no tickets and no active alarms", async () => {
    const asked = [sample[0] as string, UNKNOWN_FIXED, "13000000000", "AD099900000001", "ZX990300000000"];
    const facts = served(await adapter.getServiceFacts(asked));
    expect([...facts.keys()]).toEqual(asked);
    expect(facts.get(sample[0] as string)?.status).not.toBeNull();
    for (const serviceNo of asked.slice(1)) expect(facts.get(serviceNo)).toEqual(noFacts(serviceNo));
  });

  it("treats tickets and alarms filed against a number with no line as facts of no line", async () => {
    const insert = `INSERT INTO ${nms}.ticket VALUES ('GZ99990000000201', '0999-00000201', 'NOISE', 'x', 10, now(), NULL, NULL);
      INSERT INTO ${nms}.alarm VALUES (999900000201, '0999-00000201', 'LOS', 1, now(), NULL);`;
    const cleanup = `DELETE FROM ${nms}.ticket WHERE acc_num = '0999-00000201'; DELETE FROM ${nms}.alarm WHERE acc_num = '0999-00000201';`;
    await withRows(pool, insert, cleanup, async () => {
      expect(served(await adapter.getServiceFacts(["099900000201"]))).toEqual(new Map([["099900000201", noFacts("099900000201")]]));
    });
  });

  it("answers an empty batch without a round trip and asks once for repeated ids", async () => {
    counter.reset();
    expect(served(await adapter.getServiceFacts([])).size).toBe(0);
    expect(counter.get("network")).toBe(0);
    const facts = served(await adapter.getServiceFacts([sample[2] as string, sample[2] as string]));
    expect([...facts.keys()]).toEqual([sample[2]]);
    expect(counter.get("network")).toBe(1);
  });

  it("splits batches above the cap: one round trip per chunk, same answer", async () => {
    const small = new NetworkRestAdapter({ baseUrl: sim.url, counter, maxBatch: 30 });
    counter.reset();
    const chunked = served(await small.getServiceFacts(sample));
    expect(counter.get("network")).toBe(4);
    expect(chunked).toEqual(served(await adapter.getServiceFacts(sample)));
  });

  it.each([["025-50000001"], ["8613300000001"], ["ad02550000001"], [""]])(
    "rejects the malformed service number %j with BAD_USER_INPUT before any round trip",
    async (bad) => {
      await expectRefusedUpFront(() => adapter.getServiceFacts([sample[0] as string, bad]), counter, "network");
    },
  );
});

describe("NetworkRestAdapter malformed records cost their own number only", () => {
  const cases = [
    {
      name: "a line with an unknown state code",
      serviceNo: "099900000101",
      insert: `INSERT INTO ${nms}.line VALUES ('0999-00000101', 7, 'JF9999001', 'OLT1/S1/P1', now())`,
      read: (serviceNos: string[]) => adapter.getLineStatuses(serviceNos),
      record: "line 0999-00000101",
    },
    {
      name: "a line changed at an impossible time",
      serviceNo: "099900000102",
      insert: `INSERT INTO ${nms}.line VALUES ('0999-00000102', 1, 'JF9999001', 'OLT1/S1/P2', 'infinity')`,
      read: (serviceNos: string[]) => adapter.getLineStatuses(serviceNos),
      record: "line 0999-00000102",
    },
    {
      name: "an alarm with an unknown severity",
      serviceNo: "099900000103",
      insert: `INSERT INTO ${nms}.alarm VALUES (999900000103, '0999-00000103', 'LOS', 5, now(), NULL)`,
      read: (serviceNos: string[]) => adapter.getAlarms(serviceNos, { activeOnly: true }),
      record: "alarm 999900000103",
    },
    {
      name: "a ticket with an unknown state",
      serviceNo: "099900000104",
      insert: `INSERT INTO ${nms}.ticket VALUES ('GZ99990000000104', '0999-00000104', 'NOISE', 'x', 99, now(), NULL, NULL)`,
      read: (serviceNos: string[]) => adapter.getTroubleTickets(serviceNos, { openOnly: true }),
      record: "ticket GZ99990000000104",
    },
    {
      name: "a ticket with an unknown fault type",
      serviceNo: "099900000105",
      insert: `INSERT INTO ${nms}.ticket VALUES ('GZ99990000000105', '0999-00000105', 'GREMLINS', 'x', 10, now(), NULL, NULL)`,
      read: (serviceNos: string[]) => adapter.getTroubleTickets(serviceNos, { openOnly: false }),
      record: "ticket GZ99990000000105",
    },
    {
      name: "an alarm cleared before it was raised",
      serviceNo: "099900000106",
      insert: `INSERT INTO ${nms}.alarm VALUES (999900000106, '0999-00000106', 'LOS', 2, now(), now() - interval '1 minute')`,
      read: (serviceNos: string[]) => adapter.getAlarms(serviceNos, { activeOnly: false }),
      record: "alarm 999900000106",
    },
    {
      name: "a ticket closed before it was opened",
      serviceNo: "099900000107",
      insert: `INSERT INTO ${nms}.ticket VALUES ('GZ99990000000107', '0999-00000107', 'NOISE', 'x', 40, now(), now() - interval '1 minute', NULL)`,
      read: (serviceNos: string[]) => adapter.getTroubleTickets(serviceNos, { openOnly: false }),
      record: "ticket GZ99990000000107",
    },
    {
      name: "a line with an unknown state code, read as facts",
      serviceNo: "099900000111",
      insert: `INSERT INTO ${nms}.line VALUES ('0999-00000111', 7, 'JF9999001', 'OLT1/S1/P1', now())`,
      read: (serviceNos: string[]) => adapter.getServiceFacts(serviceNos),
      record: "line 0999-00000111",
    },
    {
      name: "a ticket with an unknown state, read as facts",
      serviceNo: "099900000112",
      insert: `INSERT INTO ${nms}.line VALUES ('0999-00000112', 1, 'JF9999001', 'OLT1/S1/P1', now());
        INSERT INTO ${nms}.ticket VALUES ('GZ99990000000112', '0999-00000112', 'NOISE', 'x', 99, now(), NULL, NULL);`,
      read: (serviceNos: string[]) => adapter.getServiceFacts(serviceNos),
      record: "ticket GZ99990000000112",
    },
    {
      name: "a ticket closed before it was opened, read as facts",
      serviceNo: "099900000113",
      insert: `INSERT INTO ${nms}.line VALUES ('0999-00000113', 1, 'JF9999001', 'OLT1/S1/P1', now());
        INSERT INTO ${nms}.ticket VALUES ('GZ99990000000113', '0999-00000113', 'NOISE', 'x', 40, now(), now() - interval '1 minute', NULL);`,
      read: (serviceNos: string[]) => adapter.getServiceFacts(serviceNos),
      record: "ticket GZ99990000000113",
    },
  ];

  it.each(cases)("gives $name its number's MALFORMED_RECORD, and serves the other numbers", async ({ serviceNo, insert, read, record }) => {
    const accNum = `0999-${serviceNo.slice(4)}`;
    const cleanup = ["line", "alarm", "ticket"].map((table) => `DELETE FROM ${nms}.${table} WHERE acc_num = '${accNum}';`).join("\n");
    await withRows(pool, insert, cleanup, async () => {
      counter.reset();
      const found: Map<string, unknown> = await read([serviceNo, ...sample.slice(0, 20)]);
      expect(counter.get("network")).toBe(1);
      expectMalformedAt(found, serviceNo, "network", record);
    });
  });

  it("says what is wrong with an alarm cleared before it was raised", async () => {
    const insert = `INSERT INTO ${nms}.alarm VALUES (999900000108, '0999-00000108', 'LOS', 2, now(), now() - interval '1 second')`;
    await withRows(pool, insert, `DELETE FROM ${nms}.alarm WHERE acc_num = '0999-00000108'`, async () => {
      const found = await adapter.getAlarms(["099900000108"], { activeOnly: false });
      expect(expectMalformedAt(found, "099900000108", "network", "alarm 999900000108").message).toMatch(/clearedAt: cleared before it was raised/);
    });
  });
});

describe("NetworkRestAdapter when the service misbehaves", () => {
  it("gives SOURCE_UNAVAILABLE when the service is down", async () => {
    sim.faults.set({ down: true });
    try {
      const error = await rejection(adapter.getLineStatuses(sample));
      expect(error.code).toBe("SOURCE_UNAVAILABLE");
      expect(error.source).toBe("network");
    } finally {
      sim.faults.clear();
    }
  });

  it("gives SOURCE_UNAVAILABLE for service facts when the service is down", async () => {
    sim.faults.set({ down: true });
    try {
      const error = await rejection(adapter.getServiceFacts(sample));
      expect(error.code).toBe("SOURCE_UNAVAILABLE");
      expect(error.source).toBe("network");
    } finally {
      sim.faults.clear();
    }
  });

  it("gives SOURCE_UNAVAILABLE when every request fails", async () => {
    sim.faults.set({ errorRate: 1 });
    try {
      const error = await rejection(adapter.getAlarms(sample, { activeOnly: true }));
      expect(error.code).toBe("SOURCE_UNAVAILABLE");
    } finally {
      sim.faults.clear();
    }
  });

  it("gives SOURCE_TIMEOUT when the answer comes later than the budget", async () => {
    const impatient = new NetworkRestAdapter({ baseUrl: sim.url, counter, timeoutMs: 100 });
    sim.faults.set({ latencyMs: 3_000 });
    try {
      const error = await rejection(impatient.getTroubleTickets(sample, { openOnly: true }));
      expect(error.code).toBe("SOURCE_TIMEOUT");
    } finally {
      sim.faults.clear();
    }
  });

  it("gives SOURCE_UNAVAILABLE when nothing listens at the address", async () => {
    const nowhere = new NetworkRestAdapter({ baseUrl: "http://127.0.0.1:1", counter });
    const error = await rejection(nowhere.getLineStatuses(sample));
    expect(error.code).toBe("SOURCE_UNAVAILABLE");
  });

  it("reads normally again once the faults are cleared", async () => {
    const lines = served(await adapter.getLineStatuses(sample));
    expect(lines.size).toBe(100);
  });
});
