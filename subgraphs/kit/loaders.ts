import DataLoader from "dataloader";
import type { OrMalformed } from "../../adapters/errors.js";

/**
 * A per-request DataLoader over a port's batch method (`getMany(ids) → Map`): all keys asked for in
 * one tick become one call to the legacy system. Keys the system does not know load as `missing`.
 * A key whose record cannot be read rejects with its error, alone: the field that asked for it gets the
 * error at its own path, and the other keys of the batch are served.
 */
export function mapLoader<K, V, M = null>(fetch: (keys: readonly K[]) => Promise<Map<K, OrMalformed<V>>>, missing: M): DataLoader<K, V | M> {
  return new DataLoader<K, V | M>(async (keys) => {
    const found = await fetch(keys);
    return keys.map((key) => (found.has(key) ? (found.get(key) as OrMalformed<V>) : missing));
  });
}

/** The same for one-to-many reads (`Map<id, T[]>`), where an unknown key has no items. */
export function listLoader<K, V>(fetch: (keys: readonly K[]) => Promise<Map<K, OrMalformed<V[]>>>): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const found = await fetch(keys);
    return keys.map((key) => found.get(key) ?? []);
  });
}
