import type { SourceSystem } from "./errors.js";

/**
 * Counts calls that cross the wire to each legacy system, so tests can assert batching
 * (100 ids, one round trip) and metrics can report load per source.
 */
export class RoundTripCounter {
  private readonly counts = new Map<SourceSystem, number>();

  record(system: SourceSystem): void {
    this.counts.set(system, (this.counts.get(system) ?? 0) + 1);
  }

  get(system: SourceSystem): number {
    return this.counts.get(system) ?? 0;
  }

  snapshot(): Record<SourceSystem, number> {
    return {
      billing: this.get("billing"),
      "business-hall": this.get("business-hall"),
      network: this.get("network"),
      "key-account": this.get("key-account"),
    };
  }

  reset(): void {
    this.counts.clear();
  }
}
