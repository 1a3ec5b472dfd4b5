import { describe, expect, it } from "vitest";
import { childPids, cpuSeconds, parseCpuSeconds, parseRssBytes, rssBytes, treeCpuSeconds } from "./proc.js";

describe("the /proc readers", () => {
  it("reads utime and stime after the command name, even one with spaces and parentheses", () => {
    const stat = "4242 (node (bench) x) S 1 4242 4242 0 -1 4194560 900 0 0 0 250 50 0 0 20 0 11 0 31105 1000000 5000 18446744073709551615";
    expect(parseCpuSeconds(stat, 100)).toBe(3);
  });

  it("refuses a line that is not a stat line", () => {
    expect(() => parseCpuSeconds("not a stat line", 100)).toThrow(/not a \/proc/);
  });

  it("reads VmRSS in bytes", () => {
    expect(parseRssBytes("Name:\tnode\nVmPeak:\t  900 kB\nVmRSS:\t    2140 kB\nThreads:\t11\n")).toBe(2140 * 1024);
    expect(() => parseRssBytes("Name:\tnode\n")).toThrow(/VmRSS/);
  });

  it("measures this process as the kernel reports it", () => {
    const rss = rssBytes(process.pid);
    expect(rss).toBeGreaterThan(0.5 * process.memoryUsage().rss);
    expect(rss).toBeLessThan(2 * process.memoryUsage().rss);
    const cpu = cpuSeconds(process.pid);
    const used = process.cpuUsage();
    // Kernel ticks against the microseconds Node reads for the same process: the same clock, coarser.
    expect(Math.abs(cpu - (used.user + used.system) / 1e6)).toBeLessThan(0.5);
  });
});

describe("the process tree readers", () => {
  it("finds a child this process started and counts its CPU with ours", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, ["-e", "let x = 0; for (let i = 0; i < 3e8; i++) x += i; setTimeout(() => {}, 10_000)"], { stdio: "ignore" });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(childPids(process.pid)).toContain(child.pid);
      expect(treeCpuSeconds(process.pid)).toBeGreaterThan(cpuSeconds(process.pid));
    } finally {
      child.kill("SIGKILL");
    }
  });
});
