import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { checkContract, type CheckInputs } from "../schema/check.js";
import { parseDeliberateChanges, type DeliberateChange } from "../schema/check-deliberate.js";
import { schemaCheck } from "../schema/check-run.js";
import { composeSupergraph, type Composition } from "../subgraphs/compose.js";

const run = promisify(execFile);

/**
 * `npm run schema:check` on variants of the real graph: the subgraphs' SDL printed from the code, one of
 * them edited here, composed again. The committed schema/ files are never touched.
 */
let real: Composition;

beforeAll(async () => {
  real = await composeSupergraph();
});

/** The real subgraphs composed, with `edit` applied to the named subgraph's SDL first. */
function variant(name: string, edit: (sdl: string) => string): string {
  const result = composeServices(
    real.subgraphs.map((s) => ({ name: s.name, url: `http://127.0.0.1/${s.name}`, typeDefs: parse(s.name === name ? edit(s.sdl) : s.sdl) })),
  );
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.supergraphSdl;
}

/** The SDL with a field added to an entity type of it. */
const withField = (type: string, field: string) => (sdl: string) => {
  const head = `type ${type} @key(fields: "id") {\n`;
  expect(sdl).toContain(head);
  return sdl.replace(head, `${head}  """Added by a test: the business hall's fax number."""\n  ${field}\n`);
};

const FAX = withField("Customer", "faxNumber: String");

const inputs = (baseline: string, candidate: string, entries: DeliberateChange[] = []): CheckInputs => ({
  baseline: { sdl: baseline, label: "a test baseline" },
  candidate,
  entries,
  staleFiles: [],
  hints: [],
  today: "2026-01-02",
});

const entry = (path: string, type: string): DeliberateChange => ({ path, type, reason: "The fax line was never filled in by any province.", by: "a test", on: "2026-01-02" });

describe("schema:check's comparison", () => {
  it("passes on an added field, counting it among the safe changes", async () => {
    const result = await checkContract(inputs(real.supergraph, variant("profile", FAX)));
    expect(result.ok).toBe(true);
    expect(result.report.breaking).toEqual([]);
    expect(result.report.safe.map((c) => `${c.type} ${c.path}`)).toEqual(["FIELD_ADDED Customer.faxNumber", "FIELD_DESCRIPTION_ADDED Customer.faxNumber"]);
    expect(result.output).toContain("Safe: 2 (FIELD_ADDED 1, FIELD_DESCRIPTION_ADDED 1)");
    expect(result.output).toContain("OK: no breaking change for consumers.");
  });

  it("fails on a removed field, naming its path with a hint and the entry that would let it through", async () => {
    const result = await checkContract(inputs(variant("profile", FAX), real.supergraph));
    expect(result.ok).toBe(false);
    expect(result.report.breaking.map((c) => `${c.type} ${c.path}`)).toEqual(["FIELD_REMOVED Customer.faxNumber"]);
    expect(result.output).toContain("FAIL: 1 breaking change for consumers:");
    expect(result.output).toContain("✗ Customer.faxNumber  FIELD_REMOVED");
    expect(result.output).toContain("hint: operations that use it stop validating");
    expect(result.output).toContain(`{"path":"Customer.faxNumber","type":"FIELD_REMOVED",`);
  });

  it("fails on a field made nullable that consumers read as non-null", async () => {
    const result = await checkContract(inputs(real.supergraph, variant("profile", (sdl) => sdl.replace(/^(\s+address: String)!$/m, "$1"))));
    expect(result.report.breaking.map((c) => `${c.type} ${c.path}`)).toEqual(["FIELD_TYPE_CHANGED Customer.address"]);
    expect(result.output).toContain("hint: consumers' generated types and null checks rely on the old type");
  });

  it("lets a breaking change through when an entry marks it deliberate, and says so", async () => {
    const result = await checkContract(inputs(variant("profile", FAX), real.supergraph, [entry("Customer.faxNumber", "FIELD_REMOVED")]));
    expect(result.ok).toBe(true);
    expect(result.report.deliberate.map(({ change }) => `${change.type} ${change.path}`)).toEqual(["FIELD_REMOVED Customer.faxNumber"]);
    expect(result.output).toContain("✓ Customer.faxNumber  FIELD_REMOVED: The fax line was never filled in by any province. (a test, 2026-01-02)");
    expect(result.report.unmatched).toEqual([]);
  });

  it("an entry of another type or path does not let the change through", async () => {
    const result = await checkContract(inputs(variant("profile", FAX), real.supergraph, [entry("Customer.faxNumber", "FIELD_TYPE_CHANGED"), entry("Customer.fax", "FIELD_REMOVED")]));
    expect(result.ok).toBe(false);
    expect(result.report.unmatched.map((e) => `${e.type} ${e.path}`)).toEqual(["FIELD_TYPE_CHANGED Customer.faxNumber", "FIELD_REMOVED Customer.fax"]);
  });

  it("reports an entry that matches nothing as stale, without failing", async () => {
    const result = await checkContract(inputs(real.supergraph, real.supergraph, [entry("Customer.phone", "FIELD_REMOVED")]));
    expect(result.ok).toBe(true);
    expect(result.report.unmatched.map((e) => e.path)).toEqual(["Customer.phone"]);
    expect(result.output).toContain("1 entry of schema/deliberate-changes.json match no breaking or dangerous change here (stale");
    expect(result.output).toContain("? Customer.phone  FIELD_REMOVED (a test, 2026-01-02)");
  });

  it("warns of a dangerous change (a value added to an enum consumers read) without failing", async () => {
    const candidate = variant("profile", (sdl) => sdl.replace(/^(enum Gender \{\n(?:.*\n)*?)\}/m, "$1  UNDISCLOSED\n}"));
    const result = await checkContract(inputs(real.supergraph, candidate));
    expect(result.ok).toBe(true);
    expect(result.report.dangerous.map((c) => `${c.type} ${c.path}`)).toEqual(["ENUM_VALUE_ADDED Gender.UNDISCLOSED"]);
    expect(result.output).toContain("Warning: 1 dangerous change");
  });

  it("sees no change for consumers when only the subgraph resolving a field changes", async () => {
    const result = await checkContract(inputs(real.supergraph, real.supergraph.replace(/@join__graph\(name: "profile", url: "[^"]+"\)/, '@join__graph(name: "profile", url: "http://elsewhere/graphql")')));
    expect(result.report).toEqual({ breaking: [], deliberate: [], dangerous: [], safe: [], unmatched: [] });
  });
});

describe("schema/deliberate-changes.json", () => {
  const valid = { changes: [entry("Customer.faxNumber", "FIELD_REMOVED")] };
  const refusal = (value: unknown) => {
    try {
      parseDeliberateChanges(typeof value === "string" ? value : JSON.stringify(value));
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("accepted");
  };

  it("the committed file is valid", () => {
    const file = parseDeliberateChanges(readFileSync("schema/deliberate-changes.json", "utf8"));
    expect(Array.isArray(file.changes)).toBe(true);
  });

  it("names the entry and what is wrong with it", () => {
    expect(parseDeliberateChanges(JSON.stringify(valid))).toEqual(valid);
    expect(refusal({ ...valid, changes: [{ ...valid.changes[0], type: "FIELD_GONE" }] })).toMatch(/^schema\/deliberate-changes\.json is not valid:\n- changes\[0\]\.type: must be one of graphql-inspector's change types/);
    expect(refusal({ ...valid, changes: [{ ...valid.changes[0], reason: "" }] })).toContain("- changes[0].reason: must say why consumers can live with the break");
    expect(refusal({ ...valid, changes: [{ ...valid.changes[0], on: "02/01/2026" }] })).toContain("- changes[0].on: must be the decision's date, YYYY-MM-DD");
    expect(refusal({ ...valid, changes: [{ ...valid.changes[0], path: "Customer faxNumber" }] })).toContain("- changes[0].path: must be a schema coordinate");
    expect(refusal({ ...valid, changes: [{ ...valid.changes[0], who: "x" }] })).toContain("- changes[0]: Unrecognized key");
    expect(refusal({})).toContain("- changes:");
    expect(refusal({ baseline: "main", changes: [] })).toContain("- (root): Unrecognized key");
    expect(refusal({ ...valid, changes: [valid.changes[0], valid.changes[0]] })).toContain("- changes[1]: FIELD_REMOVED Customer.faxNumber is listed twice");
    expect(refusal("{ baseline: main }")).toMatch(/^schema\/deliberate-changes\.json: not JSON/);
  });
});

describe("npm run schema:check on this repository", () => {
  it("passes: the code breaks nothing consumers rely on in the committed contract", async () => {
    const result = await schemaCheck();
    expect(result.output).toContain("schema/contract.graphql (the consumers' contract)");
    expect(result.report.breaking, result.output).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("exits 1 with the removed field's path when the baseline has a field the code lacks", async () => {
    const dir = mkdtempSync(join(tmpdir(), "schema-check-"));
    writeFileSync(join(dir, "supergraph.graphql"), variant("profile", FAX));
    const failed = await run(process.execPath, ["--import", "tsx", "schema/check-main.ts", "--base-file", join(dir, "supergraph.graphql")]).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain("✗ Customer.faxNumber  FIELD_REMOVED");
  });

  it("--accept moves the contract only when every break is listed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "schema-check-"));
    const contractFile = join(dir, "contract.graphql");
    const deliberateFile = join(dir, "deliberate-changes.json");
    writeFileSync(contractFile, variant("profile", FAX));
    writeFileSync(deliberateFile, JSON.stringify({ changes: [] }));
    const refused = await schemaCheck({ contractFile, deliberateFile, accept: true });
    expect(refused.ok).toBe(false);
    expect(readFileSync(contractFile, "utf8")).toContain("faxNumber");
    writeFileSync(deliberateFile, JSON.stringify({ changes: [entry("Customer.faxNumber", "FIELD_REMOVED")] }));
    const moved = await schemaCheck({ contractFile, deliberateFile, accept: true });
    expect(moved.ok, moved.output).toBe(true);
    expect(moved.output).toContain("The contract moved");
    expect(readFileSync(contractFile, "utf8")).not.toContain("faxNumber");
  });

  it("refuses a revision that is not in the history, saying what to do", async () => {
    await expect(schemaCheck({ base: "no-such-revision" })).rejects.toThrow(/cannot read schema\/supergraph\.graphql at no-such-revision \(--base\).*a shallow clone may lack it/);
  });
});
