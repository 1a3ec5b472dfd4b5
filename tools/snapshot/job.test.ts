import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AdapterError } from "../../adapters/kit/errors.js";
import type { SnapshotRow } from "../../adapters/snapshot/port.js";
import { SnapshotSqlStore, snapshotSchemaName } from "../../adapters/snapshot/sql.store.js";
import { dropSandbox, generateSandbox, type GenerateSummary } from "../../sandbox/generate/generate.js";
import { loadScoringModel } from "../../subgraphs/insights/config.js";
import { SnapshotStopped, previousMonthEnds, runSnapshot, type SnapshotSources } from "./job.js";
import { Progress } from "./progress.js";
import { openSources, type OpenedSources } from "./sources.js";

/** The job in this process over its own small population, with some dirty rows to fail on. */
const sandbox = inject("sandbox");
const PREFIX = "snapjob_";
const AS_OF = "2026-11-15";
const CUSTOMERS = 150;
const model = loadScoringModel();
let generated: GenerateSummary;
let sources: OpenedSources;
let store: SnapshotSqlStore;
/** Customers the first run could not judge in full. */
let failedFirst: number;

beforeAll(async () => {
  generated = await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: CUSTOMERS, seed: 25, asOf: AS_OF, schemaPrefix: PREFIX, dirtyShare: 0.05 });
  sources = await openSources({ databaseUrl: sandbox.databaseUrl, schemaPrefix: PREFIX });
  store = new SnapshotSqlStore({ connectionString: sandbox.databaseUrl, schema: snapshotSchemaName(PREFIX) });
  await store.dropSchema();
});
afterAll(async () => {
  await store?.dropSchema();
  await store?.close();
  await sources?.close();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

function output(): { stream: { write: (t: string) => boolean }; text: () => string } {
  let text = "";
  return { stream: { write: (t: string) => ((text += t), true) }, text: () => text };
}

const job = (progress: Progress, extra: Partial<Parameters<typeof runSnapshot>[0]> = {}) =>
  runSnapshot({ sources: sources.ports, store, model, asOf: AS_OF, batch: 40, progress, ...extra });

async function allRows(): Promise<SnapshotRow[]> {
  const page = await store.page({ filter: {}, scope: { regionPrefix: null, customerIds: null }, order: { field: "CUSTOMER_ID", direction: "ASC" }, after: null, first: 1000 });
  return page.rows;
}

describe("the snapshot job", () => {
  it("judges every customer in batches of one call per system, and counts what it could not read", async () => {
    sources.roundTrips.reset();
    const out = output();
    const [summary] = await job(new Progress(out.stream));
    failedFirst = summary!.failed;
    const batches = Math.ceil(CUSTOMERS / 40);
    expect(summary).toMatchObject({ kind: "LATEST", asOf: AS_OF, read: CUSTOMERS, unchanged: 0, resumedAfter: null, readHere: CUSTOMERS });
    // The hall: one count, then a page and its profile facts per batch; the others one call per batch.
    expect(sources.roundTrips.snapshot()).toEqual({ "business-hall": 1 + 2 * batches, billing: batches, "key-account": batches, network: batches, "call-centre": 0 });

    const byKind = (kinds: string[]) => new Set(generated.dirty.filter((d) => kinds.includes(d.kind)).map((d) => d.custNo));
    const noRecord = byKind(["unknown-customer-type"]);
    const harmless = byKind(["padded-customer-name", "padded-account-name"]);
    const dirty = new Set(generated.dirty.map((d) => d.custNo));
    const rows = await allRows();
    expect(rows).toHaveLength(CUSTOMERS - noRecord.size);
    expect(summary!.written).toBe(rows.length);
    expect(rows.some((r) => noRecord.has(r.customerId))).toBe(false);
    expect(summary!.failed).toBeGreaterThanOrEqual(noRecord.size);
    expect(summary!.failed).toBeLessThanOrEqual(dirty.size - harmless.size);
    for (const row of rows) {
      const complete = row.creditList !== null && row.valueTier !== null && row.arrearsBucket !== null && row.churnRiskLevel !== null;
      if (!dirty.has(row.customerId) || harmless.has(row.customerId)) expect(complete, row.customerId).toBe(true);
      // Black-listed rows say whether in service or former; no other row does.
      expect(row.blackListStatus === null, row.customerId).toBe(row.creditList !== "BLACK");
      expect(row.asOf).toBe(AS_OF);
    }
    expect(rows.filter((r) => r.creditList === null || r.valueTier === null).length).toBe(summary!.failed - noRecord.size);
    // Seed 25 spoils a hall record, a service's paying account (billing) and a ticket (network), among others.
    const billingBroken = byKind(["dangling-service-account"]);
    const networkBroken = byKind(["ticket-closed-before-opened"]);
    expect([noRecord.size, billingBroken.size, networkBroken.size].every((n) => n > 0)).toBe(true);
    for (const row of rows.filter((r) => billingBroken.has(r.customerId))) {
      expect(row).toMatchObject({ creditList: null, creditScore: null, arrearsFen: null, arrearsBucket: null, valueTier: null });
    }
    for (const row of rows.filter((r) => networkBroken.has(r.customerId))) {
      expect(row.valueTier).toBeNull();
      expect(row.creditList).not.toBeNull();
      expect(row.arrearsBucket).not.toBeNull();
    }
    expect(out.text()).toMatch(/snapshot as of 2026-11-15 \[#+\] 150\/150 100% · \d[\d,]*\/s · ETA 0:00\n/);
    expect(out.text()).toContain(`snapshot as of 2026-11-15: read 150, written ${summary!.written}, unchanged 0, failed ${summary!.failed};`);
    expect((await store.latest())?.asOf).toBe(AS_OF);
  });

  it("rewrites nothing when no fact changed, and only the changed customer when one did", async () => {
    const rowsBefore = await allRows();
    const [again] = await job(new Progress(output().stream));
    // Customers without a hall record have no row to compare with; failures are counted again, rewritten or not.
    expect(again).toMatchObject({ read: CUSTOMERS, written: 0, unchanged: rowsBefore.length, failed: failedFirst });

    const [row] = await allRows();
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: sandbox.databaseUrl });
    await client.connect();
    try {
      // A complaint filed at the hall is a fact the judgements read (loyalty, churn, cost to serve).
      await client.query(
        `INSERT INTO "${PREFIX}boss".tb_complaint (complaint_no, cust_no, serv_no, complaint_type, content, accept_time, status)
         VALUES ('TS202611019999999999', $1, NULL, '01', 'snapshot test', '2026-11-01 10:00:00', '2')`,
        [row!.customerId],
      );
    } finally {
      await client.end();
    }
    const [third] = await job(new Progress(output().stream));
    expect(third!.written).toBe(1);
    expect((await allRows()).find((r) => r.customerId === row!.customerId)!.computedAt > row!.computedAt).toBe(true);
  });

  it("stops on a system that fails, naming it, and the next run resumes after the last written batch", async () => {
    const asOf = "2026-11-20";
    let listed = 0;
    const failing: SnapshotSources = {
      ...sources.ports,
      hall: Object.assign(Object.create(sources.ports.hall), {
        listCustomers: async (request: Parameters<SnapshotSources["hall"]["listCustomers"]>[0]) => {
          if (++listed === 3) throw new AdapterError("SOURCE_UNAVAILABLE", "business-hall", "the hall is down");
          return sources.ports.hall.listCustomers(request);
        },
      }),
    };
    const stopped = job(new Progress(output().stream), { sources: failing, asOf });
    await expect(stopped).rejects.toThrow(SnapshotStopped);
    await expect(stopped).rejects.toThrow(/business-hall system failed \(SOURCE_UNAVAILABLE\).*resume after customer \d{12}/);
    const left = await store.unfinishedRun(asOf);
    expect(left?.read).toBe(80);

    const out = output();
    const [resumed] = await job(new Progress(out.stream), { asOf });
    expect(out.text()).toContain(`resuming run #${left!.runId} after customer ${left!.lastCustomerId}, 80 customers already read`);
    expect(resumed).toMatchObject({ runId: left!.runId, resumedAfter: left!.lastCustomerId, read: CUSTOMERS, readHere: CUSTOMERS - 80 });
    expect((await allRows()).filter((r) => r.asOf === asOf)).toHaveLength(resumed!.written);
    expect(resumed!.written + resumed!.unchanged).toBe((await allRows()).length);
  });

  it("back-fills month ends for history, once each", async () => {
    expect(previousMonthEnds("2026-03-31", 4)).toEqual(["2026-02-28", "2026-01-31", "2025-12-31", "2025-11-30"]);
    const first = await job(new Progress(output().stream), { backfillMonths: 2 });
    expect(first.map((s) => [s.kind, s.asOf, s.skipped ?? false])).toEqual([
      ["LATEST", AS_OF, false],
      ["MONTH", "2026-10-31", false],
      ["MONTH", "2026-09-30", false],
    ]);
    const out = output();
    const second = await job(new Progress(out.stream), { backfillMonths: 2 });
    expect(second.slice(1).every((s) => s.skipped)).toBe(true);
    expect(out.text()).toContain("month end 2026-10-31: already judged by run");
    const id = (await allRows())[0]!.customerId;
    const history = (await store.history([id], 12)).get(id)!;
    expect(history.map((m) => m.month)).toEqual(["2026-11", "2026-10", "2026-09"]);
    expect(history.map((m) => m.asOf)).toEqual(["2026-11-20", "2026-10-31", "2026-09-30"]);
  });
});
