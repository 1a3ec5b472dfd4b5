import type { IncomingMessage, ServerResponse } from "node:http";
import { carrierWallClock } from "../generate/dates.js";
import { CALL_COLUMNS, type CallCentreStore, type CallRow } from "./store.js";

/** Most numbers and customer codes one export may name together; more is refused rather than silently cut. */
export const MAX_EXPORT_KEYS = 400;
export const EXPORT_PATH = "/cc/export";

/** The export's first line: format name, version, and when it was cut (local time, no zone). */
const FORMAT = "CCEXP|1.0";
const HEADER = CALL_COLUMNS.map((c) => c.toUpperCase()).join("|");

/** The system's own error numbers, sent as `ERR|nn|text`. */
const ERR = { BAD_PARAM: "01", TOO_MANY: "02", NO_PATH: "04", BAD_METHOD: "05", INTERNAL: "99" } as const;

class ExportError extends Error {
  constructor(
    readonly status: number,
    readonly errno: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The call centre's one interface: `GET /cc/export?nbr=…&cust=…&seq=…` (comma lists; any may be empty, not all)
 * answers every call from those calling numbers, spelled as the centre spells them, identified as those
 * customers, or with those serials: a format line, a header line of column names, one `|`-separated line per call, and a trailer
 * `END|<lines>` so a reader can tell a cut-off export from a short one. Lines end CRLF, as its old clients expect.
 */
export function callCentreRoutes(store: CallCentreStore, now: () => Date = () => new Date()) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? "/", "http://cc.local");
      if (url.pathname !== EXPORT_PATH) throw new ExportError(404, ERR.NO_PATH, `no such path ${url.pathname}`);
      if (req.method !== "GET") throw new ExportError(405, ERR.BAD_METHOD, `method ${req.method} not allowed`);
      const callerNos = list(url, "nbr", /^\d{5,20}$/);
      const custCodes = list(url, "cust", /^\d{12}$/);
      const serials = list(url, "seq", /^\d{1,18}$/);
      const keys = callerNos.length + custCodes.length + serials.length;
      if (keys === 0) throw new ExportError(400, ERR.BAD_PARAM, "give nbr, cust or seq");
      if (keys > MAX_EXPORT_KEYS) throw new ExportError(400, ERR.TOO_MANY, `at most ${MAX_EXPORT_KEYS} nbr, cust and seq together`);
      const rows = await store.calls(callerNos, custCodes, serials);
      send(res, 200, exportText(rows, now()));
    } catch (error) {
      if (error instanceof ExportError) return send(res, error.status, `ERR|${error.errno}|${error.message}\r\n`);
      return send(res, 500, `ERR|${ERR.INTERNAL}|internal error\r\n`);
    }
  };
}

/** The export's text for these rows. */
export function exportText(rows: readonly CallRow[], cutAt: Date): string {
  const lines = [`${FORMAT}|${localStamp(cutAt)}`, HEADER, ...rows.map((row) => CALL_COLUMNS.map((c) => String(row[c])).join("|")), `END|${rows.length}`];
  return lines.map((line) => `${line}\r\n`).join("");
}

function list(url: URL, name: string, shape: RegExp): string[] {
  const items = (url.searchParams.get(name) ?? "").split(",").filter((item) => item.length > 0);
  const bad = items.find((item) => !shape.test(item));
  if (bad !== undefined) throw new ExportError(400, ERR.BAD_PARAM, `bad ${name} ${bad.slice(0, 24)}`);
  return [...new Set(items)];
}

/** 'YYYYMMDDHHMMSS' in the carrier's local time (UTC+8), as the centre writes every time. */
function localStamp(at: Date): string {
  return carrierWallClock(at).replace(/[- :]/g, "");
}

function send(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(body);
}
