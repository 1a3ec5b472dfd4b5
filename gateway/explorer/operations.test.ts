import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { printSchema, Supergraph } from "@apollo/federation-internals";
import { buildSchema, parse, validate } from "graphql";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_OPERATIONS_DIR, loadOperations, operationOf } from "./operations.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "explorer-ops-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("preloaded operations", () => {
  it("takes the description from the leading comments and the variables from their # variables: line", () => {
    const operation = operationOf(
      "one.graphql",
      '# A customer with their accounts,\n# as billing has them.\n# variables: {"id": "320100000006"}\nquery OneCustomer($id: ID!) { customer(id: $id) { name } }\n',
    );
    expect(operation).toEqual({
      file: "one.graphql",
      name: "OneCustomer",
      description: "A customer with their accounts, as billing has them.",
      document: expect.stringContaining("query OneCustomer"),
      variables: JSON.stringify({ id: "320100000006" }, null, 2),
    });
  });

  it("names an anonymous operation after its file and starts it with no variables", () => {
    expect(operationOf("me.graphql", "{ me { subject } }")).toMatchObject({ name: "me", description: "", variables: "" });
  });

  it("stops the boot, naming the file, for a document that is not GraphQL or variables that are not a JSON object", () => {
    expect(() => operationOf("broken.graphql", "query { customer(")).toThrow(/broken\.graphql is not GraphQL/);
    expect(() => operationOf("vars.graphql", "# variables: {id: 1}\n{ me { subject } }")).toThrow(/vars\.graphql.*not JSON/);
    expect(() => operationOf("list.graphql", "# variables: [1]\n{ me { subject } }")).toThrow(/list\.graphql.*not a JSON object/);
  });

  it("reads only the .graphql files of a folder, in name order, and nothing when the folder is missing", () => {
    const dir = folder({ "b.graphql": "query B { me { subject } }", "a.graphql": "query A { me { subject } }", "notes.md": "not an operation" });
    expect(loadOperations(dir).map((o) => o.name)).toEqual(["A", "B"]);
    expect(loadOperations(path.join(dir, "absent"))).toEqual([]);
  });

  it("every operation documented in docs/queries/ is valid against the committed supergraph, so the explorer never offers a stale one", () => {
    const operations = loadOperations(DEFAULT_OPERATIONS_DIR);
    expect(operations.map((o) => o.file)).toContain("customer-360.graphql");
    const supergraph = readFileSync(new URL("../../schema/supergraph.graphql", import.meta.url), "utf8");
    const api = buildSchema(printSchema(Supergraph.build(supergraph).apiSchema()));
    for (const operation of operations) {
      expect(validate(api, parse(operation.document)).map((e) => e.message), operation.file).toEqual([]);
    }
  });
});
