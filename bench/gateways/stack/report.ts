import { median } from "../report.js";

/** One round of the whole stack under customer 360. */
export interface StackRound {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Every process of the stack together (primary and workers), in % of one core. */
  cpuPercent: number;
  errors: number;
}

export interface StackRow {
  processes: number;
  cache: "off" | "on";
  rounds: StackRound[];
  failure?: string;
}

/** Issue 11's figure for customer 360 on this machine before the work (30–39 RPS): its target is 4× it. */
export const ISSUE_BASELINE_RPS = 39;

const HEADINGS = ["STACK_PROCESSES", "cache", "RPS", "p50 ms", "p99 ms", "CPU, all processes", "errors", `× ${ISSUE_BASELINE_RPS} RPS`];

/** The stack workload's table: each figure the median of its rounds, and its ratio to the issue's figure (the top of its range). */
export function formatStackReport(header: { title: string; date: string; commit: string; machine: string; settings: string }, rows: StackRow[]): string {
  const lines = [`### ${header.title}`, "", `${header.date} · commit ${header.commit} · ${header.machine}`, "", header.settings, "", `| ${HEADINGS.join(" | ")} |`, `| ${HEADINGS.map((_, i) => (i < 2 ? "---" : "---:")).join(" | ")} |`];
  const notes: string[] = [];
  for (const row of rows) {
    if (row.failure || row.rounds.length === 0) {
      lines.push(`| ${row.processes} | ${row.cache} | ${Array(HEADINGS.length - 2).fill("—").join(" | ")} |`);
      notes.push(`- ${row.processes} processes, cache ${row.cache}: did not run: ${(row.failure ?? "no round measured").replace(/\s+/g, " ").slice(0, 300)}`);
      continue;
    }
    const of = (key: keyof StackRound) => median(row.rounds.map((r) => r[key]));
    const rps = of("rps");
    const errors = row.rounds.reduce((sum, r) => sum + r.errors, 0);
    lines.push(`| ${row.processes} | ${row.cache} | ${rps.toFixed(1)} | ${of("p50Ms").toFixed(0)} | ${of("p99Ms").toFixed(0)} | ${of("cpuPercent").toFixed(0)} % | ${errors} | ${(rps / ISSUE_BASELINE_RPS).toFixed(2)}× |`);
  }
  if (notes.length > 0) lines.push("", ...notes);
  return lines.join("\n");
}
