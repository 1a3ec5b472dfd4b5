import { describe, expect, it } from "vitest";
import { formatStackReport, ISSUE_BASELINE_RPS } from "./report.js";

const header = { title: "Stack", date: "2026-11-30", commit: "abc1234", machine: "2 cores", settings: "10 connections" };
const round = (rps: number, errors = 0) => ({ rps, p50Ms: 1000 / rps, p99Ms: 4000 / rps, cpuPercent: 150, errors });

describe("the stack workload's report", () => {
  it("gives each setting's medians, its errors summed, and the ratio to issue 11's figure", () => {
    const table = formatStackReport(header, [
      { processes: 2, cache: "on", rounds: [round(100), round(ISSUE_BASELINE_RPS * 4, 2), round(300, 1)] },
      { processes: 1, cache: "off", rounds: [], failure: "a worker could not start" },
    ]).split("\n");
    expect(table).toContain("| 2 | on | 156.0 | 6 | 26 | 150 % | 3 | 4.00× |");
    expect(table).toContain("| 1 | off | — | — | — | — | — | — |");
    expect(table).toContain("- 1 processes, cache off: did not run: a worker could not start");
  });
});
