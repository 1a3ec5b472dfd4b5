import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GraphQLFormattedError } from "graphql";
import { CALLER_HEADER, DEADLINE_HEADER, signedHeaders, type Caller } from "../schema/caller.js";
import { failedFetchResponse } from "./failed-fetch.js";
import type { GatewayContext } from "./identity.js";

type Fetcher = NonNullable<RemoteGraphQLDataSource["fetcher"]>;

/**
 * One subgraph as the gateway calls it. Every call carries the caller's identity and the request's
 * deadline, signed together with the exact body sent, so a subgraph can tell the gateway's calls from
 * anyone else's; the gateway stops waiting at the deadline.
 *
 * A subgraph the gateway cannot get an answer from (refused, timed out, HTTP error, not JSON) costs
 * exactly the fields that fetch would have filled: each is null with SOURCE_UNAVAILABLE or
 * SOURCE_TIMEOUT naming the subgraph, at its own path. A 400 refusing the caller's arguments is no
 * such failure: it stays BAD_USER_INPUT.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly subgraph: string, url: string, signingSecret: string) {
    super({ url });
    this.fetcher = signingFetcher(signingSecret);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // The body is only serialised after this hook; the fetcher signs it together with these headers.
    if (!context.identity) throw new Error(`no caller identity for a call to ${this.subgraph}`);
    request.http!.headers.set(CALLER_HEADER, JSON.stringify(context.identity));
    request.http!.headers.set(DEADLINE_HEADER, String(context.deadline));
  }

  override async didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>["didReceiveResponse"]>>[0]) {
    // Subgraph extensions never reach the client on their own: stale marks are collected for the stale plugin.
    const stale = response.extensions?.stale;
    if (Array.isArray(stale)) (context.stale ??= []).push(...(stale as NonNullable<GatewayContext["stale"]>));
    return response;
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource<GatewayContext>["process"]> {
    try {
      return await super.process(options);
    } catch (error) {
      const refused = argumentRefusal(error);
      if (refused) return { errors: refused };
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      return failedFetchResponse(
        options.request,
        timedOut ? `${this.subgraph} did not answer in time` : `${this.subgraph} is unavailable`,
        { code: timedOut ? "SOURCE_TIMEOUT" : "SOURCE_UNAVAILABLE", source: this.subgraph },
      );
    }
  }
}

/**
 * A subgraph's 400 whose every error is BAD_USER_INPUT: it could not read an argument the gateway passed
 * on unchecked (the values of custom scalars such as SafeInt or LocalDate, which only the subgraph
 * implements). The caller's mistake, not a sick subgraph: its errors go to the caller as they are.
 */
function argumentRefusal(error: unknown): GraphQLFormattedError[] | null {
  const response = (error as { extensions?: { response?: { status?: unknown; body?: unknown } } } | null)?.extensions?.response;
  if (response?.status !== 400) return null;
  const errors = (response.body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const refusals = errors as GraphQLFormattedError[];
  return refusals.every((e) => e?.extensions?.code === "BAD_USER_INPUT" && typeof e.message === "string") ? refusals : null;
}

/** Node's own fetch, signing each body with what willSendRequest put in the headers, and giving up at the deadline. */
function signingFetcher(secret: string): Fetcher {
  const signed = async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string }) => {
    const { [CALLER_HEADER]: identity, [DEADLINE_HEADER]: until, ...headers } = init.headers ?? {};
    if (!identity || !until) throw new Error("refusing to send an unsigned subgraph request");
    const body = init.body ?? "";
    const now = Date.now();
    const deadline = Number(until);
    const caller = JSON.parse(identity) as Caller;
    return fetch(url, {
      method: init.method ?? "POST",
      headers: { ...headers, ...signedHeaders(secret, caller, body, now, deadline) },
      body,
      signal: AbortSignal.timeout(Math.max(1, deadline - now)),
    });
  };
  return signed as unknown as Fetcher;
}
