import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../sandbox/schema/names.js";
import { addMonths } from "../subgraphs/insights/judgements/dates.js";
import { allCustomers } from "./support/customers.js";
import { startTestStack, type TestStack } from "./support/stack.js";

/**
 * Judgements as of a past date count the lines held on that date, not now (docs/scoring.md, "As of a date"):
 * the business hall's completed work orders (tb_work_order) date installations, transfers and removals. Checked
 * over the shared sandbox, six months back, against billing's SERV, the hall's tb_user and tb_work_order read directly.
 */
const sandbox = inject("sandbox");
const s = schemaNames(sandbox.schemaPrefix);
const PAST = addMonths(sandbox.asOf, -6);

let stack: TestStack;
let pool: pg.Pool;
let nodes: Record<string, any>[];
/** Per customer: lines billing and the hall held on PAST, and how many of billing's they hold now. */
let held: Map<string, { billingThen: number; billingNow: number; hallThen: number; hallOnRecord: number }>;
/** Lines removed, and lines installed or transferred in, after PAST: the changes the date must undo. */
let later: { removed: number; came: number };

const rows = async <R>(sql: string, values: unknown[] = []) => (await pool.query(sql, values)).rows as R[];

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  stack = await startTestStack(sandbox.databaseUrl, sandbox.schemaPrefix, PAST);
  // The customer's own completed orders after PAST, as the hall keeps them: 01 installation, 04 transfer to it, 02 removal.
  const orders = await rows<{ cust_no: string; serv_no: string; order_type: string }>(
    `SELECT cust_no, serv_no, order_type FROM ${s.hall}.tb_work_order WHERE status = '2' AND finish_date > $1 AND order_type IN ('01', '02', '04')`,
    [PAST],
  );
  const came = new Set(orders.filter((o) => o.order_type !== "02").map((o) => `${o.cust_no} ${o.serv_no}`));
  const removed = new Set(orders.filter((o) => o.order_type === "02").map((o) => `${o.cust_no} ${o.serv_no}`));
  later = { removed: removed.size, came: came.size };
  const standing = (cust: string, no: string, started: string, removedNow: boolean) =>
    started > PAST || came.has(`${cust} ${no}`) ? "NOT_YET" : removedNow && !removed.has(`${cust} ${no}`) ? "REMOVED" : "HELD";
  const services = await rows<{ cust: string; no: string; started: string; state: string }>(
    `SELECT replace(c."CUST_CODE", '-', '') AS cust, v."ACC_NBR" AS no, v."COMPLETED_DATE" AS started, v."STATE" AS state
     FROM ${s.billing}."SERV" v JOIN ${s.billing}."CUST" c ON c."CUST_ID" = v."CUST_ID"`,
  );
  const lines = await rows<{ cust_no: string; serv_no: string; started: string; status: string }>(
    `SELECT cust_no, serv_no, to_char(start_date, 'YYYY-MM-DD') AS started, status FROM ${s.hall}.tb_user`,
  );
  held = new Map();
  const of = (id: string) => held.get(id) ?? held.set(id, { billingThen: 0, billingNow: 0, hallThen: 0, hallOnRecord: 0 }).get(id)!;
  for (const v of services) {
    const started = `${v.started.slice(0, 4)}-${v.started.slice(4, 6)}-${v.started.slice(6)}`;
    if (standing(v.cust, v.no, started, v.state === "F0X") === "HELD") of(v.cust).billingThen++;
    if (v.state !== "F0X") of(v.cust).billingNow++;
  }
  for (const l of lines) {
    const then = standing(l.cust_no, l.serv_no, l.started, l.status === "4");
    if (then !== "NOT_YET") of(l.cust_no).hallOnRecord++;
    if (then === "HELD") of(l.cust_no).hallThen++;
  }
  expect((await stack.graphql(`{ judgementsAsOf }`)).data?.judgementsAsOf).toBe(PAST);
  nodes = await allCustomers(
    stack,
    `id valueTier { arpuFen revenue12mFen monthsBilled } credit { factors { name reason } } relationshipStatus { status facts }`,
  );
}, 180_000);

afterAll(async () => {
  await stack?.close();
  await pool?.end();
});

const lineCount = (n: number) => `${n} ${n === 1 ? "line" : "lines"}`;

describe("judgements as of a past date", () => {
  it("has lines removed and lines installed since the date to tell apart", () => {
    expect(nodes).toHaveLength(sandbox.customers);
    expect(later.removed).toBeGreaterThan(0);
    expect(later.came).toBeGreaterThan(0);
    expect([...held.values()].filter((h) => h.billingThen !== h.billingNow).length).toBeGreaterThan(0);
  });

  it("count the services held on the date in products held and the ARPU divisor: removed since still held, installed since not yet", () => {
    for (const node of nodes) {
      const then = held.get(node.id)?.billingThen ?? 0;
      const { arpuFen, revenue12mFen, monthsBilled } = node.valueTier;
      expect(arpuFen, node.id).toBe(monthsBilled === 0 ? 0 : Math.round(revenue12mFen / (monthsBilled * Math.max(1, then))));
      const productsHeld = node.credit.factors.find((f: { name: string }) => f.name === "productsHeld").reason;
      expect(productsHeld, node.id).toMatch(then === 0 ? /^Holds no active service\.$/ : new RegExp(`^Holds ${then} services? of `));
    }
  });

  it("decide the relationship from the hall's lines held on the date", () => {
    const holding = new Set(["SHARED_WITH_COMPETITOR", "POTENTIAL", "CURRENT"]);
    let heldThenNotNow = 0;
    for (const node of nodes) {
      const h = held.get(node.id) ?? { hallThen: 0, hallOnRecord: 0, billingNow: 0 };
      expect(node.relationshipStatus.facts[0], node.id).toBe(`Holds ${h.hallThen} of the ${lineCount(h.hallOnRecord)} on record with the business hall.`);
      if (h.hallThen > 0) expect(holding.has(node.relationshipStatus.status), node.id).toBe(true);
      else expect(["POTENTIAL", "COMPETITORS", "FORMER"]).toContain(node.relationshipStatus.status);
      if (h.hallThen > 0 && h.billingNow === 0) heldThenNotNow++;
    }
    expect(heldThenNotNow, "customers holding lines then and none now").toBeGreaterThan(0);
  });
});
