import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { loadOperations, type PreloadedOperation } from "../gateway/explorer/operations.js";
import type { TokenRequest } from "../stack/dev-token.js";
import { tokenRequestOf } from "../tools/token-args.js";
import { Progress } from "../tools/snapshot/progress.js";
import { snapshotDatabase } from "../tools/snapshot/run.js";
import { startTestStack, type TestStack } from "./support/stack.js";

/**
 * Every operation of docs/queries/ runs green against the running stack, as its header says to run it:
 * over the data set `npm start` generates (1,000 customers, seed 1), with the variables of its
 * `# variables:` line and a token minted as its `npm run token -- …` line says.
 */
const sandbox = inject("sandbox");
const PREFIX = "queries_";
const operations = loadOperations();
let stack: TestStack;

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 1000, seed: 1, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  await snapshotDatabase({ databaseUrl: sandbox.databaseUrl, schemaPrefix: PREFIX, asOf: sandbox.asOf, progress: new Progress({ write: () => true }) });
  stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf);
}, 300_000);
afterAll(async () => {
  await stack?.snapshot.dropSchema();
  await stack?.close();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

/** The token an operation's header asks for on its `npm run token -- …` line, read as that command reads it; an HQ analyst with PII otherwise. */
function tokenRequestFor(operation: PreloadedOperation): TokenRequest | null {
  const line = /npm run token -- ([^\n]*)/.exec(operation.description)?.[1];
  if (!line) return null;
  const parsed = tokenRequestOf(line.trim().split(/\s+/));
  if (!("request" in parsed)) throw new Error(`${operation.file}: its token line is not one npm run token takes: ${"error" in parsed ? parsed.error : "--help"}`);
  return parsed.request;
}

describe("docs/queries", () => {
  it("holds the use cases internal apps, BI tools and key-account managers start from", () => {
    const files = operations.map((o) => o.file);
    for (const wanted of ["customer-360", "ka-portfolio", "bi-page", "arrears-list", "potential-key-accounts", "record-visit"]) {
      expect(files).toContain(`${wanted}.graphql`);
    }
    for (const operation of operations) expect(operation.description.length, operation.file).toBeGreaterThan(20);
  });

  it.each(operations.map((o) => [o.file, o] as const))("%s runs green as its header says", async (_file, operation) => {
    const request = tokenRequestFor(operation);
    const token = request ? await stack.token(request) : undefined;
    const variables = operation.variables ? (JSON.parse(operation.variables) as Record<string, unknown>) : {};
    const { data, errors } = await stack.graphql(operation.document, variables, token);
    expect(errors, `${operation.file}: ${JSON.stringify(errors)}`).toBeUndefined();
    expect(data).toBeTruthy();
    // An operation that answers only nulls and empty lists shows a reader nothing: each must find data.
    expect(JSON.stringify(data), operation.file).toMatch(/"[A-Za-z]+":("[^"]+"|\d|true)/);
  });
});
