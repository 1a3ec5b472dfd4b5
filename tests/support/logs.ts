import { setLogDestination, setLogLevel, type LogLevel } from "../../schema/logging.js";

/** One log line as written: JSON with level, time, component, msg, requestId when in a request … */
export type LogLine = Record<string, unknown> & { level: string; msg?: string };

export interface CapturedLogs {
  /** Every line written since the capture began, parsed. */
  lines(): LogLine[];
  /** The lines as written, one per line. */
  text(): string;
  /** Back to stdout, at the level the tests run with. */
  restore(): void;
}

/** Takes the graph's log lines (schema/logging.ts) from stdout into memory, at `level` (default: every line down to debug). */
export function captureLogs(level: LogLevel = "debug"): CapturedLogs {
  const written: string[] = [];
  setLogDestination({ write: (line: string) => void written.push(line) });
  setLogLevel(level);
  return {
    lines: () => written.map((line) => JSON.parse(line) as LogLine),
    text: () => written.join(""),
    restore: () => {
      setLogDestination(undefined);
      setLogLevel((process.env.LOG_LEVEL as LogLevel | undefined) ?? "info");
    },
  };
}
