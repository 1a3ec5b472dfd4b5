import { compactDate, isoDate, localTimestamp } from "./dates.js";
import type { CustomerPlan, World } from "./plan.js";
import { Rng } from "./rng.js";
import type { RowSink } from "./sink.js";

/**
 * The hall's work orders (tb_work_order) for a customer's lines: every line's installation, the removal of
 * each line the plan removed (with its reason), a few moves of fixed lines, and a few lines that came to the
 * customer by a transfer of ownership. Drawn from a stream of their own: adding them changed no other row.
 */

/** Added to the seed for the work orders' streams. */
const WORK_ORDER_STREAM = 0x776f726b;
/** Order slots per service, so order numbers derive from the service's id: installation, removal, move, transfer, the old owner's installation. */
const ORDER_SLOTS = 8;
const SLOT = { install: 0, removal: 1, move: 2, transfer: 3, formerInstall: 4, pendingRemoval: 5 } as const;
/** Share of lines that came to their holder by a transfer of ownership (过户). */
const TRANSFER_SHARE = 0.01;
/** Share of fixed lines (fixed, broadband, leased) moved (移机) once in their life. */
const MOVE_SHARE = 0.04;
/** Share of lines in use with a removal accepted in the last days and not yet carried out. */
const PENDING_REMOVAL_SHARE = 0.002;
const MOVABLE = new Set(["GH", "KD", "ZX"]);
/** tb_work_order.reason_code of a removal for arrears (欠费拆机). */
const ARREARS = "05";
/** Former owners' records are archived (销户 and moved to history): numbered past every generated customer, before 99999901. */
const FORMER_OWNER_BASE = 90_000_000;
const FORMER_OWNER_SPAN = 9_999_900;

type Row = [string, string, string, string, string, string | null, string, string | null, string | null, string | null];

export function emitWorkOrders(world: World, plan: CustomerPlan, sink: RowSink, schema: string): void {
  const rng = new Rng(world.seed + WORK_ORDER_STREAM, plan.index);
  const emit = (row: Row) => sink.row(schema, "tb_work_order", row);
  for (const service of plan.services) {
    const order = (slot: number, type: string, acceptDay: number, finishDay: number | null, status: string, reason: string | null = null, competitor: string | null = null, oldCustNo: string | null = null, custNo = plan.custNo): Row => [
      orderNo(acceptDay, service.servId * ORDER_SLOTS + slot),
      custNo,
      service.accNbr,
      type,
      localTimestamp(acceptDay, rng.int(8 * 3600, 18 * 3600)),
      finishDay === null ? null : isoDate(finishDay),
      status,
      reason,
      competitor,
      oldCustNo,
    ];
    if (rng.chance(TRANSFER_SHARE)) {
      // The line reached this customer by a transfer on its start date; its first owner had installed it years before.
      const former = formerOwner(plan);
      const installed = service.startDay - rng.int(200, 3000);
      emit(order(SLOT.formerInstall, "01", installed - rng.int(0, 7), installed, "2", null, null, null, former));
      emit(order(SLOT.transfer, "04", service.startDay - rng.int(0, 3), service.startDay, "2", null, null, former));
    } else {
      emit(order(SLOT.install, "01", Math.max(plan.createdDay, service.startDay - rng.int(0, 7)), service.startDay, "2"));
    }
    if (MOVABLE.has(service.product) && rng.chance(MOVE_SHARE)) {
      const until = (service.removedDay ?? world.asOfDay) - 1;
      const from = service.startDay + 60;
      if (from <= until) {
        const day = rng.int(from, until);
        if (day > world.asOfDay - 5) emit(order(SLOT.move, "03", day, null, "1"));
        else if (rng.chance(0.03)) emit(order(SLOT.move, "03", day, null, "3"));
        else emit(order(SLOT.move, "03", Math.max(service.startDay, day - rng.int(1, 5)), day, "2"));
      }
    }
    if (service.removedDay !== null) {
      const reason = service.removedForArrears ? ARREARS : removalReason(plan, rng);
      const competitor = reason === "04" ? rng.weighted([["01", 50], ["02", 35], ["03", 8], ["09", 7]]) : null;
      emit(order(SLOT.removal, "02", Math.max(service.startDay, service.removedDay - rng.int(0, 5)), service.removedDay, "2", reason, competitor));
    } else if (rng.chance(PENDING_REMOVAL_SHARE)) {
      const reason = removalReason(plan, rng);
      const competitor = reason === "04" ? rng.weighted([["01", 50], ["02", 35], ["03", 8], ["09", 7]]) : null;
      emit(order(SLOT.pendingRemoval, "02", Math.max(service.startDay, world.asOfDay - rng.int(0, 6)), null, rng.pick(["0", "1"]), reason, competitor));
    }
  }
}

/**
 * Why a line was removed: customers who stopped paying are removed for their arrears mostly; others move
 * away, or leave over price, quality or for a competitor, the unhappier the more often.
 */
function removalReason(plan: CustomerPlan, rng: Rng): string {
  if (plan.habit === "ARREARS") return rng.weighted([["05", 55], ["01", 15], ["04", 10], ["02", 10], ["09", 10]]);
  const unhappy = 1 - plan.mood;
  const person = plan.kind === "01" || plan.kind === "03";
  return rng.weighted([
    ["01", 22],
    ["02", 12 + 18 * unhappy],
    ["03", 8 + 14 * unhappy],
    ["04", 12 + 26 * unhappy],
    ["05", 4],
    ["06", person ? 4 : 7],
    ["09", 10],
  ]);
}

/** The archived number of a transferred line's former owner, in the customer's local network. */
function formerOwner(plan: CustomerPlan): string {
  return plan.region.code + String(FORMER_OWNER_BASE + (plan.index % FORMER_OWNER_SPAN));
}

/** The hall's work-order number "GD" + day accepted + ten-digit serial. */
function orderNo(day: number, serial: number): string {
  const text = String(serial);
  if (!Number.isSafeInteger(serial) || serial < 0 || text.length > 10) throw new Error(`work order number: ${serial} does not fit in 10 digits`);
  return "GD" + compactDate(day) + text.padStart(10, "0");
}
