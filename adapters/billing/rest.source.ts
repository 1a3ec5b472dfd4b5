import type { z } from "zod";
import { AdapterError, isAdapterError } from "../kit/errors.js";
import type { Found } from "../kit/group.js";
import { HttpSource, replyJson, tryJson, type HttpReply } from "../kit/http.js";
import { parseRecord, rawField, readWhole } from "../kit/parse.js";
import type { SystemPolicyConfig } from "../kit/policies/config.js";
import type { RoundTripCounter } from "../kit/round-trips.js";
import { errorEnvelope, pageEnvelope, writtenEnvelope } from "./rest.records.js";

type Raw = Record<string, unknown>;

/** Modern billing refuses batch reads naming more keys than this (sandbox/modern-billing/routes.ts). */
export const MODERN_BILLING_MAX_KEYS = 1_000;

export interface BillingRestSourceOptions {
  baseUrl: string;
  counter: RoundTripCounter;
  /** Billing's policies (config/resilience.json): the modern system serves billing's data under billing's budget. */
  resilience?: SystemPolicyConfig;
  timeoutMs?: number;
}

/** How one kind of record is read from a list answer: its schema, the key field tying it to an asked key, its name in errors. */
export interface RecordKind<T> {
  schema: z.ZodType<T>;
  /** The field of the raw record holding the asked key. */
  keyField: string;
  /** The record's identity for AdapterError.record, e.g. `bill 1000023`. */
  name: (raw: Raw) => string;
}

/**
 * Modern billing's REST service as one source: batch reads POST the keys (in chunks the service accepts, sent together)
 * and follow the pages of the answer; each request is one counted round trip under billing's policies.
 */
export class BillingRestSource {
  private readonly http: HttpSource;

  constructor(options: BillingRestSourceOptions) {
    this.http = new HttpSource({ system: "billing", baseUrl: options.baseUrl, counter: options.counter, resilience: options.resilience, timeoutMs: options.timeoutMs });
  }

  get health() {
    return this.http.health();
  }

  /**
   * Every record of the answer to `path` for the keys, each read by `kind` and tied to the asked key it names. A record
   * that cannot be read is its key's error; one naming no asked key fails the batch (group.ts).
   */
  async read<T>(path: string, keyName: string, keys: readonly string[], extra: Raw, kind: RecordKind<T>): Promise<Found<string, T>[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < keys.length; i += MODERN_BILLING_MAX_KEYS) chunks.push(keys.slice(i, i + MODERN_BILLING_MAX_KEYS));
    const asked = new Set(keys);
    const pages = await Promise.all(chunks.map((chunk) => this.allPages(path, { [keyName]: chunk, ...extra })));
    return pages.flat().map((raw): Found<string, T> => {
      const key = rawField(raw, kind.keyField);
      const name = kind.name(raw);
      const record = readWhole(() => parseRecord(kind.schema, raw, "billing", name));
      if (key === undefined || !asked.has(key)) {
        return [undefined, isAdapterError(record) ? record : new AdapterError("MALFORMED_RECORD", "billing", `${name} was not asked for`, name)];
      }
      return [key, record];
    });
  }

  /** An answer that is no list (one page of a search): read by the caller's schema. */
  async answer<T>(path: string, body: Raw, schema: z.ZodType<T>): Promise<T> {
    const what = `POST ${path}`;
    const reply = await this.http.exchange(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }, (answer) => {
      if (answer.status !== 200) throw failure(answer, what);
      return answer;
    });
    return parseRecord(schema, replyJson(reply, "billing", what), "billing", `${what} reply`);
  }

  /** A keyed write: the record stored under the key (raw, for the caller's schema) and whether it was there already. */
  async write(path: string, body: Raw, idempotencyKey: string): Promise<{ record: Raw; replayed: boolean }> {
    const what = `POST ${path}`;
    // Keyed at the source: a retry answers with the first record, so the write may be retried like a read.
    const reply = await this.http.exchange(
      path,
      { method: "POST", headers: { "content-type": "application/json", "idempotency-key": idempotencyKey }, body: JSON.stringify(body) },
      (answer) => {
        if (answer.status >= 500) throw failure(answer, what);
        return answer;
      },
      { write: true, idempotent: true },
    );
    if (reply.status !== 200 && reply.status !== 201) throw failure(reply, what);
    return parseRecord(writtenEnvelope, replyJson(reply, "billing", what), "billing", `${what} reply`);
  }

  /** Every record of a list answer, page after page; records stay raw for the caller to read. */
  async allPages(path: string, body: Raw): Promise<Raw[]> {
    const what = `POST ${path}`;
    const records: Raw[] = [];
    let pageToken: string | null = null;
    do {
      const request: Raw = pageToken === null ? body : { ...body, pageToken };
      // Read inside the attempt, so that a 500 is retried and counted by the breaker like a 503.
      const reply = await this.http.exchange(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) }, (answer) => {
        if (answer.status !== 200) throw failure(answer, what);
        return answer;
      });
      const page = parseRecord(pageEnvelope, replyJson(reply, "billing", what), "billing", `${what} reply`);
      records.push(...page.records);
      pageToken = page.nextPageToken;
    } while (pageToken !== null);
    return records;
  }
}

/** The service's refusals: input it will not take (400, 404, 422), a key reused (409), or it failing (the rest). */
function failure(reply: HttpReply, what: string): AdapterError {
  const parsed = errorEnvelope.safeParse(tryJson(reply.body));
  const detail = parsed.success ? `: ${parsed.data.error.message}` : "";
  const message = parsed.success && reply.status < 500 ? parsed.data.error.message : `${what} answered HTTP ${reply.status}${detail}`;
  if (reply.status === 409) return new AdapterError("CONFLICT", "billing", message);
  if (reply.status === 400 || reply.status === 404 || reply.status === 422) return new AdapterError("BAD_USER_INPUT", "billing", message);
  return new AdapterError("SOURCE_UNAVAILABLE", "billing", message);
}
