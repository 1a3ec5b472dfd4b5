import type { SourceHealth } from "../health.js";
import { AdapterError, isAdapterError } from "../kit/errors.js";
import { checkedDistinct } from "../kit/check-ids.js";
import { byKey, groupBy, type Found } from "../kit/group.js";
import { HttpSource, type HttpReply } from "../kit/http.js";
import { parseRecord, readWhole, type OrMalformed } from "../kit/parse.js";
import type { SystemPolicyConfig } from "../kit/policies/config.js";
import type { RoundTripCounter } from "../kit/round-trips.js";
import { callCentreSpellings, fromCallCentreNumber } from "./numbers.js";
import { CALL_ID, customerParty, lineParty, readParty, type Call, type CallCentrePort } from "./port.js";
import { callRecord, EXPORT_COLUMNS, fieldsOf, recordName } from "./records.js";

/** The centre refuses an export naming more numbers and customer codes together than this. */
export const CALL_CENTRE_MAX_KEYS = 400;
const EXPORT_PATH = "/cc/export";
const FORMAT_LINE = /^CCEXP\|1\.\d+\|\d{14}$/;
const HEADER = EXPORT_COLUMNS.join("|");

export interface CallCentreExportAdapterOptions {
  baseUrl: string;
  counter: RoundTripCounter;
  /** The call centre's policies (config/resilience.json); the shipped ones when absent. */
  resilience?: SystemPolicyConfig;
  /** Overrides the policies' per-attempt budget. */
  timeoutMs?: number;
  /** Numbers and customer codes per export; must not exceed the centre's cap. */
  maxKeys?: number;
}

/** What one export asks for: the calling numbers as the centre spells them, customer codes and call serials. */
interface ExportRequest {
  nbr: string[];
  cust: string[];
  seq: string[];
}

const size = (r: ExportRequest) => r.nbr.length + r.cust.length + r.seq.length;

/**
 * The call centre over its line-oriented export (`GET /cc/export`, `|`-separated lines). A batch read is one
 * export naming every asked customer and every spelling of every asked line (or every asked serial); past the centre's cap the keys are
 * split, so n parties cost ceil(keys / maxKeys) round trips, sent concurrently.
 */
export class CallCentreExportAdapter implements CallCentrePort {
  private readonly http: HttpSource;
  private readonly maxKeys: number;

  constructor(options: CallCentreExportAdapterOptions) {
    this.http = new HttpSource({ system: "call-centre", baseUrl: options.baseUrl, counter: options.counter, resilience: options.resilience, timeoutMs: options.timeoutMs });
    this.maxKeys = options.maxKeys ?? CALL_CENTRE_MAX_KEYS;
    if (!Number.isInteger(this.maxKeys) || this.maxKeys < 2 || this.maxKeys > CALL_CENTRE_MAX_KEYS) {
      throw new Error(`maxKeys must be an integer from 2 to ${CALL_CENTRE_MAX_KEYS}`);
    }
  }

  async getCallsByParty(parties: readonly string[]): Promise<Map<string, OrMalformed<Call[]>>> {
    const asked = new Set<string>();
    const keys: ExportRequest[] = [];
    for (const party of parties) {
      const read = typeof party === "string" ? readParty(party) : null;
      if (read === null) throw new AdapterError("BAD_USER_INPUT", "call-centre", `${String(JSON.stringify(party)).slice(0, 40)} is not a customer:<customer id> nor a line:<service number>`);
      if (asked.has(party)) continue;
      asked.add(party);
      keys.push("customerId" in read ? { nbr: [], cust: [read.customerId], seq: [] } : { nbr: callCentreSpellings(read.serviceNo), cust: [], seq: [] });
    }
    const lines = await this.exportAll(keys);
    const calls = groupBy(asked, lines.flatMap((line) => byParty(line, asked)));
    for (const list of calls.values()) if (!isAdapterError(list)) list.sort(newestFirst);
    return calls;
  }

  async getCalls(callIds: readonly string[]): Promise<Map<string, OrMalformed<Call>>> {
    const asked = checkedDistinct(callIds, CALL_ID, "a call serial (up to 18 digits)", "call-centre");
    const lines = await this.exportAll(asked.map((id) => ({ nbr: [], cust: [], seq: [id] })));
    return byKey(asked, lines.map((line): Found<string, Call> => {
      const fields = fieldsOf(line);
      return [fields.CALL_SEQ, readWhole(() => parseRecord(callRecord, fields, "call-centre", recordName(fields)))];
    }));
  }

  health(): SourceHealth {
    return this.http.health();
  }

  async close(): Promise<void> {}

  /** The call lines of exports asking for all these keys, as few as the centre's cap allows, sent concurrently. */
  private async exportAll(keys: readonly ExportRequest[]): Promise<string[]> {
    const requests: ExportRequest[] = [];
    let current: ExportRequest = { nbr: [], cust: [], seq: [] };
    for (const key of keys) {
      if (size(current) + size(key) > this.maxKeys) {
        requests.push(current);
        current = { nbr: [], cust: [], seq: [] };
      }
      current.nbr.push(...key.nbr);
      current.cust.push(...key.cust);
      current.seq.push(...key.seq);
    }
    requests.push(current);
    const exports = await Promise.all(requests.filter((r) => size(r) > 0).map((r) => this.export(r)));
    return exports.flat();
  }

  /** One export's call lines, read inside the attempt so that a cut-off export is retried like a 503. */
  private async export(request: ExportRequest): Promise<string[]> {
    const query = new URLSearchParams({ nbr: request.nbr.join(","), cust: request.cust.join(","), seq: request.seq.join(",") });
    return this.http.exchange(`${EXPORT_PATH}?${query}`, {}, callLines);
  }
}

/**
 * The call lines of a whole export. Anything but 200 is the centre failing (a 400 is our own request's fault:
 * it was checked before sending). A reply whose first two lines are not the format and header we know is an
 * export we cannot read; one without its trailer, or whose trailer counts other lines, was cut off on the way.
 */
function callLines(reply: HttpReply): string[] {
  const what = `GET ${EXPORT_PATH}`;
  if (reply.status === 400) throw new AdapterError("INTERNAL", "call-centre", `${what} refused our request: ${reply.body.slice(0, 200)}`);
  if (reply.status !== 200) throw new AdapterError("SOURCE_UNAVAILABLE", "call-centre", `${what} answered HTTP ${reply.status}: ${reply.body.slice(0, 200)}`);
  const lines = reply.body.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  if (!FORMAT_LINE.test(lines[0] ?? "") || lines[1] !== HEADER) {
    throw new AdapterError("MALFORMED_RECORD", "call-centre", `${what} reply is not a call export we know (${JSON.stringify((lines[0] ?? "").slice(0, 40))})`, `${what} reply`);
  }
  const trailer = /^END\|(\d+)$/.exec(lines.at(-1) ?? "");
  const body = lines.slice(2, -1);
  if (lines.length < 3 || !trailer || Number(trailer[1]) !== body.length) {
    throw new AdapterError("SOURCE_UNAVAILABLE", "call-centre", `${what} reply was cut off: ${body.length} lines and trailer ${JSON.stringify(lines.at(-1)?.slice(0, 20))}`);
  }
  return body;
}

/**
 * Whom one export line belongs to, and what it reads as. A call the agent identified belongs to that customer
 * alone: it is left out when only its calling line was asked for. A line that cannot be read belongs to the
 * customer it names, or else to the line it came from; when it names neither well enough, the whole batch fails
 * (groupBy), since whose answer it spoils cannot be told.
 */
function byParty(line: string, asked: ReadonlySet<string>): Found<string, Call>[] {
  const fields = fieldsOf(line);
  const name = recordName(fields);
  const call = readWhole(() => parseRecord(callRecord, fields, "call-centre", name));
  if (!isAdapterError(call)) {
    const party = call.customerId === null ? lineParty(call.callingNumber) : customerParty(call.customerId);
    return asked.has(party) ? [[party, call]] : [];
  }
  const custCode = fields.CUST_CODE ?? "";
  if (/^\d{12}$/.test(custCode)) return asked.has(customerParty(custCode)) ? [[customerParty(custCode), call]] : [];
  const serviceNo = fromCallCentreNumber(fields.CALLER_NO ?? "");
  if (custCode === "" && serviceNo !== null && asked.has(lineParty(serviceNo))) return [[lineParty(serviceNo), call]];
  return [[undefined, call]];
}

function newestFirst(a: Call, b: Call): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  return b.callId.length - a.callId.length || (a.callId < b.callId ? 1 : a.callId > b.callId ? -1 : 0);
}
