import { badUserInput } from "./errors.js";

/** Bounds of a growing list's page: what `first` defaults to and may be at most. */
export interface ListBounds {
  defaultFirst: number;
  max: number;
}

/**
 * One page of a list the legacy system returns whole for a parent: `first` items after the item whose
 * key is `after` (the key of the last item of the previous page, e.g. a bill number).
 */
export function pageOf<T>(items: readonly T[], keyOf: (item: T) => string, first: number, after: string | null | undefined, bounds: ListBounds, list: string): T[] {
  if (!Number.isInteger(first) || first < 0 || first > bounds.max) throw badUserInput(`${list}: first must be between 0 and ${bounds.max}`);
  let start = 0;
  if (after != null) {
    const index = items.findIndex((item) => keyOf(item) === after);
    if (index < 0) throw badUserInput(`${list}: after must be the key of an item of this list`);
    start = index + 1;
  }
  return items.slice(start, start + first);
}

/** The options of a paged list's `first` argument: its default and, for the reader, its maximum. */
export function firstArg(bounds: ListBounds): { defaultValue: number; description: string } {
  return { defaultValue: bounds.defaultFirst, description: `At most ${bounds.max}.` };
}

/** The options of a paged list's `after` argument, naming the key it takes. */
export function afterArg(key: string): { nullable: true; description: string } {
  return { nullable: true, description: `The ${key} of the last item of the previous page.` };
}
