import type { z } from "zod";
import type { SourceHealth } from "../health.js";
import { SERVICE_NO } from "../kit/canonical-ids.js";
import { checkedDistinct } from "../kit/check-ids.js";
import { AdapterError, isAdapterError } from "../kit/errors.js";
import { byKey, groupBy, type Found } from "../kit/group.js";
import { HttpSource, replyJson, tryJson, type HttpReply } from "../kit/http.js";
import { checkIdempotencyKey, type Written } from "../kit/idempotency.js";
import { orThrow, parseRecord, rawField, readWhole, type OrMalformed } from "../kit/parse.js";
import type { SystemPolicyConfig } from "../kit/policies/config.js";
import type { RoundTripCounter } from "../kit/round-trips.js";
import { toNetworkAccessNumber } from "./access-number.js";
import {
  FAULT_TYPES,
  type Alarm,
  type AlarmQuery,
  type LineStatus,
  type NetworkPort,
  type OpenTroubleTicket,
  type ServiceNetworkFacts,
  type TicketQuery,
  type TroubleTicket,
} from "./port.js";
import {
  alarmRecord,
  errorEnvelope,
  lineRecord,
  listEnvelope,
  okEnvelope,
  recordName,
  serviceFactsRecord,
  ticketFactRecord,
  ticketRecord,
} from "./records.js";

/** The network management service refuses reads naming more access numbers than this. */
export const NETWORK_MAX_BATCH = 500;

export interface NetworkRestAdapterOptions {
  baseUrl: string;
  counter: RoundTripCounter;
  /** Network management's policies (config/resilience.json); the shipped ones when absent. */
  resilience?: SystemPolicyConfig;
  /** Overrides the policies' per-attempt budget. */
  timeoutMs?: number;
  /** Access numbers per request; must not exceed the service's cap. */
  maxBatch?: number;
}

/**
 * Network management over its REST/JSON service. A batch read is one GET for up to maxBatch distinct ids;
 * beyond the service's cap the ids are split, so n ids cost ceil(n / maxBatch) round trips, sent concurrently.
 */
export class NetworkRestAdapter implements NetworkPort {
  private readonly http: HttpSource;
  private readonly maxBatch: number;

  constructor(options: NetworkRestAdapterOptions) {
    this.http = new HttpSource({
      system: "network",
      baseUrl: options.baseUrl,
      counter: options.counter,
      resilience: options.resilience,
      timeoutMs: options.timeoutMs,
    });
    this.maxBatch = options.maxBatch ?? NETWORK_MAX_BATCH;
    if (!Number.isInteger(this.maxBatch) || this.maxBatch < 1 || this.maxBatch > NETWORK_MAX_BATCH) {
      throw new Error(`maxBatch must be an integer from 1 to ${NETWORK_MAX_BATCH}`);
    }
  }

  async getLineStatuses(serviceNos: readonly string[]): Promise<Map<string, OrMalformed<LineStatus>>> {
    const asked = accessNumbers(serviceNos);
    return byKey(asked.values(), await this.readAll("/nms/v1/lines", asked, {}, lineRecord, "line"));
  }

  async getAlarms(serviceNos: readonly string[], query: AlarmQuery): Promise<Map<string, OrMalformed<Alarm[]>>> {
    const asked = accessNumbers(serviceNos);
    return groupBy(asked.values(), await this.readAll("/nms/v1/alarms", asked, { active: String(query.activeOnly) }, alarmRecord, "alarm"));
  }

  async getTroubleTickets(serviceNos: readonly string[], query: TicketQuery): Promise<Map<string, OrMalformed<TroubleTicket[]>>> {
    const asked = accessNumbers(serviceNos);
    const state = query.openOnly ? "open" : "all";
    return groupBy(asked.values(), await this.readAll("/nms/v1/tickets", asked, { state }, ticketRecord, "ticket"));
  }

  async getServiceFacts(serviceNos: readonly string[]): Promise<Map<string, OrMalformed<ServiceNetworkFacts>>> {
    const asked = accessNumbers(serviceNos);
    const known = byKey(asked.values(), await this.readAll("/nms/v1/service-facts", asked, {}, serviceFactsRecord, "line"));
    const facts = new Map<string, OrMalformed<ServiceNetworkFacts>>();
    for (const serviceNo of asked.values()) {
      const line = known.get(serviceNo);
      facts.set(serviceNo, line === undefined ? { serviceNo, status: null, tickets: [], activeAlarms: 0 } : readWhole(() => lineFacts(orThrow(line))));
    }
    return facts;
  }

  async openTroubleTicket(request: OpenTroubleTicket): Promise<Written<TroubleTicket>> {
    const [accNum] = accessNumbers([request.serviceNo]).keys();
    if (!(FAULT_TYPES as readonly string[]).includes(request.faultType)) {
      throw new AdapterError("BAD_USER_INPUT", "network", `unknown fault type ${JSON.stringify(request.faultType)}`);
    }
    if (request.description.trim().length === 0 || request.description.length > 400) {
      throw new AdapterError("BAD_USER_INPUT", "network", "description must be 1-400 characters and not blank");
    }
    const key = checkIdempotencyKey(request.idempotencyKey, "network");
    const reply = await this.http.request(
      "/nms/v1/tickets",
      {
        method: "POST",
        headers: { "content-type": "application/json", "x-ext-ref": key },
        body: JSON.stringify({ accNum, faultType: request.faultType, desc: request.description }),
      },
      // Keyed by X-Ext-Ref (a unique index at the source): a retry answers with the first ticket.
      { write: true, idempotent: true },
    );
    if (reply.status === 404) {
      throw new AdapterError("BAD_USER_INPUT", "network", `network management has no line ${request.serviceNo}`);
    }
    if (reply.status !== 200 && reply.status !== 201) throw failure(reply, "POST /nms/v1/tickets");
    const envelope = parseRecord(okEnvelope, replyJson(reply, "network", "POST /nms/v1/tickets"), "network", "POST /nms/v1/tickets reply");
    const ticket = parseRecord(ticketRecord, envelope.data, "network", recordName("ticket", envelope.data));
    if (ticket.serviceNo !== request.serviceNo) {
      throw new AdapterError("MALFORMED_RECORD", "network", `ticket ${ticket.ticketNo} is for another line`, `ticket ${ticket.ticketNo}`);
    }
    // The service answers 201 for a ticket it opened and 200 for one it had opened under the key before.
    return { record: ticket, replayed: reply.status === 200 };
  }

  health(): SourceHealth {
    return this.http.health();
  }

  async close(): Promise<void> {}

  private async readAll<T extends { serviceNo: string }>(
    path: string,
    asked: ReadonlyMap<string, string>,
    params: Record<string, string>,
    schema: z.ZodType<T>,
    kind: "line" | "alarm" | "ticket",
  ): Promise<Found<string, T>[]> {
    const accNums = [...asked.keys()];
    const wanted = new Set(asked.values());
    const chunks: string[][] = [];
    for (let i = 0; i < accNums.length; i += this.maxBatch) chunks.push(accNums.slice(i, i + this.maxBatch));
    const what = `GET ${path}`;
    const pages = await Promise.all(
      chunks.map(async (chunk) => {
        const query = new URLSearchParams({ accNums: chunk.join(","), ...params });
        // Read inside the attempt, so that a 500 is retried and counted by the breaker like a 503.
        const reply = await this.http.exchange(`${path}?${query}`, {}, (answer) => {
          if (answer.status !== 200) throw failure(answer, what);
          return answer;
        });
        const envelope = parseRecord(listEnvelope, replyJson(reply, "network", what), "network", `${what} reply`);
        return envelope.data.map((raw): Found<string, T> => {
          const name = recordName(kind, raw);
          const record = readWhole(() => parseRecord(schema, raw, "network", name));
          // A record that cannot be read belongs to the number it names, when that is one we asked for.
          if (isAdapterError(record)) return [asked.get(rawField(raw, "accNum") ?? ""), record];
          if (wanted.has(record.serviceNo)) return [record.serviceNo, record];
          return [undefined, new AdapterError("MALFORMED_RECORD", "network", `${name} was not asked for`, name)];
        });
      }),
    );
    return pages.flat();
  }
}

/** One known line's facts; a ticket that cannot be read makes them that ticket's error, as they would miss a fault. */
function lineFacts(line: z.output<typeof serviceFactsRecord>): ServiceNetworkFacts {
  const tickets = line.tickets.map((raw) => parseRecord(ticketFactRecord, raw, "network", recordName("ticket", raw)));
  return { serviceNo: line.serviceNo, status: line.status, tickets, activeAlarms: line.activeAlarms };
}

/** Network spelling → canonical number for each distinct requested id; one bad id rejects the whole batch. */
function accessNumbers(serviceNos: readonly string[]): Map<string, string> {
  const checked = checkedDistinct(serviceNos, SERVICE_NO, "a service number", "network");
  // Every canonical service number has a network spelling, so none is null here.
  return new Map(checked.map((serviceNo) => [toNetworkAccessNumber(serviceNo) as string, serviceNo]));
}

/** Other statuses: input the service refused, a key reused for another ticket, or the service failing. */
function failure(reply: HttpReply, what: string): AdapterError {
  const parsed = errorEnvelope.safeParse(tryJson(reply.body));
  const detail = parsed.success ? ` errcode ${parsed.data.errcode}: ${parsed.data.errmsg}` : "";
  const message = `${what} answered HTTP ${reply.status}${detail}`;
  if (reply.status === 409) return new AdapterError("CONFLICT", "network", message);
  if (reply.status === 400) return new AdapterError("BAD_USER_INPUT", "network", message);
  return new AdapterError("SOURCE_UNAVAILABLE", "network", message);
}
