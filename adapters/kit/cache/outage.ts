import { adaptersLog } from "../telemetry.js";

/**
 * Reports a dependency's outage once: the first failure warns, the next ones stay quiet until it
 * answers again, so a Redis that is down for an hour writes one line, not one per request.
 */
export function outageReporter(what: string, warn: (message: string) => void = (message) => adaptersLog.warn(message)) {
  let failing = false;
  return {
    failed(error: unknown): void {
      if (!failing) warn(`${what} failed; reads go to the sources until it answers again (${String(error)})`);
      failing = true;
    },
    answered(): void {
      failing = false;
    },
  };
}
