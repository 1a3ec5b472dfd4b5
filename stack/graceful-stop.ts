/** How long a stop may take before the process exits anyway. */
export const STOP_LIMIT_MS = 15_000;

/**
 * The one owner of SIGTERM and SIGINT (no server installs its own): the first signal stops everything
 * in order (gateway first, letting requests in flight finish, then what serves it), the process exits
 * within STOP_LIMIT_MS whatever happens, and a second signal exits at once.
 */
export function stopOnSignals(stop: () => Promise<void>, log: (line: string) => void = console.log): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      process.exit(130);
    }
    stopping = true;
    log(`\n${signal}: stopping (requests in flight may finish; a second signal exits at once) …`);
    const limit = setTimeout(() => {
      log(`still stopping after ${STOP_LIMIT_MS / 1000} s: exiting`);
      process.exit(1);
    }, STOP_LIMIT_MS);
    limit.unref();
    stop().then(
      () => {
        log("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        log(`stop failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
