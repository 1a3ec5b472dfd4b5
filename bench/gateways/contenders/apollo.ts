import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import type { ContenderOptions, RunningContender } from "./contender.js";

/** Stock Apollo: ApolloGateway in Apollo Server's standalone server, every option at its default. */
export async function startApollo(options: ContenderOptions): Promise<RunningContender> {
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: options.supergraphSdl }) });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
  return { url, stop: () => server.stop() };
}
