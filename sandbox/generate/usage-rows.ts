import { cycleId } from "./dates.js";
import type { ServicePlan, World } from "./plan.js";
import { Rng } from "./rng.js";
import type { RowSink } from "./sink.js";

/** Added to the seed for the usage streams, one per service and cycle: the customer's main stream never moves. */
const USAGE_STREAM = 0x75736167;

/**
 * Rating's monthly usage summary (SERV_USAGE_MONTH) behind one usage item on a bill: the item's amount is the fee
 * of the call classes it covers (LC local, LD long distance and sometimes international, DT data, VA value-added),
 * so bill, summary and the detail records made from it (the CDR view) agree to the fen. A mobile's calls are in its
 * package: with its data item comes a local-calls row of fee 0. Called once per usage item; other items are ignored.
 */
export function emitUsage(world: World, service: ServicePlan, month: number, itemType: string, amountFen: number, sink: RowSink, schema: string): void {
  if (!["LC", "LD", "DT", "VA"].includes(itemType)) return;
  const rng = new Rng(world.seed + USAGE_STREAM + month * 7 + ["LC", "LD", "DT", "VA"].indexOf(itemType), service.servId);
  const cycle = cycleId(month);
  const row = (callClass: string, records: number, outShare: number, seconds: number, volumeKb: number, fee: number) => {
    const out = fee > 0 ? Math.max(1, Math.round(records * outShare)) : Math.round(records * outShare);
    const peak = Math.round(records * (0.5 + rng.float() * 0.3));
    sink.row(schema, "SERV_USAGE_MONTH", [service.servId, cycle, callClass, records, out, peak, Math.round(records * seconds), volumeKb, fee]);
  };
  const calls = () => rng.int(20, 320);
  const callSeconds = () => 60 + rng.int(0, 180);
  if (itemType === "LC") row("LC", calls(), 0.5 + rng.float() * 0.2, callSeconds(), 0, amountFen);
  else if (itemType === "LD") {
    // International calls are billed with long distance (长途 covers 国际长途).
    const international = amountFen >= 20 && rng.chance(0.15) ? Math.round(amountFen * (0.2 + rng.float() * 0.4)) : 0;
    row("LD", rng.int(5, 60), 0.6 + rng.float() * 0.3, callSeconds(), 0, amountFen - international);
    if (international > 0) row("IN", rng.int(1, 12), 1, callSeconds() * 2, 0, international);
  } else if (itemType === "DT") {
    const sessions = rng.int(30, 400);
    // Broadband moves far more per session than a handset.
    const kbPerSession = service.product === "KD" ? rng.int(50_000, 400_000) : rng.int(500, 20_000);
    row("DT", sessions, 1, rng.int(300, 3_600), sessions * kbPerSession, amountFen);
    if (service.product === "YD") row("LC", calls(), 0.5 + rng.float() * 0.2, callSeconds(), 0, 0);
  } else row("VA", rng.int(5, 120), 1, 0, 0, amountFen);
}
