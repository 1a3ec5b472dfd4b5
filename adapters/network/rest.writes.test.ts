import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startNetworkSimulator, type NetworkSimulator } from "../../sandbox/network/server.js";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { expectRefusedUpFront, rejection, served } from "../kit/testing.js";
import { NetworkRestAdapter } from "./rest.adapter.js";

const sandbox = inject("sandbox");
const nms = `"${schemaNames(sandbox.schemaPrefix).network}"`;
const RUN = `${process.pid}-${Date.now()}`;
/** A line in local network 9904, which no generated data (nor any other test file) uses, so its tickets are ours alone. */
const OWN_LEASED_LINE = "ZX9904" + String(process.pid % 100_000_000).padStart(8, "0");

let sim: NetworkSimulator;
let pool: pg.Pool;
let counter: RoundTripCounter;
let adapter: NetworkRestAdapter;

beforeAll(async () => {
  sim = await startNetworkSimulator({ databaseUrl: sandbox.databaseUrl, schema: schemaNames(sandbox.schemaPrefix).network, port: 0 });
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  counter = new RoundTripCounter();
  adapter = new NetworkRestAdapter({ baseUrl: sim.url, counter });
  await pool.query(
    `INSERT INTO ${nms}.line (acc_num, line_state, exchange_code, port_name, last_change) VALUES ($1, 1, 'JF9904001', 'OLT1/S1/P1', now())`,
    [OWN_LEASED_LINE],
  );
});

afterAll(async () => {
  await pool?.query(`DELETE FROM ${nms}.ticket WHERE acc_num = $1`, [OWN_LEASED_LINE]);
  await pool?.query(`DELETE FROM ${nms}.line WHERE acc_num = $1`, [OWN_LEASED_LINE]);
  await pool?.end();
  await adapter?.close();
  await sim?.close();
});

describe("NetworkRestAdapter.openTroubleTicket", () => {
  const request = { serviceNo: OWN_LEASED_LINE, faultType: "LINK_DOWN" as const, description: "专线中断，客户报障" };

  async function ticketsWithKey(key: string): Promise<number> {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${nms}.ticket WHERE ext_ref = $1`, [key]);
    return rows[0].n;
  }

  it("opens one ticket however often the same request is replayed", async () => {
    const key = `nms-${RUN}-a`;
    const { record: first, replayed } = await adapter.openTroubleTicket({ ...request, idempotencyKey: key });
    expect(replayed).toBe(false);
    expect(first).toMatchObject({ serviceNo: OWN_LEASED_LINE, faultType: "LINK_DOWN", state: "OPEN", closedAt: null });
    expect(first.description).toBe(request.description);
    const again = await adapter.openTroubleTicket({ ...request, idempotencyKey: key });
    const racing = await Promise.all(Array.from({ length: 5 }, () => adapter.openTroubleTicket({ ...request, idempotencyKey: key })));
    expect(again).toEqual({ record: first, replayed: true });
    expect(racing.every((answer) => answer.record.ticketNo === first.ticketNo && answer.replayed)).toBe(true);
    expect(await ticketsWithKey(key)).toBe(1);

    const open = served(await adapter.getTroubleTickets([OWN_LEASED_LINE], { openOnly: true }));
    expect(open.get(OWN_LEASED_LINE)?.map((ticket) => ticket.ticketNo)).toContain(first.ticketNo);
  });

  it("opens exactly one ticket when ten first requests with one key race", async () => {
    const key = `nms-${RUN}-race`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => adapter.openTroubleTicket({ ...request, idempotencyKey: key })));
    expect(new Set(answers.map((answer) => answer.record.ticketNo)).size).toBe(1);
    expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
    expect(await ticketsWithKey(key)).toBe(1);
  });

  it("gives CONFLICT when a key is reused for a different ticket", async () => {
    const key = `nms-${RUN}-b`;
    await adapter.openTroubleTicket({ ...request, idempotencyKey: key });
    const error = await rejection(adapter.openTroubleTicket({ ...request, faultType: "NOISE", idempotencyKey: key }));
    expect(error.code).toBe("CONFLICT");
    expect(await ticketsWithKey(key)).toBe(1);
  });

  it("gives BAD_USER_INPUT for a service number the network does not know", async () => {
    const key = `nms-${RUN}-c`;
    const error = await rejection(adapter.openTroubleTicket({ ...request, serviceNo: "ZX990400000000", idempotencyKey: key }));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(await ticketsWithKey(key)).toBe(0);
  });

  it.each([
    ["a malformed service number", { serviceNo: "025-50000001" }],
    ["a short idempotency key", { idempotencyKey: "k1" }],
    ["an unknown fault type", { faultType: "GREMLINS" }],
    ["a blank description", { description: "   " }],
    ["a description over 400 characters", { description: "断".repeat(401) }],
  ])("gives BAD_USER_INPUT for %s before any round trip", async (_, change) => {
    const input = { ...request, idempotencyKey: `nms-${RUN}-d`, ...change } as Parameters<NetworkRestAdapter["openTroubleTicket"]>[0];
    await expectRefusedUpFront(() => adapter.openTroubleTicket(input), counter, "network");
  });
});
