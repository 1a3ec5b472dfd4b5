import { AsyncLocalStorage } from "node:async_hooks";
import { trace } from "@opentelemetry/api";
import { pino, type DestinationStream, type Logger } from "pino";
import { z } from "zod";

/**
 * The log every part of the graph writes (gateway, subgraphs, adapters, the composition root): one JSON
 * line per event on stdout, each carrying the id of the request it happened in and, when the request is
 * traced, its trace id. Gateway and subgraphs share it, like the signed-caller protocol beside it.
 */

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const loggingEnvSchema = z.object({
  /** How much is logged: `info` writes one line per gateway request; `warn` only what went wrong. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
});

/**
 * Log lines never carry personal data: whatever a legacy system or a bug puts into a message, numbers
 * shaped like ID cards, bank cards and phones are masked before it is written. Customer (12 digits)
 * and account numbers (88 + 12) stay readable: operators need them to find the record.
 */
const PERSONAL_NUMBERS: RegExp[] = [
  /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, // resident ID card
  /(?<![\dA-Za-z])(?!88\d{12}(?!\d))\d{15,19}(?![\dA-Za-z])/g, // bank card
  /(?<![\dA-Za-z])(?:86)?1\d{10}(?![\dA-Za-z])/g, // mobile
  /(?<![\dA-Za-z])0\d{2,3}-?\d{7,8}(?![\dA-Za-z])/g, // fixed line
];

export function redact(text: string): string {
  return PERSONAL_NUMBERS.reduce((t, pattern) => t.replace(pattern, (n) => `${n.slice(0, 2)}${"*".repeat(Math.max(0, n.length - 4))}${n.slice(-2)}`), text);
}

const requestScope = new AsyncLocalStorage<string>();

/** Runs `work` as part of request `requestId`: every line logged inside it, however deep, carries the id. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return requestScope.run(requestId, work);
}

/** The id of the request being served; undefined outside any request (start-up, background jobs). */
export function currentRequestId(): string | undefined {
  return requestScope.getStore();
}

// Written off the request's path (a synchronous write per request cost the gateway about 14 % of its throughput in
// `npm run bench -- gateways`); pino flushes what is buffered when the process exits.
const stdout = pino.destination({ dest: 1, sync: false });
let target: DestinationStream = stdout;

/** Sends every log line to `destination` instead of stdout (a test reads them); `undefined` goes back to stdout. */
export function setLogDestination(destination: DestinationStream | undefined): void {
  target = destination ?? stdout;
}

const initialLevel = loggingEnvSchema.safeParse(process.env);

const root: Logger = pino(
  {
    // The entry points check LOG_LEVEL with the rest of their settings and stop on a bad one (setLogLevel).
    level: initialLevel.success ? initialLevel.data.LOG_LEVEL : "info",
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const requestId = requestScope.getStore();
      const span = trace.getActiveSpan()?.spanContext();
      return { ...(requestId ? { requestId } : {}), ...(span && span.traceFlags & 1 ? { traceId: span.traceId } : {}) };
    },
    // The last word on every line, whatever was passed in: a message, an error's text, a field.
    hooks: { streamWrite: redact },
  },
  { write: (line: string) => target.write(line) },
);

const components = new Map<string, Logger>();

/** The log of one part of the graph (`gateway`, `subgraph`, `adapters`, `stack`): its lines say which. */
export function componentLog(component: string): Logger {
  let log = components.get(component);
  if (!log) {
    log = root.child({ component });
    components.set(component, log);
  }
  return log;
}

/** Sets the level of every part's log, as LOG_LEVEL says. */
export function setLogLevel(level: LogLevel): void {
  root.level = level;
  for (const log of components.values()) log.level = level;
}
