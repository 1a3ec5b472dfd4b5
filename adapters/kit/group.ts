import { isAdapterError } from "./errors.js";
import type { OrMalformed } from "./parse.js";

/**
 * A record of a batch read as an adapter found it: the asked id it answers, as the raw record names it
 * (undefined when it names none of them), and what it reads as.
 */
export type Found<K, T> = readonly [K | undefined, OrMalformed<T>];

/**
 * Every asked id gets its list, empty when the system has nothing for it, so callers need not tell the
 * two apart; lists keep the order the items came in, and items nobody asked for are left out. An id with
 * an item that cannot be read gets that item's error instead: its list without it would lie by omission.
 */
export function groupBy<K, T>(ids: Iterable<K>, items: Iterable<Found<K, T>>): Map<K, OrMalformed<T[]>> {
  const groups = new Map<K, OrMalformed<T[]>>();
  for (const id of ids) groups.set(id, []);
  for (const [key, item] of items) {
    const group = key === undefined ? undefined : groups.get(key);
    if (group === undefined) unasked(item);
    else if (isAdapterError(group)) continue;
    else if (isAdapterError(item)) groups.set(key as K, item);
    else group.push(item);
  }
  return groups;
}

/**
 * The one record of each asked id that the system knows (single-record reads): a record that cannot be read
 * is its id's error; records nobody asked for are left out.
 */
export function byKey<K, T>(ids: Iterable<K>, records: Iterable<Found<K, T>>): Map<K, OrMalformed<T>> {
  const asked = new Set(ids);
  const found = new Map<K, OrMalformed<T>>();
  for (const [key, record] of records) {
    if (key === undefined || !asked.has(key)) unasked(record);
    else if (!isAdapterError(found.get(key))) found.set(key, record);
  }
  return found;
}

/** A record that cannot be read nor tied to an asked id fails the batch: whose answer it spoils cannot be told. */
function unasked<T>(record: OrMalformed<T>): void {
  if (isAdapterError(record)) throw record;
}
