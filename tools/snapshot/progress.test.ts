import { describe, expect, it } from "vitest";
import { Progress, clock } from "./progress.js";

/** A stream that keeps what was written, and a clock the test moves. */
function setup(isTTY: boolean) {
  let text = "";
  let now = 0;
  const progress = new Progress({ isTTY, write: (t: string) => (text += t) }, () => now);
  return { progress, text: () => text, at: (ms: number) => (now = ms) };
}

const totals = { read: 1000, written: 990, unchanged: 5, failed: 5 };

describe("snapshot progress", () => {
  it("on a terminal, redraws one bar in place with done/total, rate and ETA, then leaves it above the summary", () => {
    const { progress, text, at } = setup(true);
    progress.begin("snapshot as of 2026-11-30", 1000, 0);
    at(2_000);
    progress.advance(250);
    expect(progress.line()).toBe("snapshot as of 2026-11-30 [######------------------] 250/1,000 25% · 125/s · ETA 0:06");
    at(2_050);
    progress.advance(260);
    expect(text().split("\r")).toHaveLength(3);
    at(8_000);
    progress.advance(1000);
    progress.end(totals);
    expect(text()).not.toMatch(/\n.*\n.*\n/);
    expect(text()).toMatch(/\r.*1,000\/1,000 100% · 125\/s · ETA 0:00\x1b\[K\nsnapshot as of 2026-11-30: read 1,000, written 990, unchanged 5, failed 5; 8\.0 s, 125 customers\/s\n$/);
  });

  it("elsewhere, writes a plain line at most every five seconds, and the last one once", () => {
    const { progress, text, at } = setup(false);
    progress.begin("month end 2026-10-31", 1000, 0);
    for (let ms = 1_000; ms <= 12_000; ms += 1_000) {
      at(ms);
      progress.advance(ms / 12);
    }
    at(12_000);
    progress.advance(1000);
    progress.end(totals);
    const lines = text().trimEnd().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines.slice(0, 3).map((l) => l.match(/ (\d[\d,]*)\/1,000/)?.[1])).toEqual(["0", "417", "833"]);
    expect(lines[3]).toContain("1,000/1,000 100%");
    expect(text()).not.toContain("\r");
  });

  it("counts the rate of this process only when it resumes a run, and says so", () => {
    const { progress, text, at } = setup(false);
    progress.begin("snapshot as of 2026-11-30", 1000, 600);
    at(4_000);
    progress.advance(1000);
    expect(progress.line()).toContain("· 100/s · ETA 0:00");
    progress.end(totals);
    expect(text()).toContain("read 1,000 (400 by this process, 600 before it was stopped)");
  });

  it("notes stay on lines of their own, clear of the bar", () => {
    const { progress, text } = setup(true);
    progress.begin("x", 10, 0);
    progress.note("month end 2026-10-31: already judged by run #3, skipped");
    expect(text()).toMatch(/\r\x1b\[Kmonth end 2026-10-31: already judged by run #3, skipped\n$/);
  });

  it("shows durations as m:ss or h:mm:ss", () => {
    expect([clock(0), clock(59.6), clock(61), clock(3_725), clock(Number.POSITIVE_INFINITY)]).toEqual(["0:00", "1:00", "1:01", "1:02:05", "?"]);
  });
});
