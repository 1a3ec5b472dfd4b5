import { dayInMonth } from "./dates.js";
import type { CustomerPlan, World } from "./plan.js";
import { Rng } from "./rng.js";

/** Added to the seed for the arrears removals' streams. */
const ARREARS_REMOVAL_STREAM = 0x61726d76;
/** Days from the first unpaid bill's due date to the removal: after the last dunning step (80 days) and double barring (60). */
const EARLIEST = 90;
const LATEST = 150;
/**
 * Share of customers long enough in arrears whose lines billing removes (欠费拆机): most; the rest are still being
 * negotiated with or written off otherwise. Key accounts' managers keep their lines far more often.
 */
const SHARE = 0.7;
const KEY_ACCOUNT_SHARE = 0.25;

/**
 * Removal for arrears: a customer who stopped paying at cycle `stopFrom` and whose first unpaid bill (due on the
 * 20th of the month after) is still unpaid past every dunning step has its post-paid lines removed by billing on
 * one day, EARLIEST to LATEST days after that due date and before the as-of date. Lines on prepaid accounts (never
 * in arrears), lines started after the customer stopped paying and lines already removed by then stay as they are.
 * Marks the plan's services (`removedDay`, `removedForArrears`), which every system's rows then follow: billing
 * stops billing them and closes their barring at the removal, the hall shows them removed with a removal order for
 * arrears, network management shows the line gone. Drawn from a stream of its own, always the same draws.
 */
export function removeForArrears(world: World, plan: CustomerPlan, stopFrom: number): void {
  const rng = new Rng(world.seed + ARREARS_REMOVAL_STREAM, plan.index);
  const keyAccount = plan.kind === "03" || plan.kind === "04";
  const chosen = rng.chance(keyAccount ? KEY_ACCOUNT_SHARE : SHARE);
  const delay = rng.int(EARLIEST, LATEST);
  if (!Number.isFinite(stopFrom) || !chosen) return;
  const unpaidDue = dayInMonth(stopFrom + 1, 20);
  const day = unpaidDue + delay;
  if (day >= world.asOfDay) return;
  for (const service of plan.services) {
    const postPaid = plan.accounts[service.accountIndex]?.payMethod !== "P";
    const billedWhenStopped = service.startDay < dayInMonth(stopFrom, 1);
    const stillHeld = service.removedDay === null || service.removedDay > day;
    if (postPaid && billedWhenStopped && stillHeld) {
      service.removedDay = day;
      service.removedForArrears = true;
    }
  }
}
