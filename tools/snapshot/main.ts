import { carrierToday } from "../../adapters/kit/values.js";
import { sandboxIsComplete } from "../../sandbox/generate/generate.js";
import { stackEnv } from "../../stack/env.js";
import { USAGE, parseSnapshotArgs } from "./args.js";
import { reachDatabase } from "./database.js";
import { SnapshotStopped } from "./job.js";
import { Progress } from "./progress.js";
import { snapshotDatabase } from "./run.js";

/** `npm run snapshot`: see USAGE and docs/snapshot.md. */
async function main(): Promise<number> {
  const parsed = parseSnapshotArgs(process.argv.slice(2));
  if ("error" in parsed) {
    console.error(`${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  const { args } = parsed;
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const env = stackEnv();
  const asOf = args["as-of"] ?? env.INSIGHTS_AS_OF ?? carrierToday();
  const progress = new Progress(process.stderr);
  const database = await reachDatabase(env);
  try {
    if (!(await sandboxIsComplete(database.url, args["schema-prefix"]))) {
      throw new Error(`${database.description} holds no generated legacy data${args["schema-prefix"] ? ` under the prefix "${args["schema-prefix"]}"` : ""}: npm start generates a small data set, npm run sandbox:generate any size`);
    }
    progress.note(`snapshot of ${database.description}, as of ${asOf}, batches of ${args.batch}`);
    const summaries = await snapshotDatabase({
      databaseUrl: database.url,
      schemaPrefix: args["schema-prefix"],
      asOf,
      batch: args.batch,
      restart: args.restart,
      backfillMonths: args["backfill-months"],
      scoringModelPath: env.SCORING_MODEL_PATH,
      resiliencePath: env.RESILIENCE_CONFIG_PATH,
      progress,
    });
    const judged = summaries.filter((s) => !s.skipped).length;
    progress.note(`done: ${judged} run${judged === 1 ? "" : "s"}${summaries.length > judged ? `, ${summaries.length - judged} month end(s) already judged` : ""}`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`\nsnapshot ${error instanceof SnapshotStopped ? "" : "failed: "}${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
