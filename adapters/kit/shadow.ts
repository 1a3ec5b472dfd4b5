import type { SourceSystem } from "./errors.js";
import { shadowCalls, shadowDifferences } from "./metrics.js";
import { compareAnswers, type CompareRules, type Difference } from "./shadow-compare.js";
import type { ShadowStore } from "./shadow-store.js";
import { adaptersLog } from "./telemetry.js";

/**
 * Shadow mode (issue 13 item 2): a port whose reads are answered by the serving adapter, exactly as it answers, and
 * also asked of a candidate adapter in the background with the same arguments once the serving answer is in. The two
 * answers are compared (shadow-compare.ts); differences are counted (cg_shadow_differences_total) and kept (the store).
 * The request never waits for the candidate: its call is not awaited, its failures and timeouts are counted, never
 * thrown, at most `maxInFlight` candidate calls run at once (the rest are skipped) and only a `sample` share is asked.
 */

export interface ShadowOptions {
  system: SourceSystem;
  /** The reads compared; every other method (writes, health, close) is the serving port's own. */
  methods: readonly string[];
  rules: CompareRules;
  /** Share of reads also asked of the candidate, 0–1. */
  sample: number;
  maxInFlight: number;
  /** A candidate call still unanswered after this long is given up and counted as a timeout. */
  timeoutMs: number;
  store: ShadowStore;
  /** Whether the candidate can take these arguments as they are (e.g. not a cursor of the serving adapter's own). */
  shadowable?: (method: string, args: readonly unknown[]) => boolean;
  random?: () => number;
  now?: () => Date;
}

/** A kept difference: when, which system, and the difference itself. */
export interface KeptDifference extends Difference {
  at: string;
  system: SourceSystem;
}

export type ShadowOutcome = "compared" | "differed" | "failed" | "timed-out" | "skipped";

/** The serving port with its reads shadowed; `settled()` resolves once every candidate call begun so far is done (tests). */
export function shadowedPort<P extends object>(serving: P, candidate: P, options: ShadowOptions): P & { settled(): Promise<void> } {
  const { system, rules, store, sample, maxInFlight, timeoutMs, random = Math.random, now = () => new Date() } = options;
  const methods = new Set<PropertyKey>(options.methods);
  const shadowable = options.shadowable ?? (() => true);
  const running = new Set<Promise<void>>();
  const count = (outcome: ShadowOutcome) => shadowCalls.inc({ system, outcome });

  async function compare(method: string, args: unknown[], served: Map<unknown, unknown>): Promise<void> {
    const call = (candidate as Record<string, (...a: unknown[]) => Promise<Map<unknown, unknown>>>)[method];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timed-out">((resolve) => {
      timer = setTimeout(() => resolve("timed-out"), timeoutMs);
    });
    try {
      const answer = await Promise.race([call!.apply(candidate, args), timeout]);
      if (answer === "timed-out") return count("timed-out");
      const differences = compareAnswers(method, served, answer, rules);
      if (differences.length === 0) return count("compared");
      count("differed");
      for (const d of differences) shadowDifferences.inc({ system, field: d.field });
      const at = now().toISOString();
      await store.add(differences.map((d) => ({ ...d, at, system })));
    } catch (error) {
      count("failed");
      adaptersLog.debug(`shadow: ${system} ${method} candidate failed (${String(error)})`);
    } finally {
      clearTimeout(timer);
    }
  }

  function begin(method: string, args: unknown[], served: unknown): void {
    if (!(served instanceof Map) || random() >= sample || !shadowable(method, args)) return;
    if (running.size >= maxInFlight) return count("skipped");
    const job = compare(method, args, served).catch(() => undefined);
    running.add(job);
    void job.finally(() => running.delete(job));
  }

  const port = new Proxy(serving, {
    get(target, property) {
      if (property === "settled") return async () => void (await Promise.all([...running]));
      const original: unknown = Reflect.get(target, property, target);
      if (typeof original !== "function") return original;
      if (!methods.has(property)) return original.bind(target);
      const method = String(property);
      return async (...args: unknown[]) => {
        const served: unknown = await original.apply(target, args);
        begin(method, args, served);
        return served;
      };
    },
  });
  return port as P & { settled(): Promise<void> };
}
