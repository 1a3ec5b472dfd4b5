import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Kind, parse } from "graphql";
import { z } from "zod";

/** An operation from docs/queries/, offered in the explorer. */
export interface PreloadedOperation {
  /** The file it comes from, e.g. "customer-360.graphql". */
  file: string;
  /** The first operation's name, or the file's name when it has none. */
  name: string;
  /** The file's leading comment lines: what the operation is for. */
  description: string;
  document: string;
  /** Variables to start with, as JSON text ("" when the file gives none). */
  variables: string;
}

/** The operations the repository documents, beside the README. */
export const DEFAULT_OPERATIONS_DIR = fileURLToPath(new URL("../../docs/queries/", import.meta.url));

const VARIABLES_LINE = /^#\s*variables:\s*(.*)$/;
const variablesSchema = z.record(z.string(), z.unknown());

/**
 * Reads every `*.graphql` file of `dir` (in name order), once at boot. A file's leading `#` lines
 * describe it; a `# variables: {…}` line among them gives the variables it starts with. A file that
 * is not GraphQL, or whose variables are not a JSON object, stops the boot with its name.
 */
export function loadOperations(dir: string = DEFAULT_OPERATIONS_DIR): PreloadedOperation[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".graphql")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return files.map((file) => operationOf(file, readFileSync(path.join(dir, file), "utf8")));
}

export function operationOf(file: string, text: string): PreloadedOperation {
  let document;
  try {
    document = parse(text);
  } catch (error) {
    throw new Error(`explorer operation ${file} is not GraphQL: ${(error as Error).message}`);
  }
  const header: string[] = [];
  let variables = "";
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("#")) break;
    const match = VARIABLES_LINE.exec(trimmed);
    if (match) variables = variablesOf(file, match[1] ?? "");
    else header.push(trimmed.replace(/^#\s?/, ""));
  }
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return {
    file,
    name: operation?.name?.value ?? path.basename(file, ".graphql"),
    description: header.join(" ").trim(),
    document: text,
    variables,
  };
}

function variablesOf(file: string, json: string): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`explorer operation ${file}: its "# variables:" line is not JSON`);
  }
  const result = variablesSchema.safeParse(value);
  if (!result.success) throw new Error(`explorer operation ${file}: its "# variables:" line is not a JSON object`);
  return JSON.stringify(result.data, null, 2);
}
