import type pg from "pg";
import { RequestFault, element } from "./xml.js";

/** One element in a request or answer; leaves are xsd:string, as the hall types everything. */
export interface Field {
  readonly name: string;
  readonly optional?: boolean;
  readonly repeated?: boolean;
  readonly children?: readonly Field[];
}

export interface Operation {
  readonly name: string;
  readonly documentation: string;
  readonly request: readonly Field[];
  readonly response: readonly Field[];
  /** Answers the request content (prefixes stripped) with the inner XML of `<name>Rsp`. */
  run(db: HallStore, content: unknown): Promise<string>;
}

export interface HallStore {
  readonly pool: pg.Pool;
  /** The schema as a quoted identifier, ready to prefix table names. */
  readonly schema: string;
}

export type Row = Record<string, string | number | null>;

export const RET_OK = element("RetCode", "0") + element("RetMsg", "成功");
export const RET_FIELDS: readonly Field[] = [{ name: "RetCode" }, { name: "RetMsg" }];

function itemXml(item: string, fields: readonly string[], row: Row): string {
  return `<${item}>${fields.map((f) => element(f, row[f] ?? null)).join("")}</${item}>`;
}

export function listXml(item: string, fields: readonly string[], rows: readonly Row[]): string {
  return `<${item}List>${rows.map((row) => itemXml(item, fields, row)).join("")}</${item}List>`;
}

/** Reads the simple text fields of a request element; an absent or empty element is no value. */
export function readFields(content: unknown) {
  const fields = asRecord(content) ?? {};
  return {
    text(name: string, max: number, required: boolean): string | null {
      const value = fields[name];
      if (value === undefined || value === "") {
        if (required) throw new RequestFault("Client", "E001", `${name} is required`);
        return null;
      }
      if (typeof value !== "string") throw new RequestFault("Client", "E001", `${name} must be text`);
      if ([...value].length > max) throw new RequestFault("Client", "E001", `${name} is longer than ${max} characters`);
      return value;
    },
  };
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The keys of a request's `<listTag><keyTag>…</keyTag>…</listTag>`: at least one, each 1–32 characters, trimmed. */
export function readKeys(content: unknown, listTag: string, keyTag: string): string[] {
  const list = asRecord(content)?.[listTag];
  const keys = asRecord(list)?.[keyTag];
  if (!Array.isArray(keys) || keys.length === 0) throw new RequestFault("Client", "E001", `${listTag} must hold at least one ${keyTag}`);
  return keys.map((key) => {
    if (typeof key !== "string" || key.trim() === "" || key.length > 32) {
      throw new RequestFault("Client", "E001", `every ${keyTag} must be a non-empty value of at most 32 characters`);
    }
    return key.trim();
  });
}
