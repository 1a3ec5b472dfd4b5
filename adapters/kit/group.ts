/**
 * Every asked id gets its list, empty when the system has nothing for it, so callers need not tell the
 * two apart; lists keep the order the items came in.
 */
export function groupBy<T>(ids: Iterable<string>, items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const id of ids) groups.set(id, []);
  for (const item of items) groups.get(keyOf(item))?.push(item);
  return groups;
}
