import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { composeSupergraph } from "../subgraphs/compose.js";
import { checkContract, type CheckResult } from "./check.js";
import { DELIBERATE_CHANGES_FILE, loadDeliberateChanges } from "./check-deliberate.js";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface SchemaCheckOptions {
  /** A git revision to compare with instead of the contract file (a reviewer: `main`). */
  base?: string;
  /** A supergraph file to compare with instead (e.g. the one production serves). */
  baseFile?: string;
  /** The deliberate-changes file; tests pass their own. */
  deliberateFile?: string;
  /** Move the contract: when the check passes, write the composed supergraph to the contract file. */
  accept?: boolean;
  /** The contract file; tests pass their own. */
  contractFile?: string;
}

/** The consumers' contract: the supergraph they rely on, moved only on purpose (`--accept`), never by `npm run compose`. */
export const CONTRACT_FILE = "schema/contract.graphql";

/** `npm run schema:check`: composes the supergraph from the code and checks it against the consumers' contract. */
export async function schemaCheck(options: SchemaCheckOptions = {}): Promise<CheckResult> {
  const deliberate = await loadDeliberateChanges(options.deliberateFile ?? `${ROOT}${DELIBERATE_CHANGES_FILE}`);
  const composition = await composeSupergraph();
  const contractFile = options.contractFile ?? `${ROOT}${CONTRACT_FILE}`;
  const baseline = options.baseFile
    ? { sdl: await readFile(options.baseFile, "utf8"), label: options.baseFile }
    : options.base
      ? await supergraphAt(options.base)
      : { sdl: await readFile(contractFile, "utf8"), label: `${CONTRACT_FILE} (the consumers' contract)` };
  const printed = [...composition.subgraphs.map((s) => ({ name: s.name, text: s.sdl })), { name: "supergraph", text: composition.supergraph }];
  const staleFiles: string[] = [];
  for (const { name, text } of printed) {
    const committed = await readFile(`${ROOT}schema/${name}.graphql`, "utf8").catch(() => null);
    if (committed !== text) staleFiles.push(`schema/${name}.graphql`);
  }
  const result = await checkContract({
    baseline,
    candidate: composition.supergraph,
    entries: deliberate.changes,
    staleFiles,
    hints: composition.hints,
    today: new Date().toISOString().slice(0, 10),
  });
  if (!options.accept || !result.ok) return result;
  await writeFile(contractFile, composition.supergraph);
  const entries = result.report.deliberate.length > 0 ? `; delete the entries reported above as deliberate from ${DELIBERATE_CHANGES_FILE} once consumers have been told` : "";
  return { ...result, output: `${result.output}\n\nThe contract moved: ${CONTRACT_FILE} is now the composed supergraph${entries}.` };
}

/** schema/supergraph.graphql as committed at a git revision of this repository. */
async function supergraphAt(revision: string): Promise<{ sdl: string; label: string }> {
  const refused = (why: string) =>
    new Error(
      `cannot read schema/supergraph.graphql at ${revision} (--base): ${why}. It must be a revision of this repository's history ` +
        "(a shallow clone may lack it: fetch more history); --base-file compares with a file instead.",
    );
  const commit = await git(["rev-parse", "--verify", "--quiet", `${revision}^{commit}`]).catch(() => null);
  if (!commit) throw refused("git knows no such commit here");
  const sdl = await git(["show", `${commit.trim()}:./schema/supergraph.graphql`]).catch((error: { stderr?: string; message: string }) => {
    throw refused((error.stderr ?? "").trim() || error.message);
  });
  const short = commit.trim().slice(0, 12);
  return { sdl, label: `schema/supergraph.graphql at ${commit.startsWith(revision) ? short : `${revision} (${short})`}, --base` };
}

async function git(args: string[]): Promise<string> {
  return (await run("git", args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 })).stdout;
}
