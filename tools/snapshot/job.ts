import { isAdapterError } from "../../adapters/errors.js";
import type { SnapshotRow, SnapshotRun, SnapshotRunKind, SnapshotWriter } from "../../adapters/snapshot/port.js";
import type { ScoringModel } from "../../subgraphs/insights/config.js";
import { isUnreadable } from "./facts.js";
import { factsDigest, judgeCustomer, modelVersion } from "./judge.js";
import type { Progress, RunTotals } from "./progress.js";
import { BatchReader, type ReadBatch, type SnapshotSources } from "./read.js";

export type { SnapshotSources } from "./read.js";

export interface SnapshotJobOptions {
  sources: SnapshotSources;
  store: SnapshotWriter;
  model: ScoringModel;
  asOf: string;
  /** Customers per batch: per call to each system and per transaction; 1 to 1000. */
  batch: number;
  /** Give up an unfinished run of the same as-of date and start from the first customer. */
  restart?: boolean;
  /** Month ends before the as-of month to judge as well, for history (month rows only). */
  backfillMonths?: number;
  progress: Progress;
  /** When rows are stamped as computed; the clock by default. */
  now?: () => Date;
}

export interface RunSummary extends RunTotals {
  kind: SnapshotRunKind;
  asOf: string;
  runId: number;
  /** The last customer the run had written before this process took it up; null for a fresh run. */
  resumedAfter: string | null;
  /** Customers this process read (a resumed run's earlier part excluded). */
  readHere: number;
  /** Set when the month already had a finished run: nothing was read. */
  skipped?: true;
  /** Where this process's time went, in ms: waiting for the legacy systems' batches, judging, waiting for the store. */
  timing?: { readWaitMs: number; judgeMs: number; writeWaitMs: number };
}

/** The job stopped because a legacy system (or the store) failed; a rerun resumes after `lastCustomerId`. */
export class SnapshotStopped extends Error {
  override readonly name = "SnapshotStopped";
}

/**
 * `npm run snapshot`: every customer, in batches, judged by the insights subgraph's own functions, into
 * the store; then the back-filled month ends. Each batch commits with the run's position, so a killed
 * run resumes after its last written batch; rows whose digest has not changed are not rewritten.
 */
export async function runSnapshot(options: SnapshotJobOptions): Promise<RunSummary[]> {
  await options.store.ensureSchema();
  const summaries = [await runOne(options, "LATEST", options.asOf)];
  for (const monthEnd of previousMonthEnds(options.asOf, options.backfillMonths ?? 0)) {
    const done = (await options.store.finishedRun(monthEnd, "MONTH")) ?? (await options.store.finishedRun(monthEnd, "LATEST"));
    if (done) {
      options.progress.note(`month end ${monthEnd}: already judged by run #${done.runId}, skipped`);
      summaries.push({ kind: "MONTH", asOf: monthEnd, runId: done.runId, resumedAfter: null, readHere: 0, read: 0, written: 0, unchanged: 0, failed: 0, skipped: true });
      continue;
    }
    summaries.push(await runOne(options, "MONTH", monthEnd));
  }
  return summaries;
}

/** The last days of the `count` months before the as-of date's month, newest first. */
export function previousMonthEnds(asOf: string, count: number): string[] {
  const [year, month] = asOf.split("-").map(Number) as [number, number];
  // Day 0 of a month is the last day of the month before it.
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(year, month - 1 - i, 0)).toISOString().slice(0, 10));
}

async function runOne(options: SnapshotJobOptions, kind: SnapshotRunKind, asOf: string): Promise<RunSummary> {
  const { store, progress, sources } = options;
  const label = kind === "LATEST" ? `snapshot as of ${asOf}` : `month end ${asOf}`;
  let unfinished = await store.unfinishedRun(asOf, kind);
  if (unfinished && options.restart) {
    progress.note(`${label}: --restart: giving up run #${unfinished.runId} (stopped after ${unfinished.read.toLocaleString("en")} customers) and starting over`);
    await store.abandonRun(unfinished.runId);
    unfinished = null;
  }
  const run = unfinished ?? (await store.startRun(asOf, kind));
  if (unfinished) {
    progress.note(`${label}: resuming run #${run.runId} after customer ${run.lastCustomerId ?? "(none yet)"}, ${run.read.toLocaleString("en")} customers already read`);
  }
  const totals: RunTotals = { read: run.read, written: run.written, unchanged: run.unchanged, failed: run.failed };
  const version = modelVersion(options.model);
  const now = options.now ?? (() => new Date());
  let position = run.lastCustomerId;
  let writing: Promise<void> = Promise.resolve();
  const timing = { readWaitMs: 0, judgeMs: 0, writeWaitMs: 0 };
  const timed = async <T>(key: keyof typeof timing, step: Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await step;
    } finally {
      timing[key] += performance.now() - started;
    }
  };
  try {
    // The hall counts its customers from an index: the total is exact when the run starts.
    const total = await sources.hall.countCustomers();
    progress.begin(label, Math.max(total, run.read), run.read);
    const reader = new BatchReader(sources, kind === "LATEST" ? store : null, asOf, options.batch, position);
    for (;;) {
      const batch: ReadBatch | null = await timed("readWaitMs", reader.take());
      if (batch === null) break;
      const last = batch.customers.at(-1)!.id;
      const judging = performance.now();
      const computedAt = now().toISOString();
      const rows: SnapshotRow[] = [];
      for (const { customer, parts, storedDigest } of batch.customers) {
        totals.read += 1;
        if (isAdapterError(customer) || parts === null) {
          // Without the hall's record there is no region or kind to file the row under.
          totals.failed += 1;
          continue;
        }
        // Failed whether or not its row is rewritten: the count says how many could not be judged in full.
        if (Object.values(parts).some(isUnreadable)) totals.failed += 1;
        // Month rows keep no digest: a back-filled month is judged once, never compared.
        const digest = kind === "LATEST" ? factsDigest(customer, parts, asOf, version) : "";
        if (kind === "LATEST" && digest === storedDigest) {
          totals.unchanged += 1;
          continue;
        }
        rows.push(judgeCustomer(customer, parts, asOf, options.model, digest, computedAt));
        totals.written += 1;
      }
      timing.judgeMs += performance.now() - judging;
      await timed("writeWaitMs", writing);
      const written = { ...totals, lastCustomerId: last };
      writing = store.writeBatch(run.runId, rows, written).then(() => {
        position = last;
        progress.advance(written.read);
      });
      writing.catch(() => undefined);
    }
    await timed("writeWaitMs", writing);
  } catch (error) {
    await writing.catch(() => undefined);
    throw stopped(error, run, position);
  }
  await store.finishRun(run.runId);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  progress.end(totals, `waited ${seconds(timing.readWaitMs)} for the legacy systems, judged ${seconds(timing.judgeMs)}, waited ${seconds(timing.writeWaitMs)} for the store`);
  return { kind, asOf, runId: run.runId, resumedAfter: unfinished?.lastCustomerId ?? null, readHere: totals.read - run.read, ...totals, timing };
}

/** Why the job stopped, naming the system, and where a rerun takes up. */
function stopped(error: unknown, run: SnapshotRun, position: string | null): SnapshotStopped {
  const where = position ? `after customer ${position}` : "from the first customer";
  const what = isAdapterError(error) ? `the ${error.source} system failed (${error.code}): ${error.message}` : error instanceof Error ? error.message : String(error);
  return new SnapshotStopped(`snapshot run #${run.runId} as of ${run.asOf} stopped: ${what}. Every batch before it is written; run again to resume ${where}.`, { cause: error });
}
