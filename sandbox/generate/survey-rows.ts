import { isoDate } from "./dates.js";
import type { CustomerPlan, World } from "./plan.js";
import { Rng } from "./rng.js";
import type { RowSink } from "./sink.js";

/**
 * The call centre's regular satisfaction surveys (定期调查) of the last two years, recorded in the hall on
 * the hundred-point scale (tb_survey scale 2): each quarter a sample of the customers holding a line, key
 * accounts far more often. How a customer feels wanders a little from quarter to quarter around their mood.
 * Drawn from a stream of their own: adding them changed no other row.
 */

/** Added to the seed for the surveys' streams. */
const SURVEY_STREAM = 0x73757276;
const QUARTERS = 8;
const QUARTER_DAYS = 91;
/** Numbered above the hall's older surveys (index × 4 + n) and below AddSurvey's sequence (900000000000). */
const SURVEY_ID_BASE = 100_000_000_000;
/** Chance of being surveyed in a quarter, by hall customer type. */
const SAMPLED: Record<CustomerPlan["kind"], number> = { "01": 0.05, "02": 0.1, "03": 0.45, "04": 0.45 };

export function emitRegularSurveys(world: World, plan: CustomerPlan, sink: RowSink, schema: string): void {
  const rng = new Rng(world.seed + SURVEY_STREAM, plan.index);
  let mood = plan.mood;
  // Oldest quarter first, so the mood's wander runs forward in time.
  for (let q = QUARTERS - 1; q >= 0; q--) {
    mood = Math.min(1, Math.max(0, mood + (rng.float() - 0.5) * 0.16));
    const first = Math.max(plan.createdDay, world.asOfDay - (q + 1) * QUARTER_DAYS);
    const last = world.asOfDay - q * QUARTER_DAYS - 1;
    if (!rng.chance(SAMPLED[plan.kind]) || first > last) continue;
    const day = rng.int(first, last);
    const holds = plan.services.some((s) => s.startDay <= day && (s.removedDay === null || s.removedDay > day));
    if (!holds) continue;
    const base = 20 + mood * 80;
    const answers = Array.from({ length: 9 }, () => Math.min(100, Math.max(0, Math.round(base + (rng.float() - 0.5) * 30))));
    const otherCarrier = rng.chance(0.02 + (1 - mood) * 0.25) ? "Y" : "N";
    sink.row(schema, "tb_survey", [SURVEY_ID_BASE + plan.index * QUARTERS + q, plan.custNo, isoDate(day), ...answers, otherCarrier, "2", null]);
  }
}
