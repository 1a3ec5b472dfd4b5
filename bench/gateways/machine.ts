import { execFileSync } from "node:child_process";
import os from "node:os";

/** The commit measured: its short hash, with "dirty" when the work tree has changes. */
export function commitLabel(cwd = process.cwd()): string {
  try {
    const hash = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { cwd, encoding: "utf8" }).trim() !== "";
    return dirty ? `${hash} dirty` : hash;
  } catch {
    return "unknown (not a git work tree)";
  }
}

/** Cores, memory and Node, as BENCHMARKS.md's other tables say it. */
export function machineLabel(): string {
  return `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** Pins this process, every thread of it, to the given cores (taskset's list syntax). */
export function pinSelf(cpus: string): void {
  execFileSync("taskset", ["-a", "-p", "-c", cpus, String(process.pid)], { stdio: "ignore" });
}
