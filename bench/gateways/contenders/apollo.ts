import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import type { Caller } from "../../../schema/caller.js";
import type { ContenderOptions, RunningContender } from "./contender.js";
import { callerOfBearer, withSignature } from "./signing.js";

interface SigningContext {
  caller: Caller;
}

/** Carries the caller from willSendRequest, which sees the context, to the fetcher, which sees the exact body; never leaves the gateway. */
const SIGN_AS_HEADER = "x-bench-sign-as";

/** Apollo's own data source and fetch stack, with every subgraph request signed over the body it sends. */
class SigningDataSource extends RemoteGraphQLDataSource<SigningContext> {
  constructor(url: string, signingSecret: string) {
    super({ url });
    const stock = this.fetcher;
    this.fetcher = (input, init) => {
      const { [SIGN_AS_HEADER]: signAs, ...headers } = (init?.headers ?? {}) as Record<string, string>;
      if (!signAs || typeof init?.body !== "string") throw new Error("a subgraph request without its caller or body");
      return stock(input, { ...init, headers: withSignature(signingSecret, JSON.parse(signAs) as Caller, headers, init.body) });
    };
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<SigningContext>): void {
    request.http?.headers.set(SIGN_AS_HEADER, JSON.stringify(context.caller));
  }
}

/**
 * Stock Apollo: ApolloGateway in Apollo Server's standalone server, every option at its default. With
 * `signSubgraphRequests`, a context that checks the bearer token and a data source that signs.
 */
export async function startApollo(options: ContenderOptions): Promise<RunningContender> {
  if (!options.signSubgraphRequests) {
    const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: options.supergraphSdl }) });
    const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
    return { url, stop: () => server.stop() };
  }
  const gateway = new ApolloGateway({ supergraphSdl: options.supergraphSdl, buildService: ({ url }) => new SigningDataSource(url!, options.signingSecret) });
  const server = new ApolloServer<SigningContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: "127.0.0.1" },
    context: async ({ req }) => ({ caller: await callerOfBearer(options.jwtSecret, req.headers.authorization) }),
  });
  return { url, stop: () => server.stop() };
}
