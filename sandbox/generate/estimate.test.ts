import { describe, expect, it } from "vitest";
import { estimateSize, judgeRoom, size } from "./estimate.js";

const GB = 1e9;

describe("estimateSize", () => {
  it("grows with the customers, about 204 rows and 23 kB each", () => {
    const [small, large] = [estimateSize(20_000), estimateSize(1_000_000)];
    expect(large.rows).toBe(small.rows * 50);
    expect(large.rows / 1_000_000).toBeCloseTo(204.3, 1);
    expect(large.bytes / 1_000_000).toBeGreaterThan(22_500);
    expect(large.bytes / 1_000_000).toBeLessThan(24_000);
  });
});

describe("judgeRoom", () => {
  const room = (freeBytes: number, replacedBytes = 0) => ({ path: "/data/pg", freeBytes, replacedBytes });

  it("refuses what evidently does not fit, naming the need, the disk and how many customers would fit", () => {
    const verdict = judgeRoom(10_000_000, room(79 * GB));
    expect(verdict.fits).toBe(false);
    if (verdict.fits) return;
    expect(verdict.reason).toMatch(/^10,000,000 customers need about 233\.7 GB .* \/data\/pg has 79\.0 GB free; about [\d,]+ customers fit/);
    const fit = Number(/about ([\d,]+) customers fit/.exec(verdict.reason)?.[1]?.replaceAll(",", ""));
    expect(judgeRoom(fit, room(79 * GB)).fits).toBe(true);
    expect(judgeRoom(fit + 1, room(79 * GB)).fits).toBe(false);
  });

  it("counts the space of the schemas the run replaces as room", () => {
    expect(judgeRoom(1_000_000, room(5 * GB)).fits).toBe(false);
    expect(judgeRoom(1_000_000, room(5 * GB, 20 * GB))).toEqual({ fits: true, warning: expect.stringMatching(/close to all the room/) });
  });

  it("says nothing more when there is room to spare, and works for small disks and populations too", () => {
    expect(judgeRoom(1_000, room(79 * GB))).toEqual({ fits: true, warning: null });
    const tiny = judgeRoom(1_000, room(10e6));
    expect(tiny.fits).toBe(false);
    if (!tiny.fits) expect(tiny.reason).toMatch(/has 10\.0 MB free; about 214 customers fit/);
    expect(judgeRoom(214, room(10e6)).fits).toBe(true);
  });
});

describe("size", () => {
  it("reads as people write it", () => {
    expect([size(11_430), size(228_600_000), size(11_430_000_000)]).toEqual(["12 kB", "228.6 MB", "11.4 GB"]);
  });
});
