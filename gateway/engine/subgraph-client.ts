import { Pool } from "undici";
import type { GraphQLFormattedError } from "graphql";
import { signedHeaders } from "../../schema/caller.js";
import type { GatewayContext } from "../identity.js";
import { observeSubgraphCall } from "../telemetry.js";

/** What a subgraph call came to: its answer, a refusal of the caller's arguments, or no answer at all. */
export type SubgraphReply =
  | { kind: "answer"; data: Record<string, unknown> | null; errors: GraphQLFormattedError[] | undefined }
  | { kind: "refused"; errors: GraphQLFormattedError[] }
  | { kind: "failed"; code: "SOURCE_UNAVAILABLE" | "SOURCE_TIMEOUT"; message: string };

/**
 * One subgraph as the gateway calls it: a pool of keep-alive connections (undici), every body signed
 * together with the caller's identity and the request's deadline, so the subgraph can tell the
 * gateway's calls from anyone else's; the call gives up when the request's signal aborts at the deadline.
 */
export class SubgraphClient {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(
    readonly name: string,
    url: string,
    private readonly signingSecret: string,
  ) {
    const parsed = new URL(url);
    this.pool = new Pool(parsed.origin, { pipelining: 1, keepAliveTimeout: 30_000 });
    this.path = `${parsed.pathname}${parsed.search}`;
  }

  /** `entities`: how many representations an `_entities` call carries, for its span. */
  send(body: string, context: GatewayContext, signal: AbortSignal, entities?: number): Promise<SubgraphReply> {
    return observeSubgraphCall(this.name, entities, (headers) => this.exchange(body, context, signal, headers));
  }

  /** `traceHeaders`: the request id and the trace's context (telemetry.ts), which the signature does not cover. */
  private async exchange(body: string, context: GatewayContext, signal: AbortSignal, traceHeaders: Record<string, string>): Promise<SubgraphReply> {
    if (!context.identity) throw new Error(`no caller identity for a call to ${this.name}`);
    let status: number;
    let text: string;
    try {
      const response = await this.pool.request({
        method: "POST",
        path: this.path,
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          ...traceHeaders,
          ...signedHeaders(this.signingSecret, context.identity, body, Date.now(), context.deadline),
        },
        body,
        signal,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch {
      return signal.aborted
        ? { kind: "failed", code: "SOURCE_TIMEOUT", message: `${this.name} did not answer in time` }
        : { kind: "failed", code: "SOURCE_UNAVAILABLE", message: `${this.name} is unavailable` };
    }
    const parsed = parseJson(text);
    if (status >= 200 && status < 300 && parsed && ("data" in parsed || "errors" in parsed)) {
      const stale = (parsed.extensions as { stale?: unknown } | undefined)?.stale;
      if (Array.isArray(stale)) (context.stale ??= []).push(...(stale as NonNullable<GatewayContext["stale"]>));
      return { kind: "answer", data: (parsed.data as Record<string, unknown> | null) ?? null, errors: parsed.errors as GraphQLFormattedError[] | undefined };
    }
    const refused = status === 400 ? argumentRefusal(parsed) : null;
    if (refused) return { kind: "refused", errors: refused };
    return { kind: "failed", code: "SOURCE_UNAVAILABLE", message: `${this.name} is unavailable` };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * A subgraph's 400 whose every error is BAD_USER_INPUT: it could not read an argument the gateway passed
 * on unchecked (the values of custom scalars such as SafeInt or LocalDate, which only the subgraph
 * implements). The caller's mistake, not a sick subgraph: its errors go to the caller as they are.
 */
function argumentRefusal(body: Record<string, unknown> | null): GraphQLFormattedError[] | null {
  const errors = body?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const refusals = errors as GraphQLFormattedError[];
  return refusals.every((e) => e?.extensions?.code === "BAD_USER_INPUT" && typeof e.message === "string") ? refusals : null;
}
