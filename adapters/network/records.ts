import { z } from "zod";
import { rawField } from "../kit/parse.js";
import { carrierDateTime, code, LAST_CARRIER_INSTANT, readAs } from "../kit/values.js";
import { fromNetworkAccessNumber } from "./access-number.js";
import {
  FAULT_TYPES,
  type Alarm,
  type AlarmSeverity,
  type LineState,
  type LineStatus,
  type ServiceNetworkFacts,
  type TicketState,
  type TroubleTicket,
} from "./port.js";

/**
 * Codes as network management stores them (sandbox/schema/network.ts); anything else is a malformed record.
 * Its JSON sends them as numbers, so a code sent as text is malformed too.
 */
const LINE_STATES: Readonly<Record<string, LineState>> = { 1: "UP", 2: "DOWN", 3: "DEGRADED", 9: "OUT_OF_SERVICE" };
const SEVERITIES: Readonly<Record<string, AlarmSeverity>> = { 1: "CRITICAL", 2: "MAJOR", 3: "MINOR" };
const TICKET_STATES: Readonly<Record<string, TicketState>> = { 10: "OPEN", 20: "DISPATCHED", 30: "REPAIRED", 40: "CLOSED" };

const serviceNo = readAs(fromNetworkAccessNumber, "a network access number");

/**
 * Epoch milliseconds as ISO 8601 in the carrier's zone (UTC+8, "…+08:00"), so that the date written in a
 * timestamp is the carrier's date, the one the judgements count days on. A time past the end of year 9999
 * there has no four-digit year to be written with: a broken record, refused here rather than by GraphQL.
 */
const instant = z
  .number()
  .int()
  .min(0)
  .transform((ms, ctx) => {
    const text = carrierDateTime(ms);
    if (text === null) {
      ctx.addIssue({ code: "custom", message: `${ms} is later than the last instant of year 9999 in UTC+8 (${LAST_CARRIER_INSTANT})` });
      return z.NEVER;
    }
    return text;
  });

/**
 * Network management never ends an alarm or ticket before it began; one that does is a broken record,
 * and durations computed from it (time to repair) would come out negative. Compared as instants, so that
 * the check does not depend on how the text writes them.
 */
function endNotBeforeStart<K extends string>(start: K, end: K, message: string) {
  return (record: Record<K, string | null>, ctx: z.RefinementCtx): void => {
    const [from, to] = [record[start], record[end]];
    if (from !== null && to !== null && Date.parse(to) < Date.parse(from)) ctx.addIssue({ code: "custom", path: [end], message });
  };
}

const lineFields = z.object({
  accNum: serviceNo,
  lineState: code(LINE_STATES, { what: "line state", numbersOnly: true }),
  exchange: z.string().min(1),
  port: z.string().min(1),
  lastChange: instant,
});

export const lineRecord = lineFields.transform(
  (r): LineStatus => ({ serviceNo: r.accNum, status: r.lineState, exchange: r.exchange, port: r.port, lastChangedAt: r.lastChange }),
);

export const alarmRecord = z
  .object({
    alarmId: z.string().regex(/^\d+$/),
    accNum: serviceNo,
    alarmCode: z.string().min(1),
    severity: code(SEVERITIES, { what: "severity", numbersOnly: true }),
    raisedAt: instant,
    clearedAt: instant.nullable(),
  })
  .superRefine(endNotBeforeStart("raisedAt", "clearedAt", "cleared before it was raised"))
  .transform(
    (r): Alarm => ({
      id: r.alarmId,
      serviceNo: r.accNum,
      code: r.alarmCode,
      severity: r.severity,
      raisedAt: r.raisedAt,
      clearedAt: r.clearedAt,
    }),
  );

const ticketFields = z.object({
  ticketNo: z.string().min(1),
  accNum: serviceNo,
  faultType: z.enum(FAULT_TYPES),
  desc: z.string(),
  state: code(TICKET_STATES, { what: "ticket state", numbersOnly: true }),
  openedAt: instant,
  closedAt: instant.nullable(),
});

const ticketTimes = endNotBeforeStart("openedAt", "closedAt", "closed before it was opened");

export const ticketRecord = ticketFields
  .superRefine(ticketTimes)
  .transform(
    (r): TroubleTicket => ({
      ticketNo: r.ticketNo,
      serviceNo: r.accNum,
      faultType: r.faultType,
      description: r.desc,
      state: r.state,
      openedAt: r.openedAt,
      closedAt: r.closedAt,
    }),
  );

/**
 * One line's facts. Its tickets stay raw here so that each is parsed, and named in errors, as a ticket
 * of its own (ticketFactRecord).
 */
export const serviceFactsRecord = lineFields
  .pick({ accNum: true, lineState: true })
  .extend({ tickets: z.array(z.unknown()), activeAlarms: z.number().int().min(0) })
  .transform((r) => ({ serviceNo: r.accNum, status: r.lineState, tickets: r.tickets, activeAlarms: r.activeAlarms }));

export const ticketFactRecord = ticketFields
  .pick({ ticketNo: true, state: true, openedAt: true, closedAt: true })
  .superRefine(ticketTimes)
  .transform((r): ServiceNetworkFacts["tickets"][number] => ({ openedAt: r.openedAt, closedAt: r.closedAt, state: r.state }));

/** Every answer comes in the legacy envelope; errcode 0 means success. */
export const okEnvelope = z.object({ errcode: z.literal(0), data: z.unknown() });
export const listEnvelope = z.object({ errcode: z.literal(0), data: z.array(z.unknown()) });
export const errorEnvelope = z.object({ errcode: z.number(), errmsg: z.string() });

/** How a record is named in errors: by the network's own key, even when the record is broken. */
export function recordName(kind: "line" | "alarm" | "ticket", raw: unknown): string {
  const key = { line: "accNum", alarm: "alarmId", ticket: "ticketNo" }[kind];
  return `${kind} ${rawField(raw, key) ?? `(no ${key})`}`;
}
