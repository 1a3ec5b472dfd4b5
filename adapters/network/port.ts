import type { OrMalformed } from "../errors.js";
import type { SourceHealth } from "../health.js";
import type { Written } from "../kit/idempotency.js";

/**
 * What the graph needs from network management (网管), in clean terms keyed by the canonical service
 * number (billing SERV.ACC_NBR == hall serv_no). Timestamps are ISO 8601 in the carrier's zone with its
 * offset ("2026-11-15T02:00:00.000+08:00"), so the date they spell is the carrier's date, the day the
 * judgements count them on; GraphQL's DateTime still answers them in UTC, the same instant.
 */

/** The canonical id check, so subgraphs validate arguments against the port, not the adapters' kit. */
export { SERVICE_NO } from "../kit/canonical-ids.js";
/** The check of a write's idempotency key, and what a keyed write answers. */
export { IDEMPOTENCY_KEY, type Written } from "../kit/idempotency.js";

export type LineState = "UP" | "DOWN" | "DEGRADED" | "OUT_OF_SERVICE";

export interface LineStatus {
  serviceNo: string;
  status: LineState;
  /** The exchange (局向) the line is terminated on: JF + the local network it serves + a sequence. */
  exchange: string;
  port: string;
  lastChangedAt: string;
}

export type AlarmSeverity = "CRITICAL" | "MAJOR" | "MINOR";

export interface Alarm {
  id: string;
  serviceNo: string;
  /** Equipment alarm code as the network reports it, e.g. LOS, PORT_DOWN. */
  code: string;
  severity: AlarmSeverity;
  raisedAt: string;
  clearedAt: string | null;
}

export const FAULT_TYPES = ["NO_DIAL_TONE", "NOISE", "SLOW_SPEED", "LINK_DOWN", "NO_SIGNAL", "PACKET_LOSS"] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

export type TicketState = "OPEN" | "DISPATCHED" | "REPAIRED" | "CLOSED";

export interface TroubleTicket {
  ticketNo: string;
  serviceNo: string;
  faultType: FaultType;
  description: string;
  state: TicketState;
  openedAt: string;
  closedAt: string | null;
}

export interface AlarmQuery {
  /** Only alarms not yet cleared. */
  activeOnly: boolean;
}

export interface TicketQuery {
  /** Only tickets not yet closed (open, dispatched or repaired awaiting confirmation). */
  openOnly: boolean;
}

export interface OpenTroubleTicket {
  serviceNo: string;
  faultType: FaultType;
  /** What the customer reported, 1–400 characters. */
  description: string;
  /** Same key, same ticket: a retried request never opens a second one. */
  idempotencyKey: string;
}

/**
 * Batch reads cost one round trip per call (per chunk, for very large batches: see the adapter).
 * Unknown service numbers are absent from line maps and have empty lists in alarm/ticket maps.
 * A service number in no canonical format fails with BAD_USER_INPUT before anything is sent. A record
 * that cannot be read is its number's MALFORMED_RECORD error, the others are served (`OrMalformed`, ../errors.ts).
 */
export interface NetworkPort {
  getLineStatuses(serviceNos: readonly string[]): Promise<Map<string, OrMalformed<LineStatus>>>;
  getAlarms(serviceNos: readonly string[], query: AlarmQuery): Promise<Map<string, OrMalformed<Alarm[]>>>;
  getTroubleTickets(serviceNos: readonly string[], query: TicketQuery): Promise<Map<string, OrMalformed<TroubleTicket[]>>>;
  /** Opens a ticket for a known line; a replay with the same key returns the first ticket. */
  openTroubleTicket(request: OpenTroubleTicket): Promise<Written<TroubleTicket>>;
  /**
   * What the computed judgements need about each line, in one round trip (per chunk): its state, its
   * trouble tickets of any age and how many alarms are active. Every asked number gets an entry;
   * a number network management does not know has status null and nothing else.
   */
  getServiceFacts(serviceNos: readonly string[]): Promise<Map<string, OrMalformed<ServiceNetworkFacts>>>;
  /** The system's circuit breaker state, for /readyz; costs no round trip. */
  health(): SourceHealth;
  close(): Promise<void>;
}

export interface ServiceNetworkFacts {
  serviceNo: string;
  status: LineState | null;
  tickets: { openedAt: string; closedAt: string | null; state: TicketState }[];
  activeAlarms: number;
}

/** A customer's lines as the judgements read them (insights subgraph), assembled from ServiceNetworkFacts. */
export interface NetworkFacts {
  lines: { serviceNo: string; status: LineState }[];
  /** Trouble tickets of the customer's lines, any age. */
  tickets: { serviceNo: string; openedAt: string; closedAt: string | null; state: TicketState }[];
  activeAlarms: number;
}


/** The local network (4 digits) an exchange serves, or null when its code does not say. */
export function localNetworkOfExchange(exchange: string): string | null {
  return /^JF(\d{4})\d+$/.exec(exchange)?.[1] ?? null;
}
