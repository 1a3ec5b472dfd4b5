import type { ApolloServerPlugin, HeaderMap, PersistedQueryOptions } from "@apollo/server";
import type { ValidationRule } from "graphql";
import type { GatewayContext } from "../identity.js";

/**
 * One concern of the gateway (auth, limits, rate limiting …), handed to the server in a list. Each
 * part is optional; the server runs them in list order.
 */
export interface GatewayPlugin {
  name: string;
  /** Adds to the request's context from its HTTP headers, before the query is even parsed. */
  context?(headers: HeaderMap): Promise<Partial<GatewayContext>>;
  apollo?: ApolloServerPlugin<GatewayContext>[];
  /** Checked against the query before any subgraph is called. */
  validationRules?: ValidationRule[];
  /** Apollo Server's persisted-query options (store and TTL); at most one plugin gives them. */
  persistedQueries?: PersistedQueryOptions;
  close?(): Promise<void>;
}
