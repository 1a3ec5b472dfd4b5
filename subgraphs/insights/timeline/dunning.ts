import { z } from "zod";
import { startOfCarrierDay, words, type TouchFact } from "../../kit/touches.js";

/** The one part of billing's facts the time line reads: its own dunning record (DUNNING), checked where it comes in. */
export const dunningFactsSchema = z.object({
  dunning: z.array(
    z.object({
      accountNo: z.string().min(1),
      month: z.string().regex(/^\d{4}-\d{2}$/),
      method: z.string().min(1),
      attempt: z.number().int().min(1),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      result: z.string().min(1),
    }),
  ),
});

/**
 * Billing's dunning actions as touches. Billing keeps one record per account, cycle and attempt, dated by the day;
 * that triple is the record's id here, "88…/2026-10/2".
 */
export function dunningTouches(facts: z.output<typeof dunningFactsSchema>): TouchFact[] {
  return facts.dunning.map((d) => ({
    id: `${d.accountNo}/${d.month}/${d.attempt}`,
    kind: "DUNNING",
    at: startOfCarrierDay(d.date),
    summary: `Dunning for ${d.month}, attempt ${d.attempt} (${words(d.method)}): ${words(d.result)}`,
  }));
}
