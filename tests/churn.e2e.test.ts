import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../sandbox/schema/names.js";
import { loadScoringModel } from "../subgraphs/insights/config.js";
import { addMonths, dayNumber, isoMonth, monthNumber } from "../subgraphs/insights/judgements/dates.js";
import { allCustomers } from "./support/customers.js";
import { startTestStack, type TestStack } from "./support/stack.js";

/**
 * Churn through the graph (seed 002 §3.2.1.9, §3.2.1.10 §2, §1.1.2 3) 8)) over the shared sandbox, checked
 * against the hall's and billing's tables read directly: work orders, churn events, relationship status,
 * little-used lines and the churn summary, under each role's scope, and with one system sick.
 */
const sandbox = inject("sandbox");
const s = schemaNames(sandbox.schemaPrefix);
const model = loadScoringModel();
const AS_OF = sandbox.asOf;
const TYPES: Record<string, string> = { "01": "INSTALLATION", "02": "REMOVAL", "03": "MOVE", "04": "TRANSFER" };
const REASONS: Record<string, string> = { "01": "MOVED_AWAY", "02": "PRICE", "03": "QUALITY", "04": "COMPETITOR", "05": "ARREARS", "06": "DECEASED_OR_CLOSED", "09": "OTHER" };
const COMPETITORS: Record<string, string> = { "01": "CHINA_MOBILE", "02": "CHINA_UNICOM", "03": "CHINA_BROADNET", "09": "OTHER" };

let stack: TestStack;
let pool: pg.Pool;

interface Order {
  order_no: string;
  cust_no: string;
  serv_no: string;
  order_type: string;
  status: string;
  finish: string | null;
  reason: string | null;
  competitor: string | null;
}

let orders: Order[];
let nodes: Record<string, any>[];

const rows = async <R>(sql: string, values: unknown[] = []) => (await pool.query(sql, values)).rows as R[];
const byCustomer = <T extends { cust_no: string }>(list: T[], id: string) => list.filter((r) => r.cust_no === id);

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  stack = await startTestStack(sandbox.databaseUrl, sandbox.schemaPrefix, AS_OF);
  orders = await rows<Order>(
    `SELECT order_no, cust_no, serv_no, order_type, status, to_char(finish_date, 'YYYY-MM-DD') AS finish, reason_code AS reason, competitor_code AS competitor
     FROM ${s.hall}.tb_work_order ORDER BY cust_no, accept_time, order_no`,
  );
  // Every customer, in pages small enough for the gateway's cost limit.
  nodes = await allCustomers(
    stack,
    `id
    workOrders(first: 60) { orderNo serviceNo type status completedOn removalReason competitor }
    churnEvents { kind on serviceNo workOrderNo removalReason competitor reason }
    relationshipStatus { status reason facts }
    potentialKeyAccount { potential }
    littleUsedLines { serviceNo billedFen usageRecords averageMonthlyFen monthsHeld }`,
  );
}, 120_000);

afterAll(async () => {
  await stack?.close();
  await pool?.end();
});

describe("a customer's work orders and churn events", () => {
  it("lists every work order the hall holds for the customer, as its table holds it", () => {
    expect(nodes).toHaveLength(sandbox.customers);
    for (const node of nodes) {
      expect(node.workOrders, node.id).toEqual(
        byCustomer(orders, node.id).map((o) => ({
          orderNo: o.order_no,
          serviceNo: o.serv_no,
          type: TYPES[o.order_type],
          status: ["ACCEPTED", "DISPATCHED", "COMPLETED", "CANCELLED"][Number(o.status)],
          completedOn: o.finish,
          removalReason: o.reason === null ? null : REASONS[o.reason],
          competitor: o.competitor === null ? null : COMPETITORS[o.competitor],
        })),
      );
    }
  });

  it("makes each completed removal and move, and each survey naming another carrier, one event, newest first", async () => {
    const surveys = await rows<{ cust_no: string; day: string }>(
      `SELECT cust_no, to_char(survey_date, 'YYYY-MM-DD') AS day FROM ${s.hall}.tb_survey WHERE other_carrier = 'Y' AND survey_date <= $1`,
      [AS_OF],
    );
    let removals = 0;
    for (const node of nodes) {
      const events = node.churnEvents.filter((e: { kind: string }) => e.kind !== "USAGE_FALL");
      const fromOrders = byCustomer(orders, node.id)
        .filter((o) => (o.order_type === "02" || o.order_type === "03") && o.status === "2" && o.finish! <= AS_OF)
        .map((o) => [o.order_type === "02" ? "REMOVAL" : "MOVE", o.finish, o.serv_no, o.order_no, o.reason === null ? null : REASONS[o.reason]]);
      const fromSurveys = byCustomer(surveys, node.id).map((v) => ["COMPETITOR", v.day, null, null, null]);
      const got = events.map((e: any) => [e.kind, e.on, e.serviceNo, e.workOrderNo, e.removalReason]);
      expect(sortedEvents(got), node.id).toEqual(sortedEvents([...fromOrders, ...fromSurveys]));
      expect(node.churnEvents.map((e: { on: string }) => e.on)).toEqual([...node.churnEvents.map((e: { on: string }) => e.on)].sort().reverse());
      removals += fromOrders.filter((e) => e[0] === "REMOVAL").length;
    }
    expect(removals).toBeGreaterThan(5);
  });

  it("dates a fall of usage from billing's bills: the first month below the level that stays below", async () => {
    const bills = await rows<{ cust: string; cycle: string; amount: string }>(
      `SELECT replace(c."CUST_CODE", '-', '') AS cust, b."BILLING_CYCLE_ID" AS cycle, sum(b."BILL_AMOUNT")::text AS amount
       FROM ${s.billing}."BILL" b JOIN ${s.billing}."ACCT" a USING ("ACCT_ID") JOIN ${s.billing}."CUST" c ON c."CUST_ID" = a."CUST_ID"
       GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const rules = model.churnEvents.usageFall;
    const last = monthNumber(AS_OF) - 1;
    let falls = 0;
    for (const node of nodes) {
      const totals = bills
        .filter((b) => b.cust === node.id)
        .map((b) => ({ month: monthNumber(`${b.cycle.slice(0, 4)}-${b.cycle.slice(4)}`), amount: Number(b.amount) }))
        .filter((t) => t.month >= last - model.windowMonths + 1 && t.month <= last);
      let expected: string | null = null;
      if (totals.length >= rules.minMonths) {
        const baseline = totals.slice(0, rules.baselineMonths).map((t) => t.amount).sort((a, b) => a - b);
        const usual = baseline.length % 2 ? baseline[(baseline.length - 1) / 2]! : (baseline[baseline.length / 2 - 1]! + baseline[baseline.length / 2]!) / 2;
        let first = -1;
        for (let i = totals.length - 1; i >= rules.baselineMonths && usual > 0 && totals[i]!.amount < usual * rules.belowShare; i--) first = i;
        if (first >= 0) expected = `${isoMonth(totals[first]!.month)}-01`;
      }
      const fall = node.churnEvents.find((e: { kind: string }) => e.kind === "USAGE_FALL");
      expect(fall?.on ?? null, node.id).toBe(expected);
      if (fall) falls++;
    }
    expect(falls).toBeGreaterThan(0);
  });
});

describe("relationship status and little-used lines", () => {
  it("decides the relationship from the hall's lines, removals and surveys, as docs/scoring.md says", async () => {
    const lines = await rows<{ cust_no: string; status: string }>(`SELECT cust_no, status FROM ${s.hall}.tb_user`);
    const newestSurveys = await rows<{ cust_no: string; day: string; other: string }>(
      `SELECT DISTINCT ON (cust_no) cust_no, to_char(survey_date, 'YYYY-MM-DD') AS day, other_carrier AS other
       FROM ${s.hall}.tb_survey WHERE survey_date <= $1 ORDER BY cust_no, survey_date DESC, survey_id DESC`,
      [AS_OF],
    );
    const since = addMonths(AS_OF, -model.relationship.competitorRemovalMonths);
    const seen = new Set<string>();
    for (const node of nodes) {
      const own = byCustomer(lines, node.id);
      const held = own.filter((l) => l.status !== "4").length;
      const removals = byCustomer(orders, node.id)
        .filter((o) => o.order_type === "02" && o.status === "2" && o.finish! <= AS_OF)
        .sort((a, b) => (a.finish! < b.finish! ? 1 : -1));
      const survey = byCustomer(newestSurveys, node.id)[0];
      const usable = survey && dayNumber(AS_OF) - dayNumber(survey.day) <= model.satisfaction.maxSurveyAgeDays ? survey : undefined;
      const saysOther = usable?.other === "Y";
      let expected: string;
      if (held === 0) expected = own.length === 0 ? "POTENTIAL" : removals[0]?.reason === "04" || saysOther ? "COMPETITORS" : "FORMER";
      else if (saysOther || removals.some((o) => o.reason === "04" && o.finish! >= since)) expected = "SHARED_WITH_COMPETITOR";
      else expected = node.potentialKeyAccount.potential ? "POTENTIAL" : "CURRENT";
      expect(node.relationshipStatus.status, node.id).toBe(expected);
      expect(node.relationshipStatus.facts.length).toBeGreaterThanOrEqual(3);
      seen.add(expected);
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining(["CURRENT", "FORMER", "SHARED_WITH_COMPETITOR"]));
  });

  it("finds lines held six months or more, not barred nor leased, whose own rated usage over the year is under the level", async () => {
    const services = await rows<{ cust: string; serv: string; no: string; started: string }>(
      `SELECT replace(c."CUST_CODE", '-', '') AS cust, v."SERV_ID"::text AS serv, v."ACC_NBR" AS no, v."COMPLETED_DATE" AS started
       FROM ${s.billing}."SERV" v JOIN ${s.billing}."CUST" c ON c."CUST_ID" = v."CUST_ID" WHERE v."STATE" <> 'F0X' AND v."STOP_FLAG" = '0' AND v."PRODUCT_ID" <> 40`,
    );
    const last = monthNumber(AS_OF) - 1;
    const first = last - model.windowMonths + 1;
    // Rating's monthly summaries per service and cycle (SERV_USAGE_MONTH), every call class.
    const usage = await rows<{ serv: string; cycle: string; records: string; fee: string }>(
      `SELECT "SERV_ID"::text AS serv, "BILLING_CYCLE_ID" AS cycle, sum("RECORDS")::text AS records, sum("FEE")::text AS fee
       FROM ${s.billing}."SERV_USAGE_MONTH" WHERE "BILLING_CYCLE_ID" BETWEEN $1 AND $2 GROUP BY 1, 2`,
      [first, last].map((m) => isoMonth(m).replace("-", "")),
    );
    const heldSince = addMonths(AS_OF, -model.littleUsed.minHeldMonths).replaceAll("-", "");
    let found = 0;
    for (const node of nodes) {
      const expected = services
        .filter((v) => v.cust === node.id && v.started <= heldSince)
        .map((v) => {
          const start = Math.max(first, monthNumber(`${v.started.slice(0, 4)}-${v.started.slice(4, 6)}`));
          const months = usage.filter((u) => u.serv === v.serv && monthNumber(`${u.cycle.slice(0, 4)}-${u.cycle.slice(4)}`) >= start);
          const billed = months.reduce((sum, u) => sum + Number(u.fee), 0);
          const monthsHeld = last - start + 1;
          return { serviceNo: v.no, billedFen: billed, usageRecords: months.reduce((sum, u) => sum + Number(u.records), 0), averageMonthlyFen: Math.round(billed / monthsHeld), monthsHeld };
        })
        .filter((l) => l.averageMonthlyFen < model.littleUsed.maxMonthlyFen);
      const byNumber = (a: { serviceNo: string }, b: { serviceNo: string }) => (a.serviceNo < b.serviceNo ? -1 : 1);
      expect([...node.littleUsedLines].sort(byNumber), node.id).toEqual(expected.sort(byNumber));
      found += expected.length;
    }
    expect(found).toBeGreaterThan(0);
  });

  it("costs the same round trips for one customer and for forty", async () => {
    const page = (first: number) =>
      stack.graphql(`{ customers(first: ${first}) { edges { node { workOrders { orderNo } surveys { surveyId } churnEvents { kind } relationshipStatus { status } littleUsedLines { serviceNo } } } } }`);
    stack.roundTrips.reset();
    expect((await page(1)).errors).toBeUndefined();
    const one = stack.roundTrips.snapshot();
    stack.roundTrips.reset();
    expect((await page(40)).errors).toBeUndefined();
    expect(stack.roundTrips.snapshot()).toEqual(one);
  });
});

/** Events compared as sets of tuples: the same day's events may come in either order among themselves. */
function sortedEvents(events: unknown[][]): string[] {
  return events.map((e) => JSON.stringify(e)).sort();
}

describe("the churn summary", () => {
  const QUERY = `query($from: LocalDate!, $to: LocalDate!, $filter: ChurnFilter) {
    churnSummary(from: $from, to: $to, filter: $filter) { linesRemoved linesMoved linesToCompetitors customersUsingCompetitors
      groups { kind removalReason reasonLabel competitor lines customers } } }`;
  const period = { from: "2025-11-15", to: "2026-11-14" };
  const counted = async (where: string, values: unknown[] = []) => {
    const groups = await rows<{ type: string; reason: string | null; competitor: string | null; lines: number; customers: number }>(
      `SELECT w.order_type AS type, w.reason_code AS reason, w.competitor_code AS competitor, count(*)::int AS lines, count(DISTINCT w.cust_no)::int AS customers
       FROM ${s.hall}.tb_work_order w JOIN ${s.hall}.tb_cust c ON c.cust_no = w.cust_no
       WHERE w.order_type IN ('02', '03') AND w.status = '2' AND w.finish_date BETWEEN $1 AND $2 AND ${where}
       GROUP BY 1, 2, 3 ORDER BY 1, 2 NULLS FIRST, 3 NULLS FIRST`,
      [period.from, period.to, ...values],
    );
    return groups.map((g) => ({
      kind: g.type === "02" ? "REMOVAL" : "MOVE",
      removalReason: g.reason === null ? null : REASONS[g.reason],
      competitor: g.competitor === null ? null : COMPETITORS[g.competitor],
      lines: g.lines,
      customers: g.customers,
    }));
  };
  const groupsOf = (data: any) => data.churnSummary.groups.map(({ reasonLabel: _, ...g }: Record<string, unknown>) => g);

  it("counts a year's removals and moves by reason and competitor, as the hall's table does, in one call to it", async () => {
    stack.roundTrips.reset();
    const { data, errors } = await stack.graphql(QUERY, period);
    expect(errors).toBeUndefined();
    expect(stack.roundTrips.get("business-hall")).toBe(1);
    const expected = await counted("TRUE");
    expect(groupsOf(data)).toEqual(expected);
    const sum = (keep: (g: (typeof expected)[number]) => boolean) => expected.filter(keep).reduce((n, g) => n + g.lines, 0);
    expect(data!.churnSummary).toMatchObject({
      linesRemoved: sum((g) => g.kind === "REMOVAL"),
      linesMoved: sum((g) => g.kind === "MOVE"),
      linesToCompetitors: sum((g) => g.removalReason === "COMPETITOR"),
    });
    expect(data!.churnSummary.groups.find((g: any) => g.removalReason === "COMPETITOR")?.reasonLabel).toBe("转网");
    const [carriers] = await rows<{ n: number }>(
      `SELECT count(DISTINCT cust_no)::int AS n FROM ${s.hall}.tb_survey WHERE other_carrier = 'Y' AND survey_date BETWEEN $1 AND $2`,
      [period.from, period.to],
    );
    expect(data!.churnSummary.customersUsingCompetitors).toBe(carriers!.n);
  });

  it("counts only what the caller may see: an agent's region, a manager's portfolio; none for an architect", async () => {
    const agent = await stack.token({ roles: ["agent"], region: "3201" });
    expect(groupsOf((await stack.graphql(QUERY, { ...period, filter: { kind: "RESIDENTIAL" } }, agent)).data)).toEqual(await counted(`w.cust_no LIKE '3201%' AND c.cust_type = '01'`));
    const elsewhere = await stack.graphql(QUERY, { ...period, filter: { regionCode: "44" } }, agent);
    expect(elsewhere.data!.churnSummary).toMatchObject({ linesRemoved: 0, linesMoved: 0, customersUsingCompetitors: 0, groups: [] });

    const [manager] = await rows<{ id: string; customers: string[] }>(
      `SELECT "KHJL" AS id, array_agg(substr("YYKHH", 3)) AS customers FROM ${s.keyAccount}."DKH_KHXX" WHERE "ZT" = '1' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    const ka = await stack.token({ roles: ["ka-manager"], region: manager!.customers[0]!.slice(0, 4), managerId: manager!.id });
    const wide = { from: "2020-01-01", to: AS_OF };
    const own = await stack.graphql(QUERY, wide, ka);
    expect(own.errors).toBeUndefined();
    const expected = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${s.hall}.tb_work_order WHERE order_type IN ('02', '03') AND status = '2' AND finish_date BETWEEN $1 AND $2 AND cust_no = ANY($3)`,
      [wide.from, wide.to, manager!.customers],
    );
    expect(own.data!.churnSummary.linesRemoved + own.data!.churnSummary.linesMoved).toBe(expected[0]!.n);

    const architect = await stack.graphql(QUERY, period, await stack.token({ roles: ["architect"], region: "HQ" }));
    expect(architect.data?.churnSummary ?? null).toBeNull();
    expect(architect.errors![0]!.extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses a period backwards or too long and a criterion it cannot read, before asking the hall", async () => {
    for (const variables of [
      { from: "2026-02-01", to: "2026-01-01" },
      { from: "2000-01-01", to: "2026-01-01" },
      { ...period, filter: { regionCode: "3" } },
      { ...period, filter: { industryCode: "j" } },
    ]) {
      stack.roundTrips.reset();
      const { data, errors } = await stack.graphql(QUERY, variables);
      expect(data?.churnSummary ?? null).toBeNull();
      expect(errors![0]!.extensions?.code, JSON.stringify(variables)).toBe("BAD_USER_INPUT");
      expect(stack.roundTrips.get("business-hall")).toBe(0);
    }
  });
});

describe("with one system sick", () => {
  it("the hall down: its fields are null with SOURCE_UNAVAILABLE naming it, billing's still served", async () => {
    const [account] = await rows<{ no: string }>(`SELECT "ACCT_NBR" AS no FROM ${s.billing}."ACCT" ORDER BY "ACCT_ID" DESC LIMIT 1`);
    stack.simulators.hall.faults.set({ down: true });
    try {
      const { data, errors } = await stack.graphql(
        `query($no: ID!) { churnSummary(from: "2025-11-15", to: "2026-11-14") { linesRemoved } account(accountNo: $no) { accountNo balanceFen customer { workOrders { orderNo } churnEvents { kind } } } }`,
        { no: account!.no },
      );
      expect(data!.churnSummary).toBeNull();
      expect(data!.account).toMatchObject({ accountNo: account!.no, balanceFen: expect.any(Number), customer: null });
      expect(errors!.length).toBeGreaterThan(0);
      for (const error of errors!) expect(error.extensions).toMatchObject({ code: "SOURCE_UNAVAILABLE", source: "business-hall" });
      expect(errors!.map((e) => e.path?.join("."))).toEqual(expect.arrayContaining(["churnSummary", "account.customer"]));
    } finally {
      stack.simulators.hall.faults.clear();
    }
  });

  it("billing down: the hall's work orders are served, the judgements that read billing are null naming it", async () => {
    const id = nodes.find((n) => n.workOrders.length > 1)!.id;
    stack.simulators.billing.faults.set({ down: true });
    try {
      const { data, errors } = await stack.graphql(
        `query($id: ID!) { customer(id: $id) { id workOrders { orderNo } surveys { surveyId } churnEvents { kind } relationshipStatus { status } littleUsedLines { serviceNo } } }`,
        { id },
      );
      expect(data!.customer.workOrders.length).toBeGreaterThan(1);
      expect(data!.customer.surveys).toEqual(expect.any(Array));
      expect(data!.customer).toMatchObject({ churnEvents: null, relationshipStatus: null, littleUsedLines: null });
      for (const error of errors!) expect(error.extensions).toMatchObject({ code: "SOURCE_UNAVAILABLE", source: "billing" });
    } finally {
      stack.simulators.billing.faults.clear();
    }
  });
});
