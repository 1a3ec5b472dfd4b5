import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { GraphQLError } from "graphql";
import { CALLER_HEADER, signedHeaders, type Caller } from "../schema/caller.js";
import type { GatewayContext } from "./identity.js";

type Fetcher = NonNullable<RemoteGraphQLDataSource["fetcher"]>;

/**
 * One subgraph as the gateway calls it. Every call carries the caller's identity, signed together
 * with the exact body sent, so a subgraph can tell the gateway's calls from anyone else's.
 *
 * A subgraph the gateway cannot get an answer from (refused, HTTP error, not JSON) is reported as
 * SOURCE_UNAVAILABLE naming it, like a legacy system that is down, instead of a raw fetch error.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly subgraph: string, url: string, signingSecret: string) {
    super({ url });
    this.fetcher = signingFetcher(signingSecret);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // The body is only serialised after this hook; the fetcher signs it together with this header.
    const identity = context.identity;
    if (!identity) throw new Error(`no caller identity for a call to ${this.subgraph}`);
    request.http!.headers.set(CALLER_HEADER, JSON.stringify(identity));
  }

  override didEncounterError(error: Error): void {
    throw new GraphQLError(`${this.subgraph} is unavailable`, {
      extensions: { code: "SOURCE_UNAVAILABLE", source: this.subgraph },
      originalError: error,
    });
  }
}

/** Node's own fetch, signing each body with the identity willSendRequest put in the headers. */
function signingFetcher(secret: string): Fetcher {
  const signed = async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string }) => {
    const { [CALLER_HEADER]: identity, ...headers } = init.headers ?? {};
    if (!identity) throw new Error("refusing to send an unsigned subgraph request");
    const body = init.body ?? "";
    const caller = JSON.parse(identity) as Caller;
    return fetch(url, { method: init.method ?? "POST", headers: { ...headers, ...signedHeaders(secret, caller, body) }, body });
  };
  return signed as unknown as Fetcher;
}
