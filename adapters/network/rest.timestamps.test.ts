import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startNetworkSimulator, type NetworkSimulator } from "../../sandbox/network/server.js";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { expectMalformedAt, served, withRows } from "../kit/testing.js";
import { NetworkRestAdapter } from "./rest.adapter.js";

const sandbox = inject("sandbox");
const nms = `"${schemaNames(sandbox.schemaPrefix).network}"`;

let sim: NetworkSimulator;
let pool: pg.Pool;
let adapter: NetworkRestAdapter;

beforeAll(async () => {
  sim = await startNetworkSimulator({ databaseUrl: sandbox.databaseUrl, schema: schemaNames(sandbox.schemaPrefix).network, port: 0 });
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  adapter = new NetworkRestAdapter({ baseUrl: sim.url, counter: new RoundTripCounter() });
});

afterAll(async () => {
  await pool?.end();
  await adapter?.close();
  await sim?.close();
});

/** Rows of local network 0999, numbers 3xx, which neither the generated data nor other test files use. */
function cleanup(accNum: string): string {
  return ["line", "alarm", "ticket"].map((table) => `DELETE FROM ${nms}.${table} WHERE acc_num = '${accNum}';`).join("\n");
}

describe("NetworkRestAdapter timestamps", () => {
  // 18:00 UTC on the 14th is 02:00 on the 15th in Beijing: the carrier's date is the next day.
  const evening = "2026-11-14T18:00:00Z";
  const lateEvening = "2026-11-14T23:30:00Z";

  it("writes every time in the carrier's zone, so an evening in UTC falls on the carrier's next day", async () => {
    const insert = `INSERT INTO ${nms}.line VALUES ('0999-00000301', 2, 'JF9999001', 'OLT1/S3/P1', '${evening}');
      INSERT INTO ${nms}.alarm VALUES (999900000301, '0999-00000301', 'LOS', 1, '${evening}', '${lateEvening}');
      INSERT INTO ${nms}.ticket VALUES ('GZ99990000000301', '0999-00000301', 'NO_SIGNAL', 'x', 40, '${evening}', '${lateEvening}', NULL);`;
    await withRows(pool, insert, cleanup("0999-00000301"), async () => {
      const serviceNo = "099900000301";
      const [opened, closed] = ["2026-11-15T02:00:00.000+08:00", "2026-11-15T07:30:00.000+08:00"];

      expect(served(await adapter.getLineStatuses([serviceNo])).get(serviceNo)?.lastChangedAt).toBe(opened);
      expect(served(await adapter.getAlarms([serviceNo], { activeOnly: false })).get(serviceNo)).toMatchObject([{ raisedAt: opened, clearedAt: closed }]);
      expect(served(await adapter.getTroubleTickets([serviceNo], { openOnly: false })).get(serviceNo)).toMatchObject([
        { openedAt: opened, closedAt: closed },
      ]);
      expect(served(await adapter.getServiceFacts([serviceNo])).get(serviceNo)?.tickets).toEqual([
        { openedAt: opened, closedAt: closed, state: "CLOSED" },
      ]);
      // Same instants as stored, only written in another zone.
      expect(Date.parse(opened)).toBe(Date.parse(evening));
      expect(Date.parse(closed)).toBe(Date.parse(lateEvening));
    });
  });

  it("reads the last instant of year 9999 in the carrier's zone", async () => {
    const insert = `INSERT INTO ${nms}.line VALUES ('0999-00000302', 1, 'JF9999001', 'OLT1/S3/P2', '9999-12-31 23:59:59.999+08')`;
    await withRows(pool, insert, cleanup("0999-00000302"), async () => {
      const lines = served(await adapter.getLineStatuses(["099900000302"]));
      expect(lines.get("099900000302")?.lastChangedAt).toBe("9999-12-31T23:59:59.999+08:00");
    });
  });

  it("refuses a time past year 9999 in the carrier's zone as its record's error, saying so", async () => {
    // Still 9999 in UTC, already 10000 in Beijing: no four-digit year can write it there.
    const insert = `INSERT INTO ${nms}.line VALUES ('0999-00000303', 1, 'JF9999001', 'OLT1/S3/P3', '9999-12-31 16:00:00+00');
      INSERT INTO ${nms}.line VALUES ('0999-00000304', 1, 'JF9999001', 'OLT1/S3/P4', now());`;
    const both = `${cleanup("0999-00000303")}\n${cleanup("0999-00000304")}`;
    await withRows(pool, insert, both, async () => {
      const found = await adapter.getLineStatuses(["099900000303", "099900000304"]);
      const error = expectMalformedAt(found, "099900000303", "network", "line 0999-00000303");
      expect(error.message).toMatch(/lastChange: 253402272000000 is later than the last instant of year 9999 in UTC\+8/);
    });
  });
});
