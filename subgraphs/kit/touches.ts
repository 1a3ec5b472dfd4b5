import { z } from "zod";

/**
 * What record a touch is: the business hall's complaints, surveys and work orders (installation, removal, move,
 * transfer), a call to the hotline, a trouble ticket, a dunning action, an account manager's visit.
 */
export const TOUCH_KINDS = ["COMPLAINT", "SURVEY", "WORK_ORDER", "CALL", "TROUBLE_TICKET", "DUNNING", "VISIT"] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

/**
 * One contact with a customer, as the subgraph over the system that recorded it hands it to the contact time
 * line (insights) through @requires: the record's own id, its kind, when it happened (ISO 8601 in the carrier's zone,
 * "2026-11-02T09:30:15+08:00"; a record kept by the day is at the start of its day), and a short summary in our
 * words, made of the record's codes, never its free text nor a phone number.
 */
export interface TouchFact {
  id: string;
  kind: TouchKind;
  at: string;
  summary: string;
}

/** A customer's touches in one system, any order: what each `…Touches` facts field answers. */
export interface TouchFacts {
  touches: TouchFact[];
}

const CARRIER_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?\+08:00$/;

export const touchFactsSchema = z.object({
  touches: z.array(
    z.object({
      id: z.string().min(1),
      kind: z.enum(TOUCH_KINDS),
      at: z.string().regex(CARRIER_INSTANT, "must be ISO 8601 with the carrier's offset +08:00").refine((at) => !Number.isNaN(Date.parse(at)), "is no instant"),
      summary: z.string().min(1),
    }),
  ),
}) satisfies z.ZodType<TouchFacts>;

/** A record kept by the day (a survey, a visit, a dunning notice) as an instant: the start of that day in the carrier's zone. */
export function startOfCarrierDay(date: string): string {
  return `${date}T00:00:00+08:00`;
}

/** "FAULT_REPORT" → "fault report": codes read as words in a summary. */
export function words(code: string): string {
  return code.toLowerCase().replaceAll("_", " ");
}
