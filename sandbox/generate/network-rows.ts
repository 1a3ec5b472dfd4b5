import type { Barring } from "./billing-rows.js";
import { localTimestamp } from "./dates.js";
import { ticketNo, ticketSerial } from "./ids.js";
import type { CustomerPlan, ServicePlan, World } from "./plan.js";
import type { Rng } from "./rng.js";
import type { RowSink } from "./sink.js";
import { ALARM_CODES, FAULT_TEXT, FAULT_TYPES } from "./vocabulary.js";

/** Network management's own spelling of an access number (see sandbox/schema/network.ts). */
export function networkSpelling(service: Pick<ServicePlan, "accNbr" | "product">): string {
  const n = service.accNbr;
  switch (service.product) {
    case "GH": {
      const area = n.startsWith("01") || n.startsWith("02") ? 3 : 4;
      return `${n.slice(0, area)}-${n.slice(area)}`;
    }
    case "YD":
      return "86" + n;
    case "KD":
      return n.toLowerCase();
    case "ZX":
      return n;
  }
}

export function emitNetwork(world: World, plan: CustomerPlan, _barring: Map<number, Barring>, rng: Rng, sink: RowSink, schema: string): void {
  for (const service of plan.services) {
    const accNum = networkSpelling(service);
    const state = service.removedDay !== null ? 9 : rng.weighted([[1, 94], [2, 2], [3, 4]]);
    const exchange = "JF" + plan.region.code + String(rng.int(1, 40)).padStart(3, "0");
    const port = service.product === "YD" ? `CELL-${rng.digits(5)}` : `OLT${rng.int(1, 8)}/S${rng.int(1, 16)}/P${rng.int(1, 64)}`;
    const changedDay = service.removedDay ?? Math.max(service.startDay, world.asOfDay - rng.int(0, 200));
    sink.row(schema, "line", [accNum, state, exchange, port, zoned(changedDay, rng)]);

    let alarms = 0;
    const alarm = (raisedDay: number, cleared: boolean) => {
      const [raised, clear] = interval(raisedDay, world.asOfDay, rng);
      sink.row(schema, "alarm", [service.servId * 4 + alarms++, accNum, rng.pick(ALARM_CODES), rng.int(1, 3), raised, cleared ? clear : null]);
    };
    if (state === 2 || state === 3) alarm(world.asOfDay - rng.int(0, 3), false);
    if (state !== 9 && rng.chance(0.03)) alarm(world.asOfDay - rng.int(5, 90), true);

    if (state === 9 || !(state === 2 || rng.chance(0.08))) continue;
    const tickets = state === 2 ? 1 : rng.int(1, 3);
    for (let n = 0; n < tickets; n++) {
      const openedDay = Math.max(service.startDay, world.asOfDay - rng.int(0, 365));
      const recent = world.asOfDay - openedDay < 10;
      const open = state === 2 || (recent && rng.chance(0.5));
      const ticketState = open ? rng.pick([10, 20]) : rng.chance(0.1) ? 30 : 40;
      const kind = rng.int(0, FAULT_TYPES.length - 1);
      const [opened, closed] = interval(openedDay, world.asOfDay, rng);
      sink.row(schema, "ticket", [
        ticketNo(openedDay, ticketSerial(service.servId, n)),
        accNum,
        FAULT_TYPES[kind],
        FAULT_TEXT[kind],
        ticketState,
        opened,
        open ? null : closed,
        null,
      ]);
    }
  }
}

function zoned(day: number, rng: Rng): string {
  return localTimestamp(day, rng.int(0, 86_399)) + "+08";
}

/** A start on `day` and an end up to three days later, never before the start nor after the as-of day. */
function interval(day: number, asOfDay: number, rng: Rng): [string, string] {
  const start = day * 86_400 + rng.int(0, 86_399);
  const latest = Math.max(start, (asOfDay + 1) * 86_400 - 1);
  const end = Math.min(latest, start + rng.int(600, 3 * 86_400));
  const at = (second: number) => localTimestamp(Math.floor(second / 86_400), second % 86_400) + "+08";
  return [at(start), at(end)];
}
