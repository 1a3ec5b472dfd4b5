import { z } from "zod";
import { SNAPSHOT_ORDER_FIELDS } from "../../adapters/snapshot/port.js";
import { MAX_CUSTOMERS } from "../../sandbox/generate/ids.js";

export const SCALE_USAGE = `  scale [options]                       customer lookups at 10,000 and 1,000,000 customers, and a BI scan of the
                                        largest population with its judgement snapshot; PostgreSQL at DATABASE_URL
                                        (default postgres://postgres@127.0.0.1:5432/postgres), populations of seed 1
                                        in schemas scale10k_, scale1m_ … (generated when missing: 1,000,000 take about
                                        7 minutes and 10 GB); progress on stderr, markdown tables on stdout
    --sizes LIST          comma-separated population sizes (default 10000,1000000)
    --parts LIST          lookup,scan or one of them (default both)
    --duration S          measured seconds per lookup window (default 10)
    --warmup S            warm-up seconds before each lookup window (default 3)
    --connections N       the concurrent lookup load, besides the sequential one (default 10)
    --rounds R            lookup rounds, populations taking turns; each figure the median (default 3)
    --scan-seconds S      each BI scan stops after S seconds if customers remain (default 120)
    --scan-order FIELD    ${SNAPSHOT_ORDER_FIELDS.join("|")}: CUSTOMER_ID pages live from the hall,
                          the others through the snapshot (default CUSTOMER_ID)
    --snapshot HOW        fill a missing snapshot with the job (job) or with made-up rows under the real
                          customer ids (made-up); auto: job up to 100,000 customers (default auto)
    --cpu-prof DIR        write the V8 CPU profiles (node --cpu-prof) of the scan's two processes to
                          DIR/simulators/ and DIR/graph/`;

const commaList = z.string().transform((s) => s.split(",").map((v) => v.trim()));

export const scaleArgsSchema = z.object({
  sizes: commaList.transform((items) => items.map(Number)).pipe(z.array(z.number().int().min(1).max(MAX_CUSTOMERS)).min(1)).default([10_000, 1_000_000]),
  parts: commaList.pipe(z.array(z.enum(["lookup", "scan"])).min(1)).default(["lookup", "scan"]),
  duration: z.coerce.number().int().min(1).max(600).default(10),
  warmup: z.coerce.number().int().min(0).max(120).default(3),
  connections: z.coerce.number().int().min(1).max(1_000).default(10),
  rounds: z.coerce.number().int().min(1).max(20).default(3),
  "scan-seconds": z.coerce.number().int().min(1).max(7_200).default(120),
  "scan-order": z.enum(SNAPSHOT_ORDER_FIELDS).default("CUSTOMER_ID"),
  snapshot: z.enum(["auto", "job", "made-up"]).default("auto"),
  "cpu-prof": z.string().min(1).optional(),
});

/** The options parseArgs must know for `scale`. */
export const SCALE_PARSE_OPTIONS = {
  sizes: { type: "string" },
  parts: { type: "string" },
  duration: { type: "string" },
  warmup: { type: "string" },
  connections: { type: "string" },
  rounds: { type: "string" },
  "scan-seconds": { type: "string" },
  "scan-order": { type: "string" },
  snapshot: { type: "string" },
  "cpu-prof": { type: "string" },
} as const;

export interface ScaleOptions {
  databaseUrl: string;
  sizes: number[];
  parts: ("lookup" | "scan")[];
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  rounds: number;
  scanSeconds: number;
  scanOrder: (typeof SNAPSHOT_ORDER_FIELDS)[number];
  snapshot: "auto" | "job" | "made-up";
  cpuProfileDir?: string | undefined;
}

/** The options from parseArgs' values and the environment; a ZodError names the bad flag. */
export function parseScaleArgs(values: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): { success: true; data: ScaleOptions } | { success: false; error: z.ZodError } {
  const parsed = scaleArgsSchema.safeParse(values);
  if (!parsed.success) return { success: false, error: parsed.error };
  const a = parsed.data;
  return {
    success: true,
    data: {
      databaseUrl: env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres",
      sizes: [...new Set(a.sizes)].sort((x, y) => x - y),
      parts: a.parts,
      durationSeconds: a.duration,
      warmupSeconds: a.warmup,
      connections: a.connections,
      rounds: a.rounds,
      scanSeconds: a["scan-seconds"],
      scanOrder: a["scan-order"],
      snapshot: a.snapshot,
      cpuProfileDir: a["cpu-prof"],
    },
  };
}
