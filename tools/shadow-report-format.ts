import type { KeptDifference } from "../adapters/kit/shadow.js";

/**
 * The kept differences of shadow mode (docs/shadow.md) as `npm run shadow:report` prints them: per system and field,
 * most frequent first, how many and over how many keys, with the newest examples (key, where, both values).
 */
export function formatShadowReport(differences: readonly KeptDifference[], examples = 3): string {
  if (differences.length === 0) return "no shadow differences kept: the candidate agreed on every read compared (or shadow mode is off).\n";
  const byField = new Map<string, KeptDifference[]>();
  for (const d of differences) {
    const label = `${d.system} ${d.field}`;
    byField.set(label, [...(byField.get(label) ?? []), d]);
  }
  const first = differences[0]!.at;
  const last = differences.at(-1)!.at;
  const lines = [`${differences.length} differences kept, ${first} to ${last}, in ${byField.size} fields:`, ""];
  const ranked = [...byField].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  for (const [label, kept] of ranked) {
    const keys = new Set(kept.map((d) => d.key)).size;
    lines.push(`${label}: ${kept.length} (${keys} ${keys === 1 ? "key" : "keys"})`);
    for (const d of kept.slice(-examples).reverse()) {
      lines.push(`  ${d.key} ${d.path}  serving ${shown(d.served)}  candidate ${shown(d.candidate)}  (${d.at})`);
    }
  }
  return lines.join("\n") + "\n";
}

/** A value as the report shows it: absent for a record or field one side lacks. */
function shown(value: unknown): string {
  return value === undefined ? "(absent)" : typeof value === "string" ? value : JSON.stringify(value);
}
