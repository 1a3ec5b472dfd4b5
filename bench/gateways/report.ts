/** One gateway's figures over one measuring window. */
export interface RoundFigures {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Gateway CPU over the window, in % of one core. */
  cpuPercent: number;
  /** The subgraphs' process over the same window: near 100 % means they, not the gateway, set the pace. */
  subgraphCpuPercent: number;
  errors: number;
}

/** One gateway's row: its rounds, or why it did not run. */
export interface GatewayRow {
  label: string;
  /** Stock Apollo, the row the ratios are taken to. */
  baseline?: boolean;
  rounds: RoundFigures[];
  rssStartBytes?: number;
  rssEndBytes?: number;
  /** Subgraph requests one operation costs, counted over requests sent one at a time. */
  subgraphRequestsPerOp?: number;
  /** Why it could not be measured (start failure, wrong answers …); shown instead of figures. */
  failure?: string;
  /** Said beside its figures (e.g. a difference in the answers). */
  note?: string;
}

export interface ReportHeader {
  title: string;
  date: string;
  commit: string;
  machine: string;
  /** The run's settings, one line. */
  settings: string;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Each figure's median over the rounds (figure by figure, so a row may mix rounds). */
export function medianFigures(rounds: RoundFigures[]): RoundFigures {
  const of = (key: keyof RoundFigures) => median(rounds.map((r) => r[key]));
  return { rps: of("rps"), p50Ms: of("p50Ms"), p99Ms: of("p99Ms"), cpuPercent: of("cpuPercent"), subgraphCpuPercent: of("subgraphCpuPercent"), errors: rounds.reduce((sum, r) => sum + r.errors, 0) };
}

/** Requests per second per core the gateway used: its speed when something else (the subgraphs' core) holds it back. */
export function rpsPerCore(figures: RoundFigures): number {
  return figures.cpuPercent > 0 ? figures.rps / (figures.cpuPercent / 100) : Number.NaN;
}

const HEADINGS = ["gateway", "RPS", "p50 ms", "p99 ms", "gateway CPU", "RPS per gateway core", "subgraphs' CPU", "subgraph requests / op", "RSS start → end", "errors", "× Apollo RPS", "× Apollo RPS/core", "× Apollo p99"];

/** The markdown table with its heading lines: the medians of each gateway's rounds and their ratios to stock Apollo. */
export function formatReport(header: ReportHeader, rows: GatewayRow[]): string {
  const baselineRow = rows.find((r) => r.baseline && !r.failure && r.rounds.length > 0);
  const baseline = baselineRow && medianFigures(baselineRow.rounds);
  const lines = [
    `### ${header.title}`,
    "",
    `${header.date} · commit ${header.commit} · ${header.machine}`,
    "",
    header.settings,
    "",
    `| ${HEADINGS.join(" | ")} |`,
    `| ${HEADINGS.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
  ];
  const notes: string[] = [];
  for (const row of rows) {
    if (row.failure || row.rounds.length === 0) {
      lines.push(`| ${row.label} | ${Array(HEADINGS.length - 1).fill("—").join(" | ")} |`);
      notes.push(`${row.label}: did not run: ${oneLine(row.failure ?? "no round measured")}`);
      continue;
    }
    const m = medianFigures(row.rounds);
    const perCore = rpsPerCore(m);
    const cells = [
      row.label,
      fixed(m.rps, 0),
      fixed(m.p50Ms, 0),
      fixed(m.p99Ms, 0),
      `${fixed(m.cpuPercent, 0)} %`,
      fixed(perCore, 0),
      `${fixed(m.subgraphCpuPercent, 0)} %`,
      row.subgraphRequestsPerOp === undefined ? "?" : String(Number(row.subgraphRequestsPerOp.toFixed(2))),
      `${mib(row.rssStartBytes)} → ${mib(row.rssEndBytes)}`,
      String(m.errors),
      baseline ? ratio(m.rps, baseline.rps) : "—",
      baseline ? ratio(perCore, rpsPerCore(baseline)) : "—",
      baseline ? ratio(m.p99Ms, baseline.p99Ms) : "—",
    ];
    lines.push(`| ${cells.join(" | ")} |`);
    if (row.note) notes.push(`${row.label}: ${oneLine(row.note)}`);
  }
  if (notes.length > 0) lines.push("", ...notes.map((n) => `- ${n}`));
  return lines.join("\n");
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "—";
}

function ratio(value: number, base: number): string {
  return Number.isFinite(value) && Number.isFinite(base) && base > 0 ? `${(value / base).toFixed(2)}×` : "—";
}

function mib(bytes: number | undefined): string {
  return bytes === undefined ? "?" : `${Math.round(bytes / 2 ** 20)} MiB`;
}

/** A cell or a note line must not break the table: one line, no pipes, bounded. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").replace(/\|/g, "/").trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}…` : flat;
}
