import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";

/** What every route of the modern billing service shares: its errors, key lists, paging, body reading and answers. */

/** Most keys one batch request may name; more is refused rather than silently cut. */
export const MAX_BATCH_KEYS = 1_000;
/** List answers come in pages of at most this many records (pageSize), with a token for the next page. */
export const MAX_PAGE_SIZE = 5_000;
const MAX_BODY_BYTES = 262_144;

type Row = Record<string, unknown>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const keys = z.array(z.string().min(1).max(32)).min(1).max(MAX_BATCH_KEYS);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "an ISO date YYYY-MM-DD");
export const paging = { pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(), pageToken: z.string().max(64).optional() };

/** One page of a list answer: `pageToken` is where the page before stopped, opaque to the client. */
export function page(records: Row[], body: unknown): { records: Row[]; nextPageToken: string | null } {
  const { pageSize, pageToken } = body as { pageSize?: number; pageToken?: string };
  const size = pageSize ?? MAX_PAGE_SIZE;
  let start = 0;
  if (pageToken !== undefined) {
    const decoded = Number(Buffer.from(pageToken, "base64url").toString("utf8"));
    if (!Number.isSafeInteger(decoded) || decoded < 0) throw new ApiError(400, "INVALID_ARGUMENT", "pageToken is not one this service gave");
    start = decoded;
  }
  const end = start + size;
  return { records: records.slice(start, end), nextPageToken: end < records.length ? Buffer.from(String(end)).toString("base64url") : null };
}

export function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ApiError(400, "INVALID_ARGUMENT", `invalid field ${issue?.path.join(".") || "(body)"}: ${issue?.message ?? "invalid"}`);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, "INVALID_ARGUMENT", `body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
  } catch {
    throw new ApiError(400, "INVALID_ARGUMENT", "body is not JSON");
  }
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
}
