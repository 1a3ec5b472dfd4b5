import { parseArgs } from "node:util";
import { z } from "zod";
import { MAX_CUSTOMER_PAGE } from "../../adapters/business-hall/port.js";
import { isCalendarDate } from "../../adapters/kit/values.js";

export const USAGE = `Usage: npm run snapshot -- [--as-of YYYY-MM-DD] [--batch N] [--backfill-months N] [--restart] [--schema-prefix P]

Judges every customer with the insights subgraph's own functions and keeps the result in the project's
own store (schema customer_graph, beside the legacy systems' schemas), so that lists, counts and
segments can filter on judgements without computing them per request. Progress goes to stderr: a bar
on a terminal, a line every 5 seconds otherwise, then a summary. docs/snapshot.md explains it all.

  --as-of YYYY-MM-DD     reference date of the judgements (default INSIGHTS_AS_OF, else the carrier's today, UTC+8)
  --batch N              customers per batch: per call to each legacy system and per transaction (1-${MAX_CUSTOMER_PAGE}, default 1000)
  --backfill-months N    also judge the last days of the N months before the as-of month, for history (0-120, default 0);
                         a month end that already has a finished run is skipped
  --restart              give up an unfinished run of the same as-of date and start from the first customer
                         (without it, a run that was stopped or killed resumes after its last written batch)
  --schema-prefix P      the prefix of the legacy systems' and the store's schemas (tests and reports use one; default none)
  --help                 this text

Reaches the legacy systems as npm start does: PostgreSQL at DATABASE_URL, or else the embedded PGlite
(the one npm start is serving on SANDBOX_PG_PORT if it runs, otherwise the data in SANDBOX_DATA_DIR).
Also reads SANDBOX_PG_PASSWORD, INSIGHTS_AS_OF, SCORING_MODEL_PATH and RESILIENCE_CONFIG_PATH.
Exit status: 0 done, 1 stopped (a system failed: run again to resume), 2 bad arguments.`;

const argsSchema = z.object({
  "as-of": z.string().refine(isCalendarDate, "must be a calendar date YYYY-MM-DD").optional(),
  batch: z.coerce.number().int().min(1).max(MAX_CUSTOMER_PAGE).default(1000),
  "backfill-months": z.coerce.number().int().min(0).max(120).default(0),
  restart: z.boolean().default(false),
  "schema-prefix": z
    .string()
    .regex(/^[a-z0-9_]*$/, "must match [a-z0-9_]*")
    .default(""),
  help: z.boolean().default(false),
});

export type SnapshotArgs = z.output<typeof argsSchema>;

/** The command line, checked; a bad one gives the message to print (naming the option) instead. */
export function parseSnapshotArgs(argv: string[]): { args: SnapshotArgs } | { error: string } {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        "as-of": { type: "string" },
        batch: { type: "string" },
        "backfill-months": { type: "string" },
        restart: { type: "boolean" },
        "schema-prefix": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    return { error: (error as Error).message };
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) return { error: parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n") };
  return { args: parsed.data };
}
