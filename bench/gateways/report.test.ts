import { describe, expect, it } from "vitest";
import { formatReport, median, medianFigures, rpsPerCore, type GatewayRow, type RoundFigures } from "./report.js";

const round = (rps: number, p99Ms: number, cpuPercent: number, errors = 0): RoundFigures => ({ rps, p50Ms: p99Ms / 2, p99Ms, cpuPercent, subgraphCpuPercent: 20, errors });
const header = { title: "Workload (a)", date: "2026-11-30", commit: "abc1234 dirty", machine: "2 cores, 24 GiB, Node v20.20.2", settings: "10 connections" };

describe("the gateway benchmark's report", () => {
  it("takes the median of an odd or even number of values", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("takes each figure's median over the rounds and adds up their errors", () => {
    const m = medianFigures([round(100, 30, 50, 1), round(300, 10, 100), round(200, 20, 80, 2)]);
    expect(m).toMatchObject({ rps: 200, p99Ms: 20, cpuPercent: 80, errors: 3 });
    expect(rpsPerCore(m)).toBe(250);
  });

  it("gives ratios to stock Apollo, and the reason in place of the figures for a gateway that did not run", () => {
    const rows: GatewayRow[] = [
      { label: "ours", rounds: [round(300, 10, 50)], rssStartBytes: 100 * 2 ** 20, rssEndBytes: 120 * 2 ** 20, subgraphRequestsPerOp: 4 },
      { label: "apollo", baseline: true, rounds: [round(150, 40, 100)], subgraphRequestsPerOp: 4 },
      { label: "broken", rounds: [], failure: "could not start: Failed to plan | query" },
      { label: "odd", rounds: [round(150, 40, 100)], note: "its data differs from ours's" },
    ];
    const lines = formatReport(header, rows).split("\n");
    expect(lines[0]).toBe("### Workload (a)");
    expect(lines).toContain("2026-11-30 · commit abc1234 dirty · 2 cores, 24 GiB, Node v20.20.2");
    const table = lines.filter((l) => l.startsWith("| "));
    const columns = table[0]!.split(" | ").length;
    for (const line of table) expect(line.split(" | ")).toHaveLength(columns);
    const cells = (label: string) => table.find((l) => l.startsWith(`| ${label} |`))!.slice(2, -2).split(" | ");
    expect(cells("ours")).toEqual(["ours", "300", "5", "10", "50 %", "600", "20 %", "4", "100 MiB → 120 MiB", "0", "2.00×", "4.00×", "0.25×"]);
    expect(cells("apollo").slice(-3)).toEqual(["1.00×", "1.00×", "1.00×"]);
    expect(cells("broken").slice(1).every((c) => c === "—")).toBe(true);
    expect(lines).toContain("- broken: did not run: could not start: Failed to plan / query");
    expect(lines).toContain("- odd: its data differs from ours's");
  });

  it("leaves the ratios out when stock Apollo did not run", () => {
    const table = formatReport(header, [{ label: "ours", rounds: [round(300, 10, 50)] }]).split("\n").filter((l) => l.startsWith("| ours"));
    expect(table[0]!.slice(2, -2).split(" | ").slice(-3)).toEqual(["—", "—", "—"]);
  });

  it("groups workload (b)'s rows by setting, with legacy round trips and ratios to stock Apollo of the same setting", () => {
    const rows: GatewayRow[] = [
      { label: "ours", group: "customer 360 · 0 ms", rounds: [round(40, 100, 50)], subgraphRequestsPerOp: 9, roundTripsPerOp: 12.5 },
      { label: "apollo", baseline: true, group: "customer 360 · 0 ms", rounds: [round(20, 200, 50)], subgraphRequestsPerOp: 9, roundTripsPerOp: 12.5 },
      { label: "ours", group: "customer 360 · 10 ms", rounds: [round(10, 400, 10)] },
      { label: "apollo", baseline: true, group: "customer 360 · 10 ms", rounds: [round(10, 800, 10)] },
    ];
    const table = formatReport(header, rows).split("\n").filter((l) => l.startsWith("| "));
    expect(table[0]).toContain("| setting | gateway | RPS |");
    expect(table[0]).toContain("| subgraph requests / op | legacy round trips / op |");
    const cells = (line: string) => line.slice(2, -2).split(" | ");
    expect(cells(table[2]!).slice(0, 2)).toEqual(["customer 360 · 0 ms", "ours"]);
    expect(cells(table[2]!).slice(8, 10)).toEqual(["9", "12.5"]);
    expect(cells(table[2]!).slice(-3)).toEqual(["2.00×", "2.00×", "0.50×"]);
    expect(cells(table[4]!).slice(-3)).toEqual(["1.00×", "1.00×", "0.50×"]);
  });
});
