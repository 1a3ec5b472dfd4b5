import { slashDate } from "./dates.js";
import { contractNo, keyAccountId, managerId } from "./ids.js";
import type { CustomerPlan, World } from "./plan.js";
import { REGIONS } from "./regions.js";
import { Rng } from "./rng.js";
import type { RowSink } from "./sink.js";
import { CONTRACT_TITLES, GIVEN_NAMES, SURNAMES, VISIT_NOTES } from "./vocabulary.js";

/** About forty key accounts per manager; every local network has at least two managers. */
export function managersPerRegion(world: World): Map<string, number> {
  const totalWeight = REGIONS.reduce((sum, r) => sum + r.weight, 0);
  return new Map(REGIONS.map((r) => [r.code, Math.max(2, Math.ceil((world.customers * 0.08 * r.weight) / totalWeight / 40))]));
}

export function emitManagers(world: World, managers: Map<string, number>, sink: RowSink, schema: string): void {
  // Their own stream: managers must not shift when the customer count changes their number.
  for (const [code, count] of managers) {
    for (let n = 1; n <= count; n++) {
      const rng = new Rng(world.seed ^ 0x4b41, Number(code) * 10_000 + n);
      sink.row(schema, "DKH_KHJL", [managerId(code, n), rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES), "189" + rng.digits(8), code, "1"]);
    }
  }
}

export function emitKeyAccount(world: World, plan: CustomerPlan, managers: Map<string, number>, rng: Rng, sink: RowSink, schema: string): void {
  if (plan.kind !== "03" && plan.kind !== "04") return;
  const enterprise = plan.kind === "04";
  const id = keyAccountId(plan.index);
  const manager = managerId(plan.region.code, rng.int(1, managers.get(plan.region.code) ?? 1));
  const recognisedDay = Math.min(world.asOfDay, plan.createdDay + rng.int(0, 365));
  const level = enterprise ? rng.weighted([["1", 10], ["2", 30], ["3", 60]]) : "3";
  const relationship = rng.weighted([["1", 40], ["2", 60]]);
  sink.row(schema, "DKH_KHXX", [id, plan.name, enterprise ? "2" : "1", level, relationship, manager, "KH" + plan.custNo, slashDate(recognisedDay), rng.chance(0.95) ? "1" : "0"]);

  const contracts = enterprise ? rng.int(1, 3) : rng.chance(0.4) ? 1 : 0;
  const yearlyFen = plan.accounts.reduce((sum, a) => sum + a.monthlyFen, 0) * 12;
  for (let n = 0; n < contracts; n++) {
    const signed = Math.min(world.asOfDay, recognisedDay + rng.int(0, 900));
    const years = rng.int(1, 3);
    const expires = signed + years * 365;
    const status = rng.chance(0.05) ? "3" : expires < world.asOfDay ? "2" : "1";
    sink.row(schema, "DKH_HT", [contractNo(plan.region.code, plan.index, n), id, rng.pick(CONTRACT_TITLES), slashDate(signed), slashDate(expires), yearlyFen * years, status]);
  }

  const visits = rng.int(0, enterprise ? 8 : 3);
  for (let n = 0; n < visits; n++) {
    const day = Math.max(recognisedDay, world.asOfDay - rng.int(0, 365));
    sink.row(schema, "DKH_BFJL", [plan.index * 16 + n, id, manager, slashDate(day), rng.pick(["1", "2", "3"]), rng.pick(VISIT_NOTES), null]);
  }
}
