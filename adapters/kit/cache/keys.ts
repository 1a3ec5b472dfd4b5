import type { SourceSystem } from "../errors.js";

/**
 * Cache keys. An entry is `system:method<args>:id`, one per distinct set of the method's other arguments
 * (`getBills[{"unpaidOnly":true}]`); a write mark is `system:method!:id`, one per record whatever the
 * arguments, so one mark makes every variant of that record stale. Ids are URI-encoded: a caller's id
 * can hold no `:`, so no id can reach into another method's entries.
 */
export function entryKey(system: SourceSystem, method: string, args: readonly unknown[], id: string): string {
  return `${system}:${method}${variant(args)}:${encodeURIComponent(id)}`;
}

export function writeMarkKey(system: SourceSystem, method: string, id: string): string {
  return `${system}:${method}!:${encodeURIComponent(id)}`;
}

/** The arguments as canonical JSON: `{ a, b }` and `{ b, a }` share entries, trailing undefined ones are left out. */
function variant(args: readonly unknown[]): string {
  const given = [...args];
  while (given.length > 0 && given.at(-1) === undefined) given.pop();
  return given.length === 0 ? "" : JSON.stringify(given.map(canonical));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  const fields = Object.entries(value).filter(([, field]) => field !== undefined);
  fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(fields.map(([name, field]) => [name, canonical(field)]));
}
