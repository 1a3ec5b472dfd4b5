import { readFile } from "node:fs/promises";
import { printSchema, Supergraph } from "@apollo/federation-internals";
import { buildSchema, getNamedType, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLNamedType, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * docs/capabilities.md says, row by row, what the seeds ask the graph to know or do about a customer
 * and where the graph answers it. A row is only worth reading if its paths are real, so every path is
 * walked on the API schema of the committed supergraph (what consumers see: no @inaccessible fields),
 * and the summary must count the rows as they are.
 */

const STATUSES = ["yes", "part", "not yet"] as const;
const CAPABILITY_COLUMNS = "# | capability | seed | status | graph path(s)";
const SUMMARY_COLUMNS = "status | rows";
const ID = /^C-[0-9A-Za-z.]+-\d{2}$/;

interface Row {
  line: number;
  cells: string[];
}

interface CapabilityDoc {
  rows: Row[];
  /** Status (or "total") → the count the summary table gives. */
  summary: Map<string, number>;
}

function tableCells(line: string): string[] | null {
  const text = line.trim();
  if (!text.startsWith("|") || !text.endsWith("|")) return null;
  return text
    .slice(1, -1)
    .split("|")
    .map((cell) => cell.trim());
}

/** The rows of every table headed by the capability columns, and the summary table's counts. */
function parseCapabilities(markdown: string): CapabilityDoc {
  const doc: CapabilityDoc = { rows: [], summary: new Map() };
  let table: "capabilities" | "summary" | null = null;
  markdown.split("\n").forEach((line, index) => {
    const cells = tableCells(line);
    if (cells === null) table = null;
    else if (cells.every((cell) => /^:?-+:?$/.test(cell))) return;
    else if (cells.join(" | ") === CAPABILITY_COLUMNS) table = "capabilities";
    else if (cells.join(" | ") === SUMMARY_COLUMNS) table = "summary";
    else if (table === "capabilities") doc.rows.push({ line: index + 1, cells });
    else if (table === "summary") doc.summary.set(cells[0]!, Number(cells[1]));
  });
  return doc;
}

/** Walks `Type.field.field…` (the last step may be an enum value); null when it resolves, else why not. */
function unresolved(schema: GraphQLSchema, path: string): string | null {
  const [typeName, ...steps] = path.split(".");
  const start = schema.getType(typeName!);
  if (!start) return `no type ${typeName}`;
  if (steps.length === 0) return "a path names at least Type.field";
  let type: GraphQLNamedType = start;
  for (const [index, step] of steps.entries()) {
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      const field = type.getFields()[step];
      if (!field) return `${type.name} has no field ${step}`;
      type = getNamedType(field.type);
    } else if (isEnumType(type)) {
      if (!type.getValue(step)) return `enum ${type.name} has no value ${step}`;
      if (index < steps.length - 1) return `${type.name}.${step} is an enum value: nothing to walk after it`;
    } else {
      return `${type.name} has no fields, so no ${step}`;
    }
  }
  return null;
}

/** Every way the document is wrong, each naming the row (by id, or by line when the id is bad) and the path. */
function problems(doc: CapabilityDoc, schema: GraphQLSchema): string[] {
  const found: string[] = [];
  if (doc.rows.length === 0) found.push(`no table headed "| ${CAPABILITY_COLUMNS} |"`);
  const seen = new Set<string>();
  for (const { line, cells } of doc.rows) {
    const [id = "", , , status = "", pathCell = ""] = cells;
    const row = ID.test(id) ? id : `line ${line}`;
    if (cells.length !== 5) found.push(`${row}: ${cells.length} columns, not 5`);
    if (!ID.test(id)) found.push(`${row}: id "${id}" is not like C-3.2.1.2-04`);
    else if (seen.has(id)) found.push(`${row}: id repeated`);
    seen.add(id);
    if (!(STATUSES as readonly string[]).includes(status)) found.push(`${row}: status "${status}" is none of ${STATUSES.join(", ")}`);
    const paths = [...pathCell.matchAll(/`([^`]*)`/g)].map((match) => match[1]!);
    if ((status === "yes" || status === "part") && paths.length === 0) found.push(`${row}: status ${status} but no graph path`);
    if (status === "part" && !/[a-z]{3}/i.test(pathCell.replace(/`[^`]*`/g, ""))) found.push(`${row}: status part but nothing says what is missing`);
    if (status === "not yet" && pathCell !== "not yet") found.push(`${row}: status not yet, so the path column says "not yet", not "${pathCell}"`);
    for (const path of paths) {
      const why = unresolved(schema, path);
      if (why) found.push(`${row}: \`${path}\` does not resolve: ${why}`);
    }
  }
  const counts = new Map<string, number>(STATUSES.map((status) => [status, doc.rows.filter((r) => r.cells[3] === status).length]));
  counts.set("total", doc.rows.length);
  for (const [key, count] of counts) {
    const given = doc.summary.get(key);
    if (given !== count) found.push(`summary: ${key} says ${given ?? "nothing"}, the rows count ${count}`);
  }
  for (const key of doc.summary.keys()) if (!counts.has(key)) found.push(`summary: unknown line "${key}"`);
  return found;
}

let api: GraphQLSchema;

beforeAll(async () => {
  const supergraph = await readFile(new URL("../schema/supergraph.graphql", import.meta.url), "utf8");
  // Printed and built again, so that the schema is made by the graphql module this file's checks come from.
  api = buildSchema(printSchema(Supergraph.build(supergraph).apiSchema()));
});

describe("docs/capabilities.md", () => {
  it("has an id, a status and, where present, paths that resolve in the composed API schema for every row, and a true summary", async () => {
    const doc = parseCapabilities(await readFile(new URL("../docs/capabilities.md", import.meta.url), "utf8"));
    expect(doc.rows.length).toBeGreaterThan(50);
    expect(problems(doc, api)).toEqual([]);
  });

  it("finds each kind of mistake (the check above is not vacuous)", () => {
    const markdown = [
      `| ${CAPABILITY_COLUMNS} |`,
      "| --- | --- | --- | --- | --- |",
      "| C-1-01 | fine | s | yes | `Query.customer`, `Customer.arrears.buckets.label`, `CustomerFilter.regionCode`, `Bill.items.type.DISCOUNT` |",
      "| C-1-02 | no path | s | yes | the customer |",
      "| C-1-02 | repeated | s | part | `Customer.credit`; missing: a history |",
      "| C-1-03 | bad field | s | part | `Customer.credit.colour`; missing: colour |",
      "| C-1-04 | hidden | s | yes | `ServiceSubscription.customerId` |",
      "| C-1-05 | bad status | s | maybe | `Customer.name` |",
      "| C-1-06 | not yet with a path | s | not yet | `Customer.name` |",
      "| C-1-07 | past an enum value | s | yes | `BillItemType.DISCOUNT.x` |",
      "| C-1-08 | part without words | s | part | `Customer.name` |",
      "| X-1 | bad id | s | not yet | not yet |",
      "",
      `| ${SUMMARY_COLUMNS} |`,
      "| --- | --- |",
      "| yes | 5 |",
      "| part | 3 |",
      "| not yet | 1 |",
      "| total | 11 |",
    ].join("\n");
    expect(problems(parseCapabilities(markdown), api)).toEqual([
      "C-1-02: status yes but no graph path",
      "C-1-02: id repeated",
      "C-1-03: `Customer.credit.colour` does not resolve: Credit has no field colour",
      "C-1-04: `ServiceSubscription.customerId` does not resolve: ServiceSubscription has no field customerId",
      'C-1-05: status "maybe" is none of yes, part, not yet',
      'C-1-06: status not yet, so the path column says "not yet", not "`Customer.name`"',
      "C-1-07: `BillItemType.DISCOUNT.x` does not resolve: BillItemType.DISCOUNT is an enum value: nothing to walk after it",
      "C-1-08: status part but nothing says what is missing",
      'line 12: id "X-1" is not like C-3.2.1.2-04',
      "summary: yes says 5, the rows count 4",
      "summary: not yet says 1, the rows count 2",
      "summary: total says 11, the rows count 10",
    ]);
  });
});
