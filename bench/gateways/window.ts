import { runLoad, type LoadOptions } from "./load.js";
import { cpuSeconds } from "./proc.js";
import type { RoundFigures } from "./report.js";

/**
 * One measured window of one gateway: a warm-up, then the load, with the CPU the gateway's process and the
 * subgraphs' process used over exactly that window, read from /proc.
 */
export async function measureWindow(load: Omit<LoadOptions, "durationSeconds">, pids: { gateway: number; subgraphs: number }, warmupSeconds: number, durationSeconds: number): Promise<RoundFigures> {
  if (warmupSeconds > 0) await runLoad({ ...load, durationSeconds: warmupSeconds });
  const before = { gateway: cpuSeconds(pids.gateway), subgraphs: cpuSeconds(pids.subgraphs) };
  const result = await runLoad({ ...load, durationSeconds });
  const after = { gateway: cpuSeconds(pids.gateway), subgraphs: cpuSeconds(pids.subgraphs) };
  return {
    rps: result.rps,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    cpuPercent: ((after.gateway - before.gateway) / result.seconds) * 100,
    subgraphCpuPercent: ((after.subgraphs - before.subgraphs) / result.seconds) * 100,
    errors: result.errors + result.non2xx + result.graphqlErrors,
  };
}
