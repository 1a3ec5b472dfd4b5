import { isAdapterError } from "./errors.js";

/**
 * Two adapters' answers to the same batch read compared field by field in the port's own terms (shadow mode, issue 13
 * item 2): money as integer fen, dates by calendar day, enums as their names, records of a list matched by what
 * identifies them (so a missing bill is one difference, not a shifted list), order compared only where the port
 * promises one. Never JSON text: two spellings of the same answer are no difference.
 */

/** One field where the candidate's answer differs from the serving adapter's. */
export interface Difference {
  /** The read, e.g. "getBills". */
  method: string;
  /** The asked key whose answer differs. */
  key: string;
  /** The field as a metric labels it: the read and the field path without record ids, e.g. "getBills.amountFen". */
  field: string;
  /** Where exactly, with the ids of the records on the way, e.g. "[billNo=123].amountFen". */
  path: string;
  /** The two values, as the port gives them (personal data replaced); undefined: the record or field is absent. */
  served: unknown;
  candidate: unknown;
}

/** How one port's answers compare; paths are field names joined by "." below the read, e.g. "getBillingFacts.bills". */
export interface CompareRules {
  /** What identifies a record of the list at a path; lists without one are compared as bags of whole records. */
  identity: Readonly<Record<string, (item: Record<string, unknown>) => string>>;
  /** Lists whose order the port does not promise (the others must come in the same order). */
  unordered: ReadonlySet<string>;
  /** Fields each adapter fills its own way (internal keys, opaque cursors): not compared. */
  ignored: ReadonlySet<string>;
  /** Fields holding personal data: compared, but their values are not kept. */
  personal: ReadonlySet<string>;
}

const PERSONAL = "[personal data]";
const DATE = /^\d{4}-\d{2}-\d{2}(?:$|[T ])/;
/** Date fields of the ports: compared by calendar day, however the adapter spells the time of day. */
const isDateField = (name: string) => /(?:On|Date|^from|^until|^validFrom|^validTo|^date|^on)$/.test(name);

/** Every difference between two answers of `method`; keys answered by neither are none. */
export function compareAnswers(method: string, served: Map<unknown, unknown>, candidate: Map<unknown, unknown>, rules: CompareRules): Difference[] {
  const differences: Difference[] = [];
  for (const key of new Set([...served.keys(), ...candidate.keys()])) {
    const at = { method, key: String(key), rules, out: differences };
    compareValue(at, method, "", served.get(key), candidate.get(key), served.has(key), candidate.has(key));
  }
  return differences;
}

interface At {
  method: string;
  key: string;
  rules: CompareRules;
  out: Difference[];
}

function differ(at: At, field: string, path: string, served: unknown, candidate: unknown): void {
  const name = field.split(".").at(-1) ?? field;
  const keep = (v: unknown) => (at.rules.personal.has(name) && v !== undefined && v !== null ? PERSONAL : v);
  at.out.push({ method: at.method, key: at.key, field, path: path || "(record)", served: keep(served), candidate: keep(candidate) });
}

function compareValue(at: At, field: string, path: string, a: unknown, b: unknown, hasA = true, hasB = true): void {
  if (!hasA || !hasB) return differ(at, `${field}.(record)`, path, hasA ? summary(a, at.rules) : undefined, hasB ? summary(b, at.rules) : undefined);
  if (isAdapterError(a) || isAdapterError(b)) {
    // Compared by code: each adapter names the record at fault its own way, which is kept to help find it.
    if ((isAdapterError(a) ? a.code : "ok") !== (isAdapterError(b) ? b.code : "ok")) differ(at, `${field}.(error)`, path, errorText(a), errorText(b));
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) return compareLists(at, field, path, a, b);
  if (isRecord(a) && isRecord(b)) {
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (at.rules.ignored.has(name)) continue;
      compareValue(at, `${field}.${name}`, `${path}.${name}`, a[name], b[name]);
    }
    return;
  }
  if (!sameScalar(field.split(".").at(-1) ?? "", a, b)) differ(at, field, path, a, b);
}

/** Absent and null are the same answer: an optional field left out or given as null. */
function sameScalar(name: string, a: unknown, b: unknown): boolean {
  if ((a ?? null) === null || (b ?? null) === null) return (a ?? null) === (b ?? null);
  if (typeof a === "string" && typeof b === "string" && isDateField(name) && DATE.test(a) && DATE.test(b)) return a.slice(0, 10) === b.slice(0, 10);
  return a === b;
}

function compareLists(at: At, field: string, path: string, a: unknown[], b: unknown[]): void {
  const listPath = field;
  const identify = at.rules.identity[listPath];
  if (identify && a.every(isRecord) && b.every(isRecord)) {
    const idsA = a.map(identify);
    const idsB = b.map(identify);
    const byIdB = new Map(b.map((item, i) => [idsB[i] ?? "", item]));
    const byIdA = new Map(a.map((item, i) => [idsA[i] ?? "", item]));
    for (const [i, id] of idsA.entries()) compareValue(at, field, `${path}[${id}]`, a[i], byIdB.get(id), true, byIdB.has(id));
    for (const [i, id] of idsB.entries()) if (!byIdA.has(id)) compareValue(at, field, `${path}[${id}]`, undefined, b[i], false, true);
    const common = (ids: string[], other: Map<string, unknown>) => ids.filter((id) => other.has(id));
    if (!at.rules.unordered.has(listPath) && common(idsA, byIdB).join("\n") !== common(idsB, byIdA).join("\n")) {
      differ(at, `${field}.(order)`, path, common(idsA, byIdB), common(idsB, byIdA));
    }
    return;
  }
  // A list of scalars or of records with no identity: a bag, each element by its canonical form.
  const formsA = a.map((v) => canonical(v, at.rules));
  const formsB = b.map((v) => canonical(v, at.rules));
  const left = [...formsB];
  const missing: string[] = [];
  for (const form of formsA) {
    const i = left.indexOf(form);
    if (i === -1) missing.push(form);
    else left.splice(i, 1);
  }
  for (const form of missing) differ(at, `${field}.(item)`, path, form, undefined);
  for (const form of left) differ(at, `${field}.(item)`, path, undefined, form);
  if (missing.length === 0 && left.length === 0 && !at.rules.unordered.has(listPath) && formsA.join("\n") !== formsB.join("\n")) {
    differ(at, `${field}.(order)`, path, formsA, formsB);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A record's text with its keys sorted, dates cut to the day, null for absent, ignored fields left out and personal
 * data replaced: equal for equal domain values, and safe to keep.
 */
function canonical(value: unknown, rules: CompareRules, name = ""): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, rules)).join(",")}]`;
  if (isRecord(value)) {
    const names = Object.keys(value)
      .filter((k) => (value[k] ?? null) !== null && !rules.ignored.has(k))
      .sort();
    return `{${names.map((k) => `${k}:${canonical(value[k], rules, k)}`).join(",")}}`;
  }
  if (rules.personal.has(name) && value !== undefined && value !== null) return JSON.stringify(PERSONAL);
  if (typeof value === "string" && isDateField(name) && DATE.test(value)) return JSON.stringify(value.slice(0, 10));
  return JSON.stringify(value ?? null);
}

/** An error as a difference keeps it: its code and the record it names, not its message (which may quote values). */
function errorText(value: unknown): string {
  if (!isAdapterError(value)) return "ok";
  return value.record ? `${value.code} (${value.record})` : value.code;
}

/** A whole record kept as a difference's value: its canonical text, short. */
function summary(value: unknown, rules: CompareRules): string {
  if (isAdapterError(value)) return value.code;
  const text = canonical(value, rules);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
