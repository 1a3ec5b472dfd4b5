import { readFile } from "node:fs/promises";
import { ChangeType } from "@graphql-inspector/core";
import { z } from "zod";

const CHANGE_TYPES = Object.values(ChangeType) as [string, ...string[]];

const entrySchema = z
  .object({
    /** The change's schema coordinate as graphql-inspector prints it: `Customer.phone`, `Query.customers.first`, `CustomerKind.GOVERNMENT`. */
    path: z.string().regex(/^[_A-Za-z][_0-9A-Za-z]*(\.@?[_A-Za-z][_0-9A-Za-z]*)*$/, "must be a schema coordinate such as Customer.phone"),
    type: z.enum(CHANGE_TYPES, { error: () => "must be one of graphql-inspector's change types, e.g. FIELD_REMOVED, FIELD_TYPE_CHANGED, ENUM_VALUE_REMOVED" }),
    reason: z.string().trim().min(10, "must say why consumers can live with the break (10 characters or more)"),
    by: z.string().trim().min(1, "must name who decided"),
    on: z.iso.date("must be the decision's date, YYYY-MM-DD"),
  })
  .strict();

const fileSchema = z
  .object({
    changes: z.array(entrySchema),
  })
  .strict();

export type DeliberateChange = z.infer<typeof entrySchema>;
export type DeliberateChanges = z.infer<typeof fileSchema>;

export const DELIBERATE_CHANGES_FILE = "schema/deliberate-changes.json";

/** Parses the deliberate-changes file's text; throws naming the file, the entry and what is wrong with it. */
export function parseDeliberateChanges(text: string, shown = DELIBERATE_CHANGES_FILE): DeliberateChanges {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${shown}: not JSON (${(error as Error).message})`);
  }
  const result = fileSchema.safeParse(json);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `- ${i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") || "(root)"}: ${i.message}`);
    throw new Error(`${shown} is not valid:\n${detail.join("\n")}`);
  }
  const seen = new Set<string>();
  for (const [i, entry] of result.data.changes.entries()) {
    const key = `${entry.type} ${entry.path}`;
    if (seen.has(key)) throw new Error(`${shown} is not valid:\n- changes[${i}]: ${key} is listed twice`);
    seen.add(key);
  }
  return result.data;
}

export async function loadDeliberateChanges(file: string, shown = DELIBERATE_CHANGES_FILE): Promise<DeliberateChanges> {
  return parseDeliberateChanges(await readFile(file, "utf8"), shown);
}
