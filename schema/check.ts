import { printSchema, Supergraph } from "@apollo/federation-internals";
import { CriticalityLevel, diff, type Change } from "@graphql-inspector/core";
import { createRequire } from "node:module";
import type { GraphQLSchema } from "graphql";
import type { DeliberateChange } from "./check-deliberate.js";

// The schemas compared must come from the graphql module @graphql-inspector/core uses, the one Node resolves
// (CommonJS), or graphql refuses them as "from another realm"; vitest gives our own imports its ES build.
const { buildSchema } = createRequire(import.meta.url)("graphql") as typeof import("graphql");

/** What changed for consumers between the baseline supergraph and the candidate, sorted by what it means for them. */
export interface ContractReport {
  /** Breaking changes nobody marked deliberate: the check fails on any. */
  breaking: Change[];
  /** Breaking (or dangerous) changes a deliberate entry lets through, each with its entry. */
  deliberate: { change: Change; entry: DeliberateChange }[];
  dangerous: Change[];
  safe: Change[];
  /** Entries that match no breaking or dangerous change of this comparison: stale, or mistaken. */
  unmatched: DeliberateChange[];
}

/**
 * The schema consumers see: the supergraph without its federation plumbing and @inaccessible facts.
 * Which subgraph resolves a field is not part of it, so moving a field between subgraphs changes nothing here.
 */
export function consumerSchemaOf(supergraphSdl: string): GraphQLSchema {
  return buildSchema(printSchema(Supergraph.build(supergraphSdl).apiSchema()));
}

/** Compares what consumers see of two supergraphs; a deliberate entry matches a change by its path and type. */
export async function compareContracts(baselineSdl: string, candidateSdl: string, entries: readonly DeliberateChange[]): Promise<ContractReport> {
  const changes = await diff(consumerSchemaOf(baselineSdl), consumerSchemaOf(candidateSdl));
  const report: ContractReport = { breaking: [], deliberate: [], dangerous: [], safe: [], unmatched: [] };
  const used = new Set<DeliberateChange>();
  for (const change of changes) {
    const entry = entries.find((e) => e.type === change.type && e.path === change.path);
    if (entry && change.criticality.level !== CriticalityLevel.NonBreaking) {
      used.add(entry);
      report.deliberate.push({ change, entry });
    } else if (change.criticality.level === CriticalityLevel.Breaking) report.breaking.push(change);
    else if (change.criticality.level === CriticalityLevel.Dangerous) report.dangerous.push(change);
    else report.safe.push(change);
  }
  report.unmatched = entries.filter((e) => !used.has(e));
  return report;
}

const REMOVALS = new Set(["FIELD_REMOVED", "TYPE_REMOVED", "UNION_MEMBER_REMOVED", "FIELD_ARGUMENT_REMOVED", "INPUT_FIELD_REMOVED", "OBJECT_TYPE_INTERFACE_REMOVED"]);

/** What to do instead of breaking consumers, per kind of change. */
export function hintFor(change: Change): string {
  if (REMOVALS.has(change.type)) {
    return "operations that use it stop validating: keep it, deprecated (type-graphql's deprecationReason, naming what to use instead), until no consumer uses it";
  }
  if (change.type === "ENUM_VALUE_REMOVED") {
    return "operations that pass it stop validating, and clients that handle it never see it again: deprecate it first, remove it once no consumer relies on it";
  }
  if (change.type === "FIELD_TYPE_CHANGED") {
    return "consumers' generated types and null checks rely on the old type: add a field with the new type and deprecate this one";
  }
  if (change.type === "FIELD_ARGUMENT_ADDED" || change.type === "INPUT_FIELD_ADDED") {
    return "existing operations do not pass it: make it nullable or give it a default";
  }
  if (change.type === "FIELD_ARGUMENT_TYPE_CHANGED" || change.type === "INPUT_FIELD_TYPE_CHANGED") {
    return "existing operations pass the old type: accept both (a wider type) or add a new argument";
  }
  return "operations written against the baseline may fail or change meaning: add the new shape beside the old one instead";
}

/** A deliberate entry for this change, ready to paste into schema/deliberate-changes.json. */
export function entryFor(change: Change, today: string): string {
  return JSON.stringify({ path: change.path ?? "", type: change.type, reason: "why consumers can live with this, and who told them", by: "your name", on: today });
}

export interface CheckInputs {
  /** The supergraph consumers rely on, and how to name it in the output. */
  baseline: { sdl: string; label: string };
  /** The supergraph composed from the code now. */
  candidate: string;
  entries: readonly DeliberateChange[];
  /** Committed files of schema/ that differ from what the code prints. */
  staleFiles: readonly string[];
  /** Composition hints, printed as warnings. */
  hints: readonly string[];
  /** The date a pasted deliberate entry starts with, YYYY-MM-DD. */
  today: string;
}

export interface CheckResult {
  ok: boolean;
  output: string;
  report: ContractReport;
}

/** Runs the comparison and words its outcome: each breaking change with its path, what to do instead, and the entry that would allow it. */
export async function checkContract(inputs: CheckInputs): Promise<CheckResult> {
  const report = await compareContracts(inputs.baseline.sdl, inputs.candidate, inputs.entries);
  const lines = [`schema:check: the supergraph composed from the code, against ${inputs.baseline.label}`];
  if (report.breaking.length > 0) {
    lines.push("", `FAIL: ${report.breaking.length} breaking change${report.breaking.length === 1 ? "" : "s"} for consumers:`);
    for (const change of report.breaking) {
      lines.push(`  ✗ ${change.path ?? "(schema)"}  ${change.type}: ${change.message}`);
      lines.push(`      hint: ${hintFor(change)}`);
      lines.push(`      deliberate? add to schema/deliberate-changes.json "changes": ${entryFor(change, inputs.today)}`);
    }
  }
  if (report.deliberate.length > 0) {
    lines.push("", `Deliberate (${report.deliberate.length}, schema/deliberate-changes.json):`);
    for (const { change, entry } of report.deliberate) lines.push(`  ✓ ${change.path}  ${change.type}: ${entry.reason} (${entry.by}, ${entry.on})`);
  }
  if (report.dangerous.length > 0) {
    lines.push("", `Warning: ${report.dangerous.length} dangerous change${report.dangerous.length === 1 ? "" : "s"} (valid for old operations, but may surprise a consumer):`);
    for (const change of report.dangerous) lines.push(`  ! ${change.path ?? "(schema)"}  ${change.type}: ${change.criticality.reason ?? change.message}`);
  }
  if (report.unmatched.length > 0) {
    lines.push("", `Warning: ${report.unmatched.length} entr${report.unmatched.length === 1 ? "y" : "ies"} of schema/deliberate-changes.json match no breaking or dangerous change here (stale: remove, or fix the path or type):`);
    for (const entry of report.unmatched) lines.push(`  ? ${entry.path}  ${entry.type} (${entry.by}, ${entry.on})`);
  }
  lines.push("", `Safe: ${summarise(report.safe)}`);
  for (const hint of inputs.hints) lines.push(`Composition hint: ${hint}`);
  if (inputs.staleFiles.length > 0) lines.push("", `Stale: ${inputs.staleFiles.join(", ")} differ from what the code prints: run npm run compose and commit the result.`);
  const ok = report.breaking.length === 0;
  lines.push("", ok ? "OK: no breaking change for consumers." : "schema:check failed: keep the old shape beside the new one, or mark the change deliberate.");
  return { ok, output: lines.join("\n"), report };
}

/** "12 (FIELD_ADDED 9, TYPE_ADDED 3)", or "none". */
function summarise(changes: readonly Change[]): string {
  if (changes.length === 0) return "none";
  const counts = new Map<string, number>();
  for (const change of changes) counts.set(change.type, (counts.get(change.type) ?? 0) + 1);
  return `${changes.length} (${[...counts].sort((a, b) => b[1] - a[1]).map(([type, n]) => `${type} ${n}`).join(", ")})`;
}
