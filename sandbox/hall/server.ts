import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { keepIdleConnections } from "../http/keep-alive.js";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { FaultSwitch } from "../http/faults.js";
import { OPERATIONS, type HallStore, type Operation } from "./operations.js";
import { buildWsdl } from "./wsdl.js";
import { HALL_NS, RequestFault, envelope, faultEnvelope, parseSoapRequest } from "./xml.js";

export const SERVICE_PATH = "/boss/CustService";
const MAX_BODY_BYTES = 1_000_000;

export interface HallSimulatorOptions {
  databaseUrl: string;
  /** The hall's PostgreSQL schema (schemaNames(prefix).hall). */
  schema: string;
  /** 0 or absent: any free port. */
  port?: number;
  host?: string;
}

export interface HallSimulator {
  /** Base URL, e.g. http://127.0.0.1:43121; the service answers at `${url}/boss/CustService`. */
  readonly url: string;
  readonly faults: FaultSwitch;
  close(): Promise<void>;
}

const byRequestElement = new Map<string, Operation>(OPERATIONS.map((op) => [`${op.name}Req`, op]));

/** The business hall's SOAP 1.1 service (营业受理 CustService) over its own tables. */
export async function startHallSimulator(options: HallSimulatorOptions): Promise<HallSimulator> {
  if (!/^[a-z0-9_]{1,63}$/.test(options.schema)) throw new Error(`bad schema name "${options.schema}"`);
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 8 });
  // A dropped idle connection must not take the simulator down; the next request reconnects.
  pool.on("error", () => {});
  const store: HallStore = { pool, schema: `"${options.schema}"` };
  const faults = new FaultSwitch();
  const server = createServer(faults.wrap((req, res) => handleSafely(store, req, res)));
  keepIdleConnections(server);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  const address = server.address() as AddressInfo;
  // Listening on every interface still means the simulator is reached on loopback from this machine.
  const reachable = address.address === "0.0.0.0" ? "127.0.0.1" : address.address === "::" ? "::1" : address.address;
  const host = reachable.includes(":") ? `[${reachable}]` : reachable;
  return {
    url: `http://${host}:${address.port}`,
    faults,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await pool.end();
    },
  };
}

async function handleSafely(store: HallStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    await handle(store, req, res);
  } catch {
    // Only a request that could not be read gets here (the client went away mid-body); nobody is left to answer.
    res.destroy();
  }
}

async function handle(store: HallStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://hall");
  if (url.pathname !== SERVICE_PATH) return plain(res, 404, "not found");
  if (req.method === "GET" && [...url.searchParams.keys()].some((key) => key.toLowerCase() === "wsdl")) {
    const location = `http://${req.headers.host ?? "localhost"}${SERVICE_PATH}`;
    res.writeHead(200, { "content-type": "text/xml; charset=utf-8" }).end(buildWsdl(location, OPERATIONS));
    return;
  }
  if (req.method !== "POST") {
    res.setHeader("allow", "POST, GET");
    return plain(res, 405, "POST a SOAP request, or GET ?wsdl");
  }
  if (!/^text\/xml\b/i.test(req.headers["content-type"] ?? "")) return plain(res, 415, "SOAP 1.1 requests are text/xml");
  const body = await readBody(req);
  if (body === null) return plain(res, 413, "request too large");
  try {
    const action = req.headers["soapaction"];
    if (typeof action !== "string") throw new RequestFault("Client", "E001", "SOAPAction header is required");
    const request = parseSoapRequest(body);
    const op = byRequestElement.get(request.element);
    if (!op) throw new RequestFault("Client", "E001", `unknown operation element ${request.element}`);
    const wanted = action.trim().replace(/^"(.*)"$/, "$1");
    if (wanted !== "" && wanted !== `${HALL_NS}/${op.name}`) {
      throw new RequestFault("Client", "E001", `SOAPAction ${wanted} does not match ${op.name}`);
    }
    const answer = await op.run(store, request.content);
    xml(res, 200, envelope(`<cs:${op.name}Rsp xmlns:cs="${HALL_NS}">${answer}</cs:${op.name}Rsp>`));
  } catch (error) {
    if (error instanceof RequestFault) return xml(res, 500, faultEnvelope(error.code, error.message, error.errCode));
    xml(res, 500, faultEnvelope("Server", "系统内部错误: the service could not complete the request", "E999"));
  }
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function xml(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": "text/xml; charset=utf-8" }).end(text);
}

function plain(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(text);
}
