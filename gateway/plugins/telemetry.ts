import type { GraphQLFormattedError } from "graphql";
import { maskError } from "../errors.js";
import { requestNotes, type RequestNotes } from "../telemetry.js";
import type { GatewayPlugin } from "./plugin.js";

function noteErrors(noted: RequestNotes, errors: readonly GraphQLFormattedError[]): void {
  for (const error of errors) {
    // The code the caller saw: anything not public was masked to INTERNAL_SERVER_ERROR.
    const code = String(maskError(error).extensions?.code);
    noted.errors.set(code, (noted.errors.get(code) ?? 0) + 1);
  }
}

/**
 * Tells the request's observer (gateway/telemetry.ts) what only the GraphQL layer knows: the operation's
 * name and type, the caller's roles and region, and the codes of the errors in the answer, including a
 * refusal before the operation was read (no token, a rate limit). The request's log line, span and
 * metrics carry them; nothing here writes a line of its own.
 */
export function telemetryPlugin(): GatewayPlugin {
  return {
    name: "telemetry",
    apollo: [
      {
        async contextCreationDidFail({ error }) {
          const noted = requestNotes();
          if (noted) noteErrors(noted, [{ message: error.message, extensions: (error as { extensions?: Record<string, unknown> }).extensions ?? {} }]);
        },
        async requestDidStart() {
          const noted = requestNotes();
          if (!noted) return;
          return {
            async didResolveOperation({ operationName, operation }) {
              noted.operationName = operationName ?? undefined;
              noted.operationType = operation?.operation;
            },
            async willSendResponse({ response, contextValue }) {
              if (contextValue.identity) {
                noted.roles = contextValue.identity.roles;
                noted.region = contextValue.identity.region;
              }
              if (response.body.kind === "single") noteErrors(noted, response.body.singleResult.errors ?? []);
            },
          };
        },
      },
    ],
  };
}
