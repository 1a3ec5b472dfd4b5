import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The committed manifest `npm run operations:register` writes from docs/queries/. */
export const DEFAULT_MANIFEST_PATH = fileURLToPath(new URL("../../schema/operations.json", import.meta.url));

/** The APQ hash of a document: sha256 of its exact text, in hex, as Apollo clients compute it. */
export function apqHash(document: string): string {
  return createHash("sha256").update(document, "utf8").digest("hex");
}

const HASH = /^[0-9a-f]{64}$/;

export const manifestSchema = z
  .object({
    version: z.literal(1),
    operations: z.record(
      z.string().regex(HASH, "must be a sha256 hash in hex"),
      z.object({
        /** The operation's name, unique in the manifest. */
        name: z.string().min(1),
        /** Where it was registered from, relative to the project. */
        file: z.string().min(1),
        /** The exact text clients send; its hash is the key. */
        document: z.string().min(1),
      }),
    ),
  })
  .superRefine((manifest, ctx) => {
    const names = new Set<string>();
    for (const [hash, operation] of Object.entries(manifest.operations)) {
      if (apqHash(operation.document) !== hash) ctx.addIssue({ code: "custom", path: ["operations", hash], message: "the document does not hash to its key" });
      if (names.has(operation.name)) ctx.addIssue({ code: "custom", path: ["operations", hash, "name"], message: `${operation.name} is registered twice` });
      names.add(operation.name);
    }
  });

export type OperationManifest = z.infer<typeof manifestSchema>;

export const EMPTY_MANIFEST: OperationManifest = { version: 1, operations: {} };

/** Reads and checks a manifest at boot; every problem names the file (and the setting that pointed at it). */
export function loadManifest(path: string, setting = "OPERATIONS_MANIFEST_PATH"): OperationManifest {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`${setting}: cannot read the operation manifest ${path} (${(error as Error).message}); npm run operations:register writes it`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${setting}: ${path} is not JSON (${(error as Error).message})`);
  }
  const result = manifestSchema.safeParse(raw);
  if (!result.success) throw new Error(`${setting}: ${path} is not an operation manifest: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return result.data;
}
