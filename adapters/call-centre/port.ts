import type { OrMalformed } from "../errors.js";
import type { SourceHealth } from "../health.js";
import { CUSTOMER_ID, SERVICE_NO } from "../kit/canonical-ids.js";

/**
 * What the graph needs from the call centre (呼叫中心, the 10000 hotline), in clean terms: calls keyed by whom
 * they belong to, with canonical customer ids and service numbers, codes as words and times as ISO 8601 in the
 * carrier's zone ("2026-11-02T09:30:15+08:00"), the centre's own local times.
 */

export { CUSTOMER_ID, SERVICE_NO };

/** The call centre's call serial (CALL_SEQ): up to 18 digits. */
export const CALL_ID = /^\d{1,18}$/;

export const CALL_TYPES = ["INQUIRY", "COMPLAINT", "FAULT_REPORT", "BILLING_QUESTION", "CANCELLATION_INTENT"] as const;
export type CallType = (typeof CALL_TYPES)[number];

export const CALL_OUTCOMES = ["RESOLVED", "TRANSFERRED", "CALLBACK"] as const;
/** RESOLVED on the call; TRANSFERRED to another department (a fault to network management); CALLBACK owed to the customer. */
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export interface Call {
  /** The centre's call serial (call_seq). */
  callId: string;
  /** The number the call came from, as a canonical service number (fixed line or mobile); personal data. */
  callingNumber: string;
  /** The customer the agent identified the caller as; null when the agent did not. */
  customerId: string | null;
  type: CallType;
  outcome: CallOutcome;
  startedAt: string;
  durationSeconds: number;
  /** The agent's staff number (坐席工号). */
  agentId: string;
}

/**
 * Whom a call belongs to, as a key of the batch read: a customer (`customer:<id>`: the calls the agent
 * identified as theirs, whatever number they came from) or a line (`line:<service number>`: the calls from that
 * number no agent identified). A customer's calls are those of the customer and of each line they hold; a call
 * identified as one customer never shows on another's line.
 */
export type CallParty = `customer:${string}` | `line:${string}`;

export function customerParty(customerId: string): CallParty {
  return `customer:${customerId}`;
}

export function lineParty(serviceNo: string): CallParty {
  return `line:${serviceNo}`;
}

/** The customer id or service number a well-formed party names, or null when it is none. */
export function readParty(party: string): { customerId: string } | { serviceNo: string } | null {
  if (party.startsWith("customer:")) {
    const customerId = party.slice("customer:".length);
    return CUSTOMER_ID.test(customerId) ? { customerId } : null;
  }
  if (party.startsWith("line:")) {
    const serviceNo = party.slice("line:".length);
    return SERVICE_NO.test(serviceNo) ? { serviceNo } : null;
  }
  return null;
}

/**
 * The batch read costs one round trip per call (per chunk, for very large batches), whatever mix of customers
 * and lines it names. Every asked party gets its list, newest call first, empty when there is none (a broadband or
 * leased line never calls). A party in no well-formed shape fails with BAD_USER_INPUT before anything is sent. A
 * record that cannot be read is its party's MALFORMED_RECORD error; the other parties are served.
 */
export interface CallCentrePort {
  getCallsByParty(parties: readonly string[]): Promise<Map<string, OrMalformed<Call[]>>>;
  /** Calls by the centre's serial, in one round trip (per chunk); unknown serials are absent, and a serial in no shape is BAD_USER_INPUT. */
  getCalls(callIds: readonly string[]): Promise<Map<string, OrMalformed<Call>>>;
  /** The system's circuit breaker state, for /readyz; costs no round trip. */
  health(): SourceHealth;
  close(): Promise<void>;
}
