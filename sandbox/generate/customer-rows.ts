import type { SchemaNames } from "../schema/names.js";
import { emitBilling } from "./billing-rows.js";
import { emitCallCentre } from "./call-centre-rows.js";
import { emitHall } from "./hall-rows.js";
import { emitKeyAccount } from "./key-account-rows.js";
import { emitNetwork } from "./network-rows.js";
import { planCustomer, type CustomerPlan, type World } from "./plan.js";
import { Rng } from "./rng.js";
import type { RowSink } from "./sink.js";

/**
 * Every row of customer `index` in all four systems, drawn from the customer's own random stream. Returns
 * the plan and the stream, which goes on for whatever is drawn after the rows (the dirt).
 */
export function emitCustomer(world: World, index: number, managers: Map<string, number>, sink: RowSink, schemas: SchemaNames): { plan: CustomerPlan; rng: Rng } {
  const rng = new Rng(world.seed, index);
  const plan = planCustomer(world, index, rng);
  const barring = emitBilling(world, plan, rng, sink, schemas.billing);
  emitHall(world, plan, barring, rng, sink, schemas.hall);
  emitNetwork(world, plan, barring, rng, sink, schemas.network);
  emitKeyAccount(world, plan, managers, rng, sink, schemas.keyAccount);
  // Its own stream (call-centre-rows.ts): adding the call centre changed none of the other systems' rows.
  emitCallCentre(world, plan, barring, sink, schemas.callCentre);
  return { plan, rng };
}
