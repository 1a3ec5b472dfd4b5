import { describe, expect, it } from "vitest";
import { formatSoak } from "./soak.js";

const MIB = 1024 * 1024;

describe("the soak report", () => {
  it("gives a row per reading and the mean of each third after the warm-up tenth", () => {
    const samples = Array.from({ length: 11 }, (_, i) => ({ atSeconds: i * 60, rssBytes: (i === 0 ? 100 : 140 + i) * MIB, rps: 200, errors: 0 }));
    const report = formatSoak(samples, { minutes: 10, sampleSeconds: 60, connections: 10 });
    expect(report.split("\n").filter((l) => /^\| \d+:\d\d \|/.test(l))).toHaveLength(11);
    // After the first minute: 141–143, 144–146, 147–150 MiB.
    expect(report).toContain("Mean RSS by thirds after the warm-up: 1:00–3:00 142.0 MiB · 4:00–6:00 145.0 MiB · 7:00–10:00 148.5 MiB; last third against the first: +6.5 MiB; peak 150.0 MiB.");
  });
});
