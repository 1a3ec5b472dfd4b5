import type { IncomingMessage, ServerResponse } from "node:http";
import type { Writable } from "node:stream";
import { HeaderMap, type ApolloServer } from "@apollo/server";
import { BOM, csvRow, writeChunk, type Cell } from "./csv.js";
import type { GatewayContext } from "./identity.js";
import { gatewayLog } from "./telemetry.js";

export const EXPORT_PATH = "/export/customers.csv";

/** Customers per GraphQL page: the list's maximum, so a million customers take a thousand pages. */
export const EXPORT_PAGE = 1000;

/** The one operation the export runs, page after page; docs/queries/customers-export.graphql registers it for the safelist. */
export const EXPORT_QUERY = `# The BI export (GET /export/customers.csv, docs/bi.md) sends this, page after page, with the caller's token.
# variables: {"filter": {"valueTier": "HIGH", "creditList": "RED"}, "orderBy": {"field": "REVENUE_12M", "direction": "DESC"}}
query CustomersExport($filter: CustomerFilter, $orderBy: CustomerOrder, $after: String) {
  customers(filter: $filter, orderBy: $orderBy, first: ${EXPORT_PAGE}, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id name kind region { code name } phone
        judgementSnapshot { asOf valueTier arpuFen creditScore creditLevel creditList arrearsFen dunningStage churnRiskLevel }
      }
    }
  }
}
`;

/**
 * The columns, in plain words, and where each comes from in a node of EXPORT_QUERY: the hall's record
 * as the graph masks it for the caller, and the judgements of the snapshot the filter was read from
 * (computing them live for a thousand customers a page would not fit a request's deadline).
 */
const COLUMNS: [string, (node: ExportNode) => Cell][] = [
  ["customer number", (n) => n.id],
  ["name", (n) => n.name ?? null],
  ["kind", (n) => n.kind ?? null],
  ["region code", (n) => n.region?.code ?? null],
  ["region", (n) => n.region?.name ?? null],
  ["phone", (n) => n.phone ?? null],
  ["value tier", (n) => n.judgementSnapshot?.valueTier ?? null],
  ["ARPU (fen)", (n) => n.judgementSnapshot?.arpuFen ?? null],
  ["credit score", (n) => n.judgementSnapshot?.creditScore ?? null],
  ["credit level", (n) => n.judgementSnapshot?.creditLevel ?? null],
  ["credit list", (n) => n.judgementSnapshot?.creditList ?? null],
  ["arrears (fen)", (n) => n.judgementSnapshot?.arrearsFen ?? null],
  ["dunning stage", (n) => n.judgementSnapshot?.dunningStage ?? null],
  ["churn risk", (n) => n.judgementSnapshot?.churnRiskLevel ?? null],
  ["judged as of", (n) => n.judgementSnapshot?.asOf ?? null],
];

export const HEADER = csvRow(COLUMNS.map(([title]) => title));

interface ExportNode {
  id: string;
  name?: string | null;
  kind?: string | null;
  region?: { code: string; name: string } | null;
  phone?: string | null;
  judgementSnapshot?: {
    asOf: string;
    valueTier: string | null;
    arpuFen: number | null;
    creditScore: number | null;
    creditLevel: string | null;
    creditList: string | null;
    arrearsFen: number | null;
    dunningStage: string | null;
    churnRiskLevel: string | null;
  } | null;
}

interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; source?: string };
}

/** One page as the gateway answered it. */
export interface ExportPage {
  status: number;
  edges: { node: ExportNode | null }[] | null;
  pageInfo: { hasNextPage: boolean; endCursor: string | null } | null;
  errors: GraphQLError[];
}

export type PageFetcher = (after: string | null) => Promise<ExportPage>;

/** What a stream of pages came to: rows written, and why it is incomplete when it is. */
export interface ExportOutcome {
  rows: number;
  incomplete: string | null;
}

/**
 * Writes the rows of the pages after the first, already fetched one, asking for a page only once the
 * response has taken the previous one (backpressure). A page that fails ends the file with a line
 * saying it is incomplete; values a source could not give are empty cells, and the last line says so.
 */
export async function streamRows(out: Writable, first: ExportPage, next: PageFetcher): Promise<ExportOutcome> {
  let rows = 0;
  const missing = new Set<string>();
  let page = first;
  for (;;) {
    const edges = page.edges ?? [];
    const chunk = edges.map(({ node }) => (node ? csvRow(COLUMNS.map(([, cell]) => cell(node))) : "")).join("");
    for (const error of page.errors) missing.add(error.extensions?.source ?? error.extensions?.code ?? "unknown");
    rows += edges.filter((e) => e.node).length;
    if (chunk) await writeChunk(out, chunk);
    if (!page.pageInfo?.hasNextPage || !page.pageInfo.endCursor) break;
    page = await next(page.pageInfo.endCursor);
    if (page.edges === null) {
      return end(out, rows, `export incomplete after ${rows} customers: ${page.errors[0]?.message ?? `HTTP ${page.status}`}`);
    }
  }
  if (missing.size > 0) return end(out, rows, `export incomplete: some values could not be read (${[...missing].sort().join(", ")}) and are empty`);
  return { rows, incomplete: null };
}

async function end(out: Writable, rows: number, reason: string): Promise<ExportOutcome> {
  await writeChunk(out, csvRow([`# ${reason}`]));
  return { rows, incomplete: reason };
}

/** HTTP status for a first page that failed: its own when the gateway gave one, else by the error's code. */
function statusOf(page: ExportPage): number {
  if (page.status >= 400) return page.status;
  const code = page.errors[0]?.extensions?.code;
  if (code === "BAD_USER_INPUT" || code === "GRAPHQL_VALIDATION_FAILED") return 400;
  if (code === "UNAUTHENTICATED") return 401;
  if (code === "FORBIDDEN") return 403;
  if (code === "SOURCE_UNAVAILABLE" || code === "SOURCE_TIMEOUT" || code === "SNAPSHOT_MISSING") return 503;
  return 500;
}

export interface ExportServer {
  apollo: ApolloServer<GatewayContext>;
  /** The request's context, as /graphql builds it (authentication first). */
  context(headers: HeaderMap): Promise<GatewayContext>;
}

/**
 * GET /export/customers.csv?filter=<JSON>&orderBy=<JSON>: every customer the caller may see that matches,
 * as CSV for Excel. Each page is an ordinary `customers` query through the gateway's own server with the
 * caller's token, so authentication, limits, rate limit, scope and masking hold as for any query.
 */
export async function exportCustomers(req: IncomingMessage, res: ServerResponse, server: ExportServer): Promise<void> {
  if (req.method !== "GET") {
    res.setHeader("allow", "GET");
    return refuse(res, 405, "the export is read with GET", "BAD_REQUEST");
  }
  const params = new URL(req.url ?? "/", "http://gateway").searchParams;
  const variables: Record<string, unknown> = {};
  for (const name of ["filter", "orderBy"] as const) {
    const text = params.get(name);
    if (text === null || text === "") continue;
    try {
      variables[name] = JSON.parse(text);
    } catch {
      return refuse(res, 400, `${name} must be a JSON object, e.g. ${name}={"valueTier":"HIGH"}`, "BAD_USER_INPUT");
    }
  }
  const headers = new HeaderMap([["content-type", "application/json"]]);
  const authorization = req.headers.authorization;
  if (authorization) headers.set("authorization", authorization);
  const fetchPage: PageFetcher = (after) => runPage(server, headers, { ...variables, after });

  const first = await fetchPage(null);
  if (first.edges === null) {
    const status = statusOf(first);
    if (status === 401) res.setHeader("www-authenticate", 'Bearer realm="customer-graph"');
    return json(res, status, { errors: first.errors.map(({ message, extensions }) => ({ message, extensions })) });
  }
  res.writeHead(200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": 'attachment; filename="customers.csv"',
    "cache-control": "no-store",
  });
  try {
    await writeChunk(res, BOM + HEADER);
    const outcome = await streamRows(res, first, fetchPage);
    if (outcome.incomplete) gatewayLog.error(`export: ${outcome.incomplete}`);
    res.end();
  } catch (error) {
    // The reader went away: nobody is left to tell, and no further page is asked for.
    gatewayLog.warn(`export: stopped, the client went away (${(error as Error).message})`);
    res.destroy();
  }
}

async function runPage(server: ExportServer, headers: HeaderMap, variables: Record<string, unknown>): Promise<ExportPage> {
  try {
    const response = await server.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: "POST", headers, search: "", body: { query: EXPORT_QUERY, variables } },
      context: () => server.context(headers),
    });
    const text = response.body.kind === "complete" ? response.body.string : "";
    const body = JSON.parse(text) as { data?: { customers?: { edges: ExportPage["edges"]; pageInfo: ExportPage["pageInfo"] } | null } | null; errors?: GraphQLError[] };
    const customers = body.data?.customers ?? null;
    return { status: response.status ?? 200, edges: customers?.edges ?? null, pageInfo: customers?.pageInfo ?? null, errors: body.errors ?? [] };
  } catch (error) {
    gatewayLog.error(`export: a page could not be run: ${(error as Error).message}`);
    return { status: 500, edges: null, pageInfo: null, errors: [{ message: "internal error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] };
  }
}

function refuse(res: ServerResponse, status: number, message: string, code: string): void {
  json(res, status, { errors: [{ message, extensions: { code } }] });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(value));
}
