import pg from "pg";
import { runWriteOff, type WriteOffCounts } from "./write-off.js";

export interface WriteOffRunsOptions {
  databaseUrl: string;
  /** Billing's PostgreSQL schema (schemaNames(prefix).billing). */
  schema: string;
  /** Pause between the end of one run and the start of the next; 0 schedules none (runNow still runs one). */
  everyMs: number;
  /** The date each run writes, YYYY-MM-DD; the carrier's today (UTC+8) at each run when absent. */
  today?: (() => string) | undefined;
  /** Told of each scheduled run that did something; a quiet run says nothing. */
  onRun?: ((counts: WriteOffCounts) => void) | undefined;
}

export interface WriteOffRuns {
  /** One run now, after any run already under way; its counts. */
  runNow(): Promise<WriteOffCounts>;
  /** No more runs; waits for one under way, then closes the connection. */
  close(): Promise<void>;
}

/**
 * Billing's write-off run on a timer, as the real system runs it through the day. Runs in this process
 * never overlap: each waits for the one before, and the next is scheduled only when one ends. A failed
 * run logs one line, and the next one tries again.
 */
export function startWriteOffRuns(options: WriteOffRunsOptions): WriteOffRuns {
  if (!Number.isInteger(options.everyMs) || options.everyMs < 0) throw new Error(`everyMs must be a whole number of milliseconds, 0 or more, got ${options.everyMs}`);
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 1 });
  // A dropped idle connection must not take the process down; the next run reconnects.
  pool.on("error", () => {});
  let last: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;

  const runNow = (): Promise<WriteOffCounts> => {
    if (closed) return Promise.reject(new Error("the write-off runs are closed"));
    const run = last.then(() => runWriteOff(pool, { schema: options.schema, date: options.today?.() }));
    last = run.catch(() => undefined);
    return run;
  };

  const schedule = () => {
    if (closed || options.everyMs === 0) return;
    timer = setTimeout(() => {
      runNow()
        .then((counts) => {
          if (counts.paymentsTakenUp > 0 || counts.writeOffs > 0) options.onRun?.(counts);
        })
        .catch((error: unknown) => console.error(`billing write-off run failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(schedule);
    }, options.everyMs);
    // The runs never keep a process alive on their own: whatever serves beside them does.
    timer.unref();
  };
  schedule();

  return {
    runNow,
    close() {
      closed = true;
      clearTimeout(timer);
      closing ??= last.then(() => pool.end());
      return closing;
    },
  };
}
