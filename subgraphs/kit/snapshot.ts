import { GraphQLError } from "graphql";
import { isAdapterError } from "../../adapters/errors.js";
import { subgraphLog } from "./telemetry.js";

/** How errors name the project's own judgement store in `extensions.source`. */
export const SNAPSHOT_SOURCE = "snapshot";

/**
 * A read of the judgement snapshot. Its failure costs the field that asked, like a legacy system's:
 * SOURCE_UNAVAILABLE (or SOURCE_TIMEOUT) naming the snapshot, the detail in the operator's log only.
 */
export async function fromSnapshot<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof GraphQLError || (isAdapterError(error) && error.code === "BAD_USER_INPUT")) throw error;
    const timeout = isAdapterError(error) && error.code === "SOURCE_TIMEOUT";
    const detail = error instanceof Error ? error.message : String(error);
    subgraphLog.error({ source: SNAPSHOT_SOURCE }, `snapshot: ${what} failed: ${detail}`);
    throw new GraphQLError(timeout ? "the judgement snapshot did not answer in time" : "the judgement snapshot is unavailable", {
      extensions: { code: timeout ? "SOURCE_TIMEOUT" : "SOURCE_UNAVAILABLE", source: SNAPSHOT_SOURCE },
    });
  }
}

/** A list that needs the snapshot, asked before any snapshot run has finished. */
export function snapshotMissing(): GraphQLError {
  return new GraphQLError("no judgement snapshot has finished yet, so judgements cannot filter, order or group customers: run `npm run snapshot`", {
    extensions: { code: "SNAPSHOT_MISSING" },
  });
}
