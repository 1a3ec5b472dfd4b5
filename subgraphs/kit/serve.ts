import { ApolloServer, type BaseContext } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import { formatSubgraphError } from "./errors.js";

export interface ServeSubgraphOptions<C extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  /** Builds a fresh context, with fresh loaders, for every request. */
  context: () => Promise<C> | C;
  port: number;
  host: string;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  stop(): Promise<void>;
}

export async function serveSubgraph<C extends BaseContext>(options: ServeSubgraphOptions<C>): Promise<RunningSubgraph> {
  const server = new ApolloServer<C>({
    schema: options.schema,
    formatError: formatSubgraphError,
    includeStacktraceInErrorResponses: false,
    // No Apollo Studio here: federated traces would only cost time.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: options.port, host: options.host },
    context: async () => options.context(),
  });
  return { name: options.name, url, stop: () => server.stop() };
}
