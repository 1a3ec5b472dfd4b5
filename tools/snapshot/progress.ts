/**
 * The job's progress on a stream (stderr): on a terminal, one bar redrawn in place; elsewhere (CI logs,
 * a pipe) a plain line every few seconds. Rate and ETA count only what this process did, so a resumed
 * run does not claim the work of the run before it.
 */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface RunTotals {
  read: number;
  written: number;
  unchanged: number;
  failed: number;
}

const BAR = 24;
const TTY_EVERY_MS = 100;
const PLAIN_EVERY_MS = 5_000;

export const grouped = (n: number) => Math.round(n).toLocaleString("en");

/** Seconds as h:mm:ss or m:ss. */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(r)}` : `${m}:${two(r)}`;
}

export class Progress {
  private label = "";
  private total = 0;
  private doneAtStart = 0;
  private done = 0;
  private startedAt = 0;
  private lastDrawn = -Infinity;
  /** What the last drawn line showed, so the final one is not drawn twice. */
  private drawnDone = -1;
  private drawnOnTty = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A line of its own (never inside the bar). */
  note(text: string): void {
    this.clearBar();
    this.stream.write(`${text}\n`);
  }

  begin(label: string, total: number, done: number): void {
    this.label = label;
    this.total = total;
    this.doneAtStart = done;
    this.done = done;
    this.startedAt = this.now();
    this.lastDrawn = -Infinity;
    this.drawnDone = -1;
    this.draw(true);
  }

  advance(done: number): void {
    this.done = done;
    this.draw(false);
  }

  /** The final summary of one run, on its own line, with `detail` (where the time went) on the next. */
  end(totals: RunTotals, detail?: string): void {
    // The finished bar stays on screen above the summary.
    if (this.drawnDone !== this.done) this.draw(true);
    if (this.drawnOnTty) this.stream.write("\n");
    this.drawnOnTty = false;
    const seconds = (this.now() - this.startedAt) / 1000;
    const thisRun = this.done - this.doneAtStart;
    const resumed = this.doneAtStart > 0 ? ` (${grouped(thisRun)} by this process, ${grouped(this.doneAtStart)} before it was stopped)` : "";
    this.stream.write(
      `${this.label}: read ${grouped(totals.read)}${resumed}, written ${grouped(totals.written)}, unchanged ${grouped(totals.unchanged)}, ` +
        `failed ${grouped(totals.failed)}; ${seconds.toFixed(1)} s, ${grouped(rate(thisRun, seconds))} customers/s\n`,
    );
    if (detail) this.stream.write(`  ${detail}\n`);
  }

  /** The bar or line as it reads now. */
  line(): string {
    const seconds = (this.now() - this.startedAt) / 1000;
    const perSecond = rate(this.done - this.doneAtStart, seconds);
    const share = this.total > 0 ? Math.min(1, this.done / this.total) : 1;
    const filled = Math.round(share * BAR);
    const eta = perSecond > 0 ? clock((this.total - this.done) / perSecond) : "?";
    return `${this.label} [${"#".repeat(filled)}${"-".repeat(BAR - filled)}] ${grouped(this.done)}/${grouped(this.total)} ${(share * 100).toFixed(0)}% · ${grouped(perSecond)}/s · ETA ${eta}`;
  }

  private draw(force: boolean): void {
    const at = this.now();
    const every = this.stream.isTTY ? TTY_EVERY_MS : PLAIN_EVERY_MS;
    if (!force && at - this.lastDrawn < every) return;
    this.lastDrawn = at;
    this.drawnDone = this.done;
    if (this.stream.isTTY) {
      this.stream.write(`\r${this.line()}\x1b[K`);
      this.drawnOnTty = true;
    } else {
      this.stream.write(`${this.line()}\n`);
    }
  }

  private clearBar(): void {
    if (!this.drawnOnTty) return;
    this.stream.write("\r\x1b[K");
    this.drawnOnTty = false;
  }
}

function rate(count: number, seconds: number): number {
  return seconds > 0 ? count / seconds : 0;
}
