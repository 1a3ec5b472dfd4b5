import type { Barring } from "./billing-rows.js";
import { isoDate, localTimestamp } from "./dates.js";
import { complaintNo, complaintSerial } from "./ids.js";
import { emitUserOffers } from "./offer-rows.js";
import type { CustomerPlan, World } from "./plan.js";
import { REGIONS, regionName } from "./regions.js";
import type { Rng } from "./rng.js";
import type { RowSink } from "./sink.js";
import { emitRegularSurveys } from "./survey-rows.js";
import { COMPLAINT_TEXT, DISTRICTS, GIVEN_NAMES, OCCUPATIONS, POSITIONS, STREETS, SURNAMES } from "./vocabulary.js";
import { emitWorkOrders } from "./work-order-rows.js";

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

export function emitHallRegions(sink: RowSink, schema: string): void {
  for (const region of REGIONS) sink.row(schema, "tb_region", [region.code, regionName(region), region.areaCode]);
}

export function emitHall(world: World, plan: CustomerPlan, barring: Map<number, Barring>, rng: Rng, sink: RowSink, schema: string): void {
  const person = plan.kind === "01" || plan.kind === "03";
  const birthYear = person ? rng.int(1945, 2004) : null;
  const address = `${regionName(plan.region)}${rng.pick(DISTRICTS[plan.region.code] ?? ["市辖区"])}${rng.pick(STREETS)}${rng.int(1, 999)}号`;
  const mobile = plan.services.find((s) => s.product === "YD")?.accNbr ?? "139" + rng.digits(8);
  sink.row(schema, "tb_cust", [
    plan.custNo,
    plan.name,
    plan.kind,
    person ? rng.pick(["M", "F"]) : "",
    birthYear,
    plan.region.code,
    address,
    mobile,
    person ? "1" : "2",
    person ? idCardNumber(plan.region.code, birthYear as number, rng) : "91" + plan.region.code + "00" + rng.digits(9) + rng.pick(["X", "A", "B", "0"]),
    person ? rng.pick(OCCUPATIONS) : "",
    plan.industry[0],
    plan.industry[1],
    person ? String(rng.weighted([[0, 5], [1, 5], [2, 25], [3, 30], [4, 28], [5, 7]])) : "0",
    plan.kind === "01" ? rng.weighted([["01", 80], ["02", 15], ["03", 5]]) : "01",
    localTimestamp(plan.createdDay, rng.int(8 * 3600, 18 * 3600)),
  ]);

  const contacts = plan.kind === "02" || plan.kind === "04" ? rng.int(1, 3) : plan.kind === "03" && rng.chance(0.5) ? 1 : 0;
  for (let n = 0; n < contacts; n++) {
    sink.row(schema, "tb_contact", [plan.index * 8 + n, plan.custNo, rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES), rng.pick(POSITIONS), "139" + rng.digits(8)]);
  }

  for (const service of plan.services) {
    const level = barring.get(service.servId) ?? "NONE";
    const status = service.removedDay !== null ? "4" : { NONE: "1", SINGLE: "2", DOUBLE: "3" }[level];
    sink.row(schema, "tb_user", [service.servId, plan.custNo, service.accNbr, service.product, service.productName, isoDate(service.startDay), status]);
  }

  emitComplaints(world, plan, rng, sink, schema);
  emitSurveys(world, plan, rng, sink, schema);
  // Their own streams: the rows above, and every system's rows after them, are as they were without them.
  emitRegularSurveys(world, plan, sink, schema);
  emitWorkOrders(world, plan, sink, schema);
  emitUserOffers(world, plan, sink, schema);
}

function emitComplaints(world: World, plan: CustomerPlan, rng: Rng, sink: RowSink, schema: string): void {
  const unhappy = 1 - plan.mood;
  const p = 0.06 + unhappy * 0.12 + (plan.habit === "ARREARS" ? 0.08 : 0);
  if (!rng.chance(p)) return;
  const count = rng.int(1, 3);
  for (let n = 0; n < count; n++) {
    const day = Math.max(plan.createdDay, world.asOfDay - rng.int(0, 730));
    const type = rng.weighted([["01", 35], ["02", 30], ["03", 15], ["04", 10], ["05", 10]]);
    const age = world.asOfDay - day;
    const status = age > 14 ? "2" : rng.pick(["0", "1", "2"]);
    const service = rng.chance(0.7) ? rng.pick(plan.services).accNbr : null;
    sink.row(schema, "tb_complaint", [complaintNo(day, complaintSerial(plan.index, n)), plan.custNo, service, type, rng.pick(COMPLAINT_TEXT[type] ?? ["其他"]), localTimestamp(day, rng.int(8 * 3600, 21 * 3600)), status, null]);
  }
}

/** Older survey answers on the five-point scale (scale 1), scattered around the customer's mood; the unhappy use other carriers more. */
function emitSurveys(world: World, plan: CustomerPlan, rng: Rng, sink: RowSink, schema: string): void {
  if (!rng.chance(0.35)) return;
  const count = rng.int(1, 2);
  for (let n = 0; n < count; n++) {
    const day = Math.max(plan.createdDay, world.asOfDay - rng.int(0, 700));
    const base = 1 + plan.mood * 4;
    const answers = Array.from({ length: 9 }, () => Math.min(5, Math.max(1, Math.round(base + (rng.float() - 0.5) * 2))));
    const otherCarrier = rng.chance(0.02 + (1 - plan.mood) * 0.25) ? "Y" : "N";
    sink.row(schema, "tb_survey", [plan.index * 4 + n, plan.custNo, isoDate(day), ...answers, otherCarrier, "1", null]);
  }
}

/** An 18-digit resident ID: region, birth date, sequence and the ISO 7064 check character. */
function idCardNumber(regionCode: string, birthYear: number, rng: Rng): string {
  const month = String(rng.int(1, 12)).padStart(2, "0");
  const day = String(rng.int(1, 28)).padStart(2, "0");
  const body = regionCode + "01" + birthYear + month + day + rng.digits(3);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (ID_WEIGHTS[i] as number);
  return body + ID_CHECK[sum % 11];
}
