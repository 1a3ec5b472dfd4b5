import { SnapshotSqlStore, snapshotSchemaName } from "../../adapters/snapshot/sql.store.js";
import type { ProgressStream } from "./progress.js";
import { Progress } from "./progress.js";
import { snapshotDatabase } from "./run.js";
import type { SourceEndpoints } from "./sources.js";

/** Before `npm start` starts the graph: judgements of an earlier data set would list customers that no longer exist. */
export async function dropSnapshotOfEarlierData(databaseUrl: string): Promise<void> {
  const store = new SnapshotSqlStore({ connectionString: databaseUrl, schema: snapshotSchemaName() });
  try {
    await store.dropSchema();
  } finally {
    await store.close();
  }
}

export interface FirstSnapshotOptions {
  databaseUrl: string;
  asOf: string;
  scoringModelPath?: string | undefined;
  resiliencePath?: string | undefined;
  /** The legacy systems `npm start` runs: the snapshot reads them as the graph does, nothing more is started. */
  endpoints: SourceEndpoints;
  out: ProgressStream;
}

/**
 * `npm start`'s snapshot: when no run has finished yet (a new data set, or a first run that was cut
 * short, which resumes), judge every customer once, so that lists filtering on judgements work out of the
 * box. Later snapshots are `npm run snapshot`'s. Returns whether one finished.
 */
export async function snapshotOnFirstStart(options: FirstSnapshotOptions): Promise<boolean> {
  const store = new SnapshotSqlStore({ connectionString: options.databaseUrl, schema: snapshotSchemaName() });
  try {
    await store.ensureSchema();
    if (await store.latest()) return false;
  } finally {
    await store.close();
  }
  const progress = new Progress(options.out);
  progress.note(`No judgement snapshot yet: judging every customer once as of ${options.asOf}, so that lists can filter on judgements (npm run snapshot refreshes it) …`);
  try {
    await snapshotDatabase({ ...options, progress });
    return true;
  } catch (error) {
    // The graph itself does not need the snapshot: say why there is none, and serve.
    progress.note(`The first snapshot did not finish: ${error instanceof Error ? error.message : String(error)}`);
    progress.note("Lists filtering on judgements answer SNAPSHOT_MISSING until `npm run snapshot` finishes one.");
    return false;
  }
}
