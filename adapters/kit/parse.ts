import type { z } from "zod";
import { AdapterError, isAdapterError, type SourceSystem } from "./errors.js";

/**
 * What a batch read gives each key: the value, or the MALFORMED_RECORD error of the record behind it that
 * cannot be read. A record that cannot be read is its own error; the other keys are served.
 */
export type OrMalformed<T> = T | AdapterError;

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

/**
 * What `read` gives, or the MALFORMED_RECORD error it throws, as a value for one key. A record made of
 * parts (a customer's facts) is read whole: its first part that cannot be read is its error.
 */
export function readWhole<T>(read: () => T): OrMalformed<T> {
  try {
    return read();
  } catch (error) {
    if (isAdapterError(error) && error.code === "MALFORMED_RECORD") return error;
    throw error;
  }
}

/** `recordParser` that hands a record that cannot be read back as its error instead of throwing it. */
export function recordReader(source: SourceSystem) {
  const parse = recordParser(source);
  return <S extends z.ZodType>(schema: S, raw: unknown, record: string): OrMalformed<z.output<S>> => readWhole(() => parse(schema, raw, record));
}

/** The value itself, for callers that need it whole (a write's answer, an access check): an error is thrown. */
export function orThrow<T>(value: OrMalformed<T>): T {
  if (isAdapterError(value)) throw value;
  return value;
}

/** A raw record's field as text, if it is text or a number: what a record that cannot be read still says about itself. */
export function rawField(raw: unknown, field: string): string | undefined {
  const value = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>)[field] : undefined;
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}
