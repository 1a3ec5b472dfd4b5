import type { Supergraph } from "@apollo/federation-internals";
import { Counter, register } from "prom-client";

/**
 * Progressive override (federation 2.7): a field moved with `@override(from:, label:)` is fetched from
 * its new owner only when the gateway turns the label on, and the query planner is told per plan which
 * labels are on. So each request decides every label of the supergraph: one pinned by
 * GATEWAY_OVERRIDE_LABELS is what the setting says; `percent(N)` is on with probability N %, drawn per
 * request; any other label is off. docs/migration.md shows a move through these stages.
 */

/** Composition's form of a progressive label: 0 to 100 with up to 8 decimals. */
const PERCENT = /^percent\((\d{1,2}(?:\.\d{1,8})?|100)\)$/;

/** The share of requests (0 to 1) a `percent(N)` label is meant for; null for any other label. */
export function percentOf(label: string): number | null {
  const match = PERCENT.exec(label);
  return match ? Number(match[1]) / 100 : null;
}

/** Every override label the supergraph's fields carry (`@join__field(overrideLabel:)`), sorted. */
export function overrideLabelsOf(supergraph: Supergraph): string[] {
  const labels = new Set<string>();
  for (const application of supergraph.schema.directive("join__field")?.applications() ?? []) {
    const label = (application.arguments() as { overrideLabel?: string }).overrideLabel;
    if (label) labels.add(label);
  }
  return [...labels].sort();
}

/** One request's labels. */
export interface OverrideDecision {
  /** Every label of the supergraph, on or off: the planner's `overrideConditions`. */
  conditions: Map<string, boolean>;
  /** The same, one "1" or "0" per label in sorted order: the part of the plan cache's key that keeps on and off apart. */
  key: string;
}

/** Uniform in [0, 1). */
export type Draw = () => number;

const decisions =
  (register.getSingleMetric("cg_gateway_override_labels_total") as Counter<"label" | "state"> | undefined) ??
  new Counter({
    name: "cg_gateway_override_labels_total",
    help: "Requests by what the gateway decided for each @override label of the supergraph (on: planned with the new owner), whether or not the request selects the moved field; for percent(N) the share on approaches N %.",
    labelNames: ["label", "state"] as const,
  });

interface Rule {
  label: string;
  /** Fixed for every request, or null: drawn. */
  fixed: boolean | null;
  share: number;
  on: Counter.Internal;
  off: Counter.Internal;
}

/** Decides a supergraph's override labels per request. */
export class OverrideLabels {
  /** Each combination's decision, made once: a request only draws and looks it up. */
  private readonly known = new Map<string, OverrideDecision>();

  private constructor(
    private readonly rules: readonly Rule[],
    private readonly draw: Draw,
  ) {}

  /**
   * For the supergraph's labels, with the labels the operator pinned on or off; null when the supergraph
   * has none, the usual case, which then costs a request nothing. `percent(0)` and `percent(100)` need no draw.
   */
  static of(labels: readonly string[], pinned: ReadonlyMap<string, boolean>, draw: Draw = Math.random): OverrideLabels | null {
    if (labels.length === 0) return null;
    const rules = [...labels].sort().map((label): Rule => {
      const share = percentOf(label);
      const setting = pinned.get(label);
      const fixed = setting ?? (share === null ? false : share === 0 ? false : share === 1 ? true : null);
      return { label, fixed, share: share ?? 0, on: decisions.labels({ label, state: "on" }), off: decisions.labels({ label, state: "off" }) };
    });
    return new OverrideLabels(rules, draw);
  }

  decide(): OverrideDecision {
    let key = "";
    for (const rule of this.rules) {
      const on = rule.fixed ?? this.draw() < rule.share;
      (on ? rule.on : rule.off).inc();
      key += on ? "1" : "0";
    }
    let decision = this.known.get(key);
    if (!decision) {
      decision = { conditions: new Map(this.rules.map((rule, i) => [rule.label, key[i] === "1"])), key };
      this.known.set(key, decision);
    }
    return decision;
  }
}
