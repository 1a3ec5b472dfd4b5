import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { FAULT_TYPES } from "../generate/vocabulary.js";
import type { NetworkStore } from "./store.js";

/** Most access numbers one read may name; more is refused rather than silently cut. */
export const MAX_ACC_NUMS = 500;
const MAX_BODY_BYTES = 16_384;

/** Legacy error numbers: HTTP status × 100 + a detail digit. */
const ERR = {
  BAD_PARAM: 40001,
  BAD_JSON: 40002,
  BAD_FIELD: 40003,
  TOO_MANY: 40004,
  NO_PATH: 40400,
  UNKNOWN_ACC_NUM: 40401,
  BAD_METHOD: 40500,
  EXT_REF_REUSED: 40901,
  INTERNAL: 50000,
} as const;

class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: number,
    message: string,
  ) {
    super(message);
  }
}

const newTicketBody = z.object({
  accNum: z.string().min(1).max(24),
  faultType: z.enum(FAULT_TYPES as [string, ...string[]]),
  desc: z.string().min(1).max(400),
});

/** The REST surface of network management; every answer is JSON with the legacy errcode/errmsg envelope. */
export function networkRoutes(store: NetworkStore) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? "/", "http://nms.local");
      const route = `${req.method} ${url.pathname}`;
      switch (route) {
        case "GET /nms/v1/lines":
          return send(res, 200, ok(await store.lines(accNums(url))));
        case "GET /nms/v1/alarms":
          return send(res, 200, ok(await store.alarms(accNums(url), choice(url, "active", ["true", "false"], "false") === "true")));
        case "GET /nms/v1/tickets":
          return send(res, 200, ok(await store.tickets(accNums(url), choice(url, "state", ["open", "all"], "all") === "open")));
        case "GET /nms/v1/service-facts":
          return send(res, 200, ok(await store.serviceFacts(accNums(url))));
        case "POST /nms/v1/tickets":
          return await openTicket(store, req, res);
      }
      if (["/nms/v1/lines", "/nms/v1/alarms", "/nms/v1/tickets", "/nms/v1/service-facts"].includes(url.pathname)) {
        throw new RequestError(405, ERR.BAD_METHOD, `method ${req.method} not allowed on ${url.pathname}`);
      }
      throw new RequestError(404, ERR.NO_PATH, `no such path ${url.pathname}`);
    } catch (error) {
      if (error instanceof RequestError) return send(res, error.status, { errcode: error.errcode, errmsg: error.message });
      return send(res, 500, { errcode: ERR.INTERNAL, errmsg: "internal error" });
    }
  };
}

async function openTicket(store: NetworkStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const extRef = req.headers["x-ext-ref"];
  if (typeof extRef !== "string" || extRef.length === 0 || extRef.length > 64) {
    throw new RequestError(400, ERR.BAD_PARAM, "header X-Ext-Ref is required (1-64 characters)");
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readBody(req));
  } catch (error) {
    if (error instanceof RequestError) throw error;
    throw new RequestError(400, ERR.BAD_JSON, "body is not JSON");
  }
  const body = newTicketBody.safeParse(raw);
  if (!body.success) {
    const issue = body.error.issues[0];
    throw new RequestError(400, ERR.BAD_FIELD, `invalid field ${issue?.path.join(".") || "(body)"}: ${issue?.message ?? "invalid"}`);
  }
  const result = await store.openTicket({ ...body.data, extRef });
  switch (result.outcome) {
    case "unknown-line":
      throw new RequestError(404, ERR.UNKNOWN_ACC_NUM, `unknown accNum ${body.data.accNum}`);
    case "conflict":
      throw new RequestError(409, ERR.EXT_REF_REUSED, `X-Ext-Ref ${extRef} already used for ticket ${result.ticket.ticketNo}`);
    case "created":
      return send(res, 201, ok(result.ticket));
    case "replayed":
      return send(res, 200, ok(result.ticket));
  }
}

function accNums(url: URL): string[] {
  const param = url.searchParams.get("accNums");
  if (param === null) throw new RequestError(400, ERR.BAD_PARAM, "parameter accNums is required");
  const list = param.split(",").filter((item) => item.length > 0);
  if (list.length === 0) throw new RequestError(400, ERR.BAD_PARAM, "parameter accNums is empty");
  if (list.length > MAX_ACC_NUMS) throw new RequestError(400, ERR.TOO_MANY, `at most ${MAX_ACC_NUMS} accNums per request`);
  const tooLong = list.find((item) => item.length > 24);
  if (tooLong) throw new RequestError(400, ERR.BAD_PARAM, `accNum too long: ${tooLong.slice(0, 32)}`);
  return list;
}

function choice(url: URL, name: string, allowed: readonly string[], fallback: string): string {
  const value = url.searchParams.get(name) ?? fallback;
  if (!allowed.includes(value)) throw new RequestError(400, ERR.BAD_PARAM, `parameter ${name} must be one of ${allowed.join("|")}`);
  return value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RequestError(400, ERR.BAD_JSON, `body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function ok(data: unknown) {
  return { errcode: 0, errmsg: "ok", data };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
}
