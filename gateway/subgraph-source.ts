import { RemoteGraphQLDataSource } from "@apollo/gateway";
import { GraphQLError } from "graphql";

/**
 * A subgraph the gateway cannot get an answer from (refused, HTTP error, not JSON) is reported as
 * SOURCE_UNAVAILABLE naming it, like a legacy system that is down, instead of a raw fetch error.
 */
export class SubgraphSource extends RemoteGraphQLDataSource {
  constructor(private readonly subgraph: string, url: string) {
    super({ url });
  }

  override didEncounterError(error: Error): void {
    throw new GraphQLError(`${this.subgraph} is unavailable`, {
      extensions: { code: "SOURCE_UNAVAILABLE", source: this.subgraph },
      originalError: error,
    });
  }
}
