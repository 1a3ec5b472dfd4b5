import { SOURCE_SYSTEMS, type SourceSystem } from "./errors.js";

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
    return Object.fromEntries(SOURCE_SYSTEMS.map((system) => [system, this.get(system)])) as Record<SourceSystem, number>;
  }

  reset(): void {
    this.counts.clear();
  }
}
