import { SnapshotSqlStore, snapshotSchemaName } from "../../adapters/snapshot/sql.store.js";
import { loadScoringModel } from "../../subgraphs/insights/config.js";
import { runSnapshot, type RunSummary } from "./job.js";
import type { Progress } from "./progress.js";
import { connectSources, openSources, type SourceEndpoints } from "./sources.js";

export interface SnapshotDatabaseOptions {
  databaseUrl: string;
  schemaPrefix?: string;
  asOf: string;
  batch?: number;
  restart?: boolean;
  backfillMonths?: number;
  /** The scoring model; the shipped config/scoring.json when absent. */
  scoringModelPath?: string | undefined;
  resiliencePath?: string | undefined;
  /** The legacy systems as something already runs them; simulators over `databaseUrl` are started when absent. */
  endpoints?: SourceEndpoints;
  progress: Progress;
}

/**
 * The snapshot of one database's legacy systems into its store: what `npm run snapshot` and the first
 * `npm start` run. The model is checked before anything starts; everything opened here is closed here.
 */
export async function snapshotDatabase(options: SnapshotDatabaseOptions): Promise<RunSummary[]> {
  const model = loadScoringModel(options.scoringModelPath);
  const reach = { schemaPrefix: options.schemaPrefix, resiliencePath: options.resiliencePath };
  const sources = options.endpoints ? connectSources(options.endpoints, reach) : await openSources({ databaseUrl: options.databaseUrl, ...reach });
  const store = new SnapshotSqlStore({ connectionString: options.databaseUrl, schema: snapshotSchemaName(options.schemaPrefix) });
  try {
    return await runSnapshot({
      sources: sources.ports,
      store,
      model,
      asOf: options.asOf,
      batch: options.batch ?? 1000,
      restart: options.restart ?? false,
      backfillMonths: options.backfillMonths ?? 0,
      progress: options.progress,
    });
  } finally {
    await store.close();
    await sources.close();
  }
}
