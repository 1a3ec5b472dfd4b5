import { readdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

/**
 * CPU time and memory of a process as Linux reports them in /proc: what the benchmark reads of
 * each gateway, so every gateway is measured the same way from outside.
 */

/** Clock ticks per second, the unit of utime and stime (getconf CLK_TCK; 100 on every Linux we run). */
export const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** User plus system CPU seconds of a /proc/<pid>/stat line (fields 14 and 15, counted after the command's closing parenthesis). */
export function parseCpuSeconds(stat: string, ticksPerSecond = CLOCK_TICKS): number {
  // The command name may hold spaces and parentheses: the fields start after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`not a /proc/<pid>/stat line: ${stat.slice(0, 80)}`);
  return (utime + stime) / ticksPerSecond;
}

/** Resident set size in bytes from a /proc/<pid>/status text (its VmRSS line, in kB). */
export function parseRssBytes(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error("no VmRSS line in /proc/<pid>/status");
  return Number(match[1]) * 1024;
}

export function cpuSeconds(pid: number): number {
  return parseCpuSeconds(readFileSync(`/proc/${pid}/stat`, "utf8"));
}

export function rssBytes(pid: number): number {
  return parseRssBytes(readFileSync(`/proc/${pid}/status`, "utf8"));
}

/** The process's children, as Linux lists them per thread in /proc/<pid>/task/<tid>/children. */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      children.push(...readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(" ").filter(Boolean).map(Number));
    } catch {
      // A thread that ended since the listing has no children left to count.
    }
  }
  return children;
}

/** CPU seconds of a process and all its descendants alive now (npm start's primary and its workers). */
export function treeCpuSeconds(pid: number): number {
  return cpuSeconds(pid) + childPids(pid).reduce((sum, child) => sum + treeCpuSeconds(child), 0);
}
