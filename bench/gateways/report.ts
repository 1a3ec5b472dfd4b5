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
  /** Workload (b): calls to the legacy systems one operation costs, counted the same way. */
  roundTripsPerOp?: number;
  /** Workload (b): the setting the row was measured in (operation, latency, cache); ratios are taken within it. */
  group?: string;
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
const GROUP_HEADING = "setting";
const ROUND_TRIPS_HEADING = "legacy round trips / op";

/**
 * The markdown table with its heading lines: the medians of each gateway's rounds and their ratios to
 * stock Apollo. Rows with a group (workload b) get a leading setting column, a legacy round-trips column,
 * and their ratios to stock Apollo's row of the same group.
 */
export function formatReport(header: ReportHeader, rows: GatewayRow[]): string {
  const grouped = rows.some((r) => r.group !== undefined);
  const headings = grouped ? [GROUP_HEADING, ...HEADINGS.slice(0, 8), ROUND_TRIPS_HEADING, ...HEADINGS.slice(8)] : HEADINGS;
  const baselines = new Map<string | undefined, RoundFigures>();
  for (const row of rows) if (row.baseline && !row.failure && row.rounds.length > 0) baselines.set(row.group, medianFigures(row.rounds));
  const lines = [
    `### ${header.title}`,
    "",
    `${header.date} · commit ${header.commit} · ${header.machine}`,
    "",
    header.settings,
    "",
    `| ${headings.join(" | ")} |`,
    `| ${headings.map((h) => (h === GROUP_HEADING || h === "gateway" ? "---" : "---:")).join(" | ")} |`,
  ];
  const notes: string[] = [];
  for (const row of rows) {
    const lead = grouped ? [row.group ?? "", row.label] : [row.label];
    const named = grouped ? `${row.label} (${row.group ?? ""})` : row.label;
    if (row.failure || row.rounds.length === 0) {
      lines.push(`| ${[...lead, ...Array(headings.length - lead.length).fill("—")].join(" | ")} |`);
      notes.push(`${named}: did not run: ${oneLine(row.failure ?? "no round measured")}`);
      continue;
    }
    const baseline = baselines.get(row.group);
    const m = medianFigures(row.rounds);
    const perCore = rpsPerCore(m);
    const cells = [
      ...lead,
      fixed(m.rps, 0),
      fixed(m.p50Ms, 0),
      fixed(m.p99Ms, 0),
      `${fixed(m.cpuPercent, 0)} %`,
      fixed(perCore, 0),
      `${fixed(m.subgraphCpuPercent, 0)} %`,
      perOp(row.subgraphRequestsPerOp),
      ...(grouped ? [perOp(row.roundTripsPerOp)] : []),
      `${mib(row.rssStartBytes)} → ${mib(row.rssEndBytes)}`,
      String(m.errors),
      baseline ? ratio(m.rps, baseline.rps) : "—",
      baseline ? ratio(perCore, rpsPerCore(baseline)) : "—",
      baseline ? ratio(m.p99Ms, baseline.p99Ms) : "—",
    ];
    lines.push(`| ${cells.join(" | ")} |`);
    if (row.note) notes.push(`${named}: ${oneLine(row.note)}`);
  }
  if (notes.length > 0) lines.push("", ...notes.map((n) => `- ${n}`));
  return lines.join("\n");
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "—";
}

function perOp(value: number | undefined): string {
  return value === undefined ? "?" : String(Number(value.toFixed(2)));
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
