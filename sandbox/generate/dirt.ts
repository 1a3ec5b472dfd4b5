import { MAX_ACCOUNTS } from "./ids.js";
import type { CustomerPlan } from "./plan.js";
import type { Rng } from "./rng.js";
import type { RowSink } from "./sink.js";

/** Real legacy data always has some dirt; a population without any is asked for with 0. */
export const DEFAULT_DIRTY_SHARE = 0.001;
export const MAX_DIRTY_SHARE = 0.05;

type System = "billing" | "business-hall" | "network" | "key-account";

interface Kind {
  system: System;
  table: string;
  /** Whether this row of the table can take the dirt (absent: every row can). */
  fits?: (values: readonly unknown[]) => boolean;
  /** Spoils the row in place; values are in the table's DDL column order. */
  spoil: (values: unknown[], plan: CustomerPlan) => void;
}

const year = (value: unknown) => String(value).slice(0, 4);
const PADDING = "   ";

/**
 * The kinds of dirt real legacy data has, each written as the system itself would store it: impossible
 * dates, unknown codes, negative amounts, dangling links and padded strings.
 */
const KINDS = {
  "impossible-due-date": { system: "billing", table: "BILL", spoil: (v) => { v[4] = `${year(v[4])}1331`; } },
  "negative-bill-amount": { system: "billing", table: "BILL", spoil: (v) => { v[3] = -Number(v[3]); } },
  "unknown-pay-method": { system: "billing", table: "ACCT", spoil: (v) => { v[4] = "Z"; } },
  "padded-account-name": { system: "billing", table: "ACCT", spoil: (v) => { v[3] = `${String(v[3])}${PADDING}`; } },
  // Account slots run to MAX_ACCOUNTS per customer and no customer has that many, so the last slot is never an account.
  "dangling-service-account": {
    system: "billing",
    table: "SERV_ACCT",
    spoil: (v, plan) => {
      v[1] = plan.index * MAX_ACCOUNTS + MAX_ACCOUNTS - 1;
    },
  },
  "padded-customer-name": { system: "business-hall", table: "tb_cust", spoil: (v) => { v[1] = `${String(v[1])}${PADDING}`; } },
  "unknown-customer-type": { system: "business-hall", table: "tb_cust", spoil: (v) => { v[2] = "09"; } },
  "unknown-line-state": { system: "network", table: "line", spoil: (v) => { v[1] = 7; } },
  "ticket-closed-before-opened": {
    system: "network",
    table: "ticket",
    fits: (v) => v[6] !== null,
    spoil: (v) => {
      v[6] = `${Number(year(v[5])) - 1}-01-01 00:00:00+08`;
    },
  },
  "unknown-key-account-level": { system: "key-account", table: "DKH_KHXX", spoil: (v) => { v[3] = "9"; } },
  "impossible-visit-date": { system: "key-account", table: "DKH_BFJL", spoil: (v) => { v[3] = `${year(v[3])}/02/30`; } },
} satisfies Record<string, Kind>;

export type DirtKind = keyof typeof KINDS;
export const DIRT_KINDS = Object.keys(KINDS) as DirtKind[];

/** A row the generator spoiled: its customer, the kind of dirt, and the row by its table and key (first column). */
export interface DirtyRow {
  custNo: string;
  kind: DirtKind;
  system: System;
  table: string;
  key: string;
}

/**
 * One customer's rows, held back until the customer is generated in full, so that one of them can be
 * spoiled with the customer's own random stream, drawn after everything else: a population with dirt
 * is the same population as without, but for the spoiled rows.
 */
export class CustomerRows implements RowSink {
  // Parallel arrays rather than an object per row: this sits on the generator's hot path.
  private schemas: string[] = [];
  private tables: string[] = [];
  private values: unknown[][] = [];

  row(schema: string, table: string, values: unknown[]): void {
    this.schemas.push(schema);
    this.tables.push(table);
    this.values.push(values);
  }

  /** With probability `share`, spoils one row of a kind spread over the systems; then hands every row on. */
  flushInto(sink: RowSink, plan: CustomerPlan, rng: Rng, share: number): DirtyRow | null {
    const dirt = rng.chance(share) ? this.spoilOne(plan, rng) : null;
    for (let i = 0; i < this.values.length; i++) sink.row(this.schemas[i] as string, this.tables[i] as string, this.values[i] as unknown[]);
    this.schemas = [];
    this.tables = [];
    this.values = [];
    return dirt;
  }

  /** Every customer has a hall record and a line, so some kind always fits. */
  private spoilOne(plan: CustomerPlan, rng: Rng): DirtyRow {
    const candidates = DIRT_KINDS.map((kind) => {
      const spec: Kind = KINDS[kind];
      const rows = this.values.filter((values, i) => this.tables[i] === spec.table && (spec.fits?.(values) ?? true));
      return { kind, spec, rows };
    }).filter((c) => c.rows.length > 0);
    const system = rng.pick([...new Set(candidates.map((c) => c.spec.system))]);
    const { kind, spec, rows } = rng.pick(candidates.filter((c) => c.spec.system === system));
    const values = rng.pick(rows);
    spec.spoil(values, plan);
    return { custNo: plan.custNo, kind, system, table: spec.table, key: String(values[0]) };
  }
}
