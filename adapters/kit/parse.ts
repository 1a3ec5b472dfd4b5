import type { z } from "zod";
import { AdapterError, type SourceSystem } from "./errors.js";

/** Parses one record from a legacy system; a record that does not fit is a typed error naming it. */
export function parseRecord<S extends z.ZodType>(schema: S, raw: unknown, source: SourceSystem, record: string): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const detail = result.error.issues
    .map((issue) => `${issue.path.join(".") || "(record)"}: ${issue.message}`)
    .join("; ");
  throw new AdapterError("MALFORMED_RECORD", source, `malformed record ${record}: ${detail}`, record, {
    cause: result.error,
  });
}

/** `parseRecord` for one system's records: `parse(schema, raw, record)`. */
export function recordParser(source: SourceSystem) {
  return <S extends z.ZodType>(schema: S, raw: unknown, record: string): z.output<S> => parseRecord(schema, raw, source, record);
}
