import { describe, expect, it } from "vitest";
import { expectMalformedAt, expectRefusedUpFront, rejection, served, withRows } from "../kit/testing.js";
import { hallAdapterFixture } from "./hall.testing.js";
import type { SatisfactionScores } from "./port.js";

/** Work orders, churn counts and surveys through the hall's SOAP adapter, against the hall's tables read directly. */

const run = `${process.pid}${Date.now().toString(36)}`;
const TYPES: Record<string, string> = { "01": "INSTALLATION", "02": "REMOVAL", "03": "MOVE", "04": "TRANSFER" };
const STATUSES: Record<string, string> = { "0": "ACCEPTED", "1": "DISPATCHED", "2": "COMPLETED", "3": "CANCELLED" };
const REASONS: Record<string, string> = { "01": "MOVED_AWAY", "02": "PRICE", "03": "QUALITY", "04": "COMPETITOR", "05": "ARREARS", "06": "DECEASED_OR_CLOSED", "09": "OTHER" };
const COMPETITORS: Record<string, string> = { "01": "CHINA_MOBILE", "02": "CHINA_UNICOM", "03": "CHINA_BROADNET", "09": "OTHER" };

const hall = hallAdapterFixture({
  cleanup: ({ s, sql }) => sql(`DELETE FROM ${s}.tb_survey WHERE client_serial LIKE $1`, [`hall-survey-${run}-%`]),
});
const { s, counter, sql } = hall;

const orderRow = (no: string, custNo: string, type: string, status: string, finish: string | null, reason: string | null = null, competitor: string | null = null) =>
  `INSERT INTO ${s}.tb_work_order VALUES ('${no}', '${custNo}', '02599999999', '${type}', '2026-03-01 10:00:00', ${finish ? `'${finish}'` : "NULL"}, '${status}', ${reason ? `'${reason}'` : "NULL"}, ${competitor ? `'${competitor}'` : "NULL"}, NULL);`;

describe("business hall SOAP adapter: work orders", () => {
  it("reads the work orders of many customers in one round trip, as the hall's table holds them", async () => {
    const ids = (await sql<{ cust_no: string }>(`SELECT cust_no FROM ${s}.tb_cust ORDER BY cust_no LIMIT 120`)).map((r) => r.cust_no);
    const orders = served(await hall.adapter.getWorkOrders(ids));
    expect(counter.get("business-hall")).toBe(1);
    counter.reset();
    served(await hall.adapter.getWorkOrders(ids.slice(0, 1)));
    expect(counter.get("business-hall")).toBe(1);
    const rows = await sql<Record<string, string | null>>(
      `SELECT order_no, cust_no, serv_no, order_type, to_char(accept_time, 'YYYY-MM-DD"T"HH24:MI:SS') AS accepted,
              to_char(finish_date, 'YYYY-MM-DD') AS finished, status, reason_code, competitor_code, old_cust_no
       FROM ${s}.tb_work_order WHERE cust_no = ANY($1) ORDER BY cust_no, accept_time, order_no`,
      [ids],
    );
    expect(rows.some((r) => r.order_type === "02")).toBe(true);
    expect([...orders.values()].flat()).toEqual(
      rows.map((r) => ({
        orderNo: r.order_no,
        customerId: r.cust_no,
        serviceNo: r.serv_no,
        type: TYPES[r.order_type as string],
        acceptedAt: `${r.accepted}+08:00`,
        completedOn: r.finished,
        status: STATUSES[r.status as string],
        removalReason: r.reason_code == null ? null : REASONS[r.reason_code],
        competitor: r.competitor_code == null ? null : COMPETITORS[r.competitor_code],
        previousCustomerId: r.old_cust_no,
      })),
    );
    const facts = served(await hall.adapter.getProfileFacts(ids));
    for (const id of ids) {
      expect(facts.get(id)?.workOrders).toEqual(orders.get(id)?.map(({ customerId: _c, previousCustomerId: _p, ...fact }) => fact));
    }
  });

  it("gives a customer with a work order that breaks the hall's rules that order's error, naming it", async () => {
    const custNo = "320199999931";
    const other = (await sql<{ cust_no: string }>(`SELECT cust_no FROM ${s}.tb_cust ORDER BY cust_no LIMIT 1`))[0]?.cust_no as string;
    const customer = `INSERT INTO ${s}.tb_cust VALUES ('${custNo}', '测试', '01', 'M', 1980, '3201', '地址', '13300000000', '1', '320101198001010011', '', 'A', '农业', '3', '01', '2019-06-30 23:59:58');`;
    const cleanup = `DELETE FROM ${s}.tb_work_order WHERE cust_no = '${custNo}'; DELETE FROM ${s}.tb_cust WHERE cust_no = '${custNo}';`;
    const cases: [string, RegExp][] = [
      [orderRow("GD99999999999931", custNo, "03", "3", "2026-03-02"), /FinishDate: a finish date on a cancelled order/],
      [orderRow("GD99999999999932", custNo, "01", "2", "2026-03-02", "04"), /ReasonCode: a removal reason on a installation order/],
      [orderRow("GD99999999999933", custNo, "02", "2", "2026-03-02", "02", "01"), /CompetitorCode: a competitor without the reason COMPETITOR/],
      [orderRow("GD99999999999934", custNo, "07", "2", "2026-03-02"), /OrderType: unknown code "07"/],
    ];
    for (const [insert, message] of cases) {
      const orderNo = /'(GD\d+)'/.exec(insert)?.[1] as string;
      await withRows(hall.pool, customer + insert, cleanup, async () => {
        const found = await hall.adapter.getWorkOrders([custNo, other]);
        expect(expectMalformedAt(found, custNo, "business-hall", `WorkOrderInfo ${orderNo}`).message).toMatch(message);
        expectMalformedAt(await hall.adapter.getProfileFacts([custNo, other]), custNo, "business-hall", `WorkOrderInfo ${orderNo}`);
      });
    }
  });
});

describe("business hall SOAP adapter: churn counts", () => {
  const count = async (where: string, values: unknown[] = []) =>
    sql<{ type: string; reason: string | null; competitor: string | null; lines: string; customers: string }>(
      `SELECT w.order_type AS type, reason_code AS reason, competitor_code AS competitor, count(*)::text AS lines, count(DISTINCT w.cust_no)::text AS customers
       FROM ${s}.tb_work_order w JOIN ${s}.tb_cust c ON c.cust_no = w.cust_no
       WHERE w.order_type IN ('02', '03') AND w.status = '2' AND w.finish_date BETWEEN '2025-11-15' AND '2026-11-14' AND ${where}
       GROUP BY 1, 2, 3 ORDER BY 1, 2 NULLS FIRST, 3 NULLS FIRST`,
      values,
    );
  const expected = (rows: Awaited<ReturnType<typeof count>>) =>
    rows.map((r) => ({
      type: r.type === "02" ? "REMOVAL" : "MOVE",
      removalReason: r.reason === null ? null : REASONS[r.reason],
      competitor: r.competitor === null ? null : COMPETITORS[r.competitor],
      lines: Number(r.lines),
      customers: Number(r.customers),
    }));
  const period = { from: "2025-11-15", to: "2026-11-14" };

  it("counts a year's removals and moves in one round trip, as the table says, within the scope and filter", async () => {
    const all = await hall.adapter.countChurn({ ...period, scope: { customerIdPrefix: null, customerIds: null } });
    expect(counter.get("business-hall")).toBe(1);
    expect(all.groups).toEqual(expected(await count("TRUE")));
    expect(all.groups.some((g) => g.removalReason === "COMPETITOR" && g.competitor !== null)).toBe(true);
    const [carriers] = await sql<{ n: number }>(
      `SELECT count(DISTINCT cust_no)::int AS n FROM ${s}.tb_survey WHERE other_carrier = 'Y' AND survey_date BETWEEN '2025-11-15' AND '2026-11-14'`,
    );
    expect(all.otherCarrierCustomers).toBe(carriers?.n);

    const scoped = await hall.adapter.countChurn({ ...period, scope: { customerIdPrefix: "3201", customerIds: null }, filter: { kind: "RESIDENTIAL", productCode: "MOBILE" } });
    const mobile = await count(`w.cust_no LIKE '3201%' AND c.cust_type = '01' AND EXISTS (SELECT 1 FROM ${s}.tb_user u WHERE u.serv_no = w.serv_no AND u.product_code = 'YD')`);
    expect(scoped.groups).toEqual(expected(mobile));
  });

  it("counts a portfolio's customers only, and asks nothing for an empty one", async () => {
    const listed = (await sql<{ cust_no: string }>(`SELECT DISTINCT cust_no FROM ${s}.tb_work_order WHERE order_type = '02' ORDER BY 1 LIMIT 4`)).map((r) => r.cust_no);
    const counted = await hall.adapter.countChurn({ from: "2024-01-01", to: "2026-11-14", scope: { customerIdPrefix: null, customerIds: listed } });
    expect(counted.groups.reduce((sum, g) => sum + g.lines, 0)).toBeGreaterThan(0);
    const rows = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${s}.tb_work_order WHERE order_type IN ('02', '03') AND status = '2' AND finish_date BETWEEN '2024-01-01' AND '2026-11-14' AND cust_no = ANY($1)`,
      [listed],
    );
    expect(counted.groups.reduce((sum, g) => sum + g.lines, 0)).toBe(rows[0]?.n);
    counter.reset();
    expect(await hall.adapter.countChurn({ ...period, scope: { customerIdPrefix: null, customerIds: [] } })).toEqual({ groups: [], otherCarrierCustomers: 0 });
    expect(counter.get("business-hall")).toBe(0);
  });

  it("refuses a bad period, prefix or filter before anything is sent", async () => {
    const scope = { customerIdPrefix: null, customerIds: null };
    for (const request of [
      { from: "2026-02-30", to: "2026-03-01", scope },
      { from: "2026-03-01", to: "2026-02-01", scope },
      { ...period, scope: { customerIdPrefix: "32x", customerIds: null } },
      { ...period, scope: { customerIdPrefix: null, customerIds: ["32010000001"] } },
      { ...period, scope, filter: { productCode: "FAX" as never } },
      { ...period, scope, filter: { regionCode: "3" } },
    ]) {
      await expectRefusedUpFront(() => hall.adapter.countChurn(request), counter, "business-hall");
    }
  });
});

describe("business hall SOAP adapter: surveys", () => {
  const scores = (value: number): SatisfactionScores => ({
    image: value,
    attitude: value,
    serviceQuality: value,
    care: value,
    reliability: value,
    timeliness: value,
    security: value,
    qualityForPrice: value,
    priceForQuality: value,
  });

  it("reads each survey on its own scale", async () => {
    const rows = await sql<{ cust_no: string; survey_id: string; scale: string; q1: number; q9: number }>(
      `SELECT DISTINCT ON (scale) cust_no, survey_id::text, scale, q1, q9 FROM ${s}.tb_survey ORDER BY scale, survey_id`,
    );
    expect(rows.map((r) => r.scale)).toEqual(["1", "2"]);
    const surveys = served(await hall.adapter.getSurveyAnswers(rows.map((r) => r.cust_no)));
    for (const row of rows) {
      const answer = surveys.get(row.cust_no)?.find((a) => a.id === row.survey_id);
      expect(answer).toMatchObject({ scale: row.scale === "1" ? "FIVE_POINT" : "HUNDRED_POINT", scores: { image: row.q1, priceForQuality: row.q9 } });
    }
  });

  it("gives a survey with an answer outside its scale its own error", async () => {
    const custNo = (await sql<{ cust_no: string }>(`SELECT cust_no FROM ${s}.tb_cust ORDER BY cust_no LIMIT 1`))[0]?.cust_no as string;
    await withRows(
      hall.pool,
      `INSERT INTO ${s}.tb_survey VALUES (999999999941, '${custNo}', '2026-01-01', 101, 50, 50, 50, 50, 50, 50, 50, 50, 'N', '2', NULL);`,
      `DELETE FROM ${s}.tb_survey WHERE survey_id = 999999999941`,
      async () => {
        const error = expectMalformedAt(await hall.adapter.getSurveyAnswers([custNo]), custNo, "business-hall", "SurveyInfo 999999999941");
        expect(error.message).toMatch(/Q1: answer 101 is outside the HUNDRED_POINT scale/);
      },
    );
  });

  it("records a survey once however often its key is replayed, and reads it back", async () => {
    const custNo = (await sql<{ cust_no: string }>(`SELECT cust_no FROM ${s}.tb_cust ORDER BY cust_no DESC LIMIT 1`))[0]?.cust_no as string;
    const request = { customerId: custNo, scores: { ...scores(70), reliability: 0, priceForQuality: 100 }, usesOtherCarrier: true, idempotencyKey: `hall-survey-${run}-once` };
    const results = await Promise.all([hall.adapter.recordSurvey(request), hall.adapter.recordSurvey(request), hall.adapter.recordSurvey(request)]);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const { record } = results[0]!;
    expect(new Set(results.map((r) => r.record.id))).toEqual(new Set([record.id]));
    expect(record).toMatchObject({ customerId: custNo, scale: "HUNDRED_POINT", scores: request.scores, usesOtherCarrier: true });
    const listed = served(await hall.adapter.getSurveyAnswers([custNo])).get(custNo);
    expect(listed?.find((a) => a.id === record.id)).toEqual(record);
    const stored = await sql(`SELECT q5, q9, other_carrier, scale FROM ${s}.tb_survey WHERE client_serial = $1`, [request.idempotencyKey]);
    expect(stored).toEqual([{ q5: 0, q9: 100, other_carrier: "Y", scale: "2" }]);

    const conflict = await rejection(hall.adapter.recordSurvey({ ...request, usesOtherCarrier: false }));
    expect(conflict.code).toBe("CONFLICT");
  });

  it("refuses bad answers before anything is sent, and an unknown customer from the hall's fault, writing nothing", async () => {
    const custNo = (await sql<{ cust_no: string }>(`SELECT cust_no FROM ${s}.tb_cust ORDER BY cust_no LIMIT 1`))[0]?.cust_no as string;
    const base = { customerId: custNo, scores: scores(50), usesOtherCarrier: false, idempotencyKey: `hall-survey-${run}-bad` };
    for (const attempt of [
      { ...base, scores: { ...scores(50), care: 101 } },
      { ...base, scores: { ...scores(50), care: -1 } },
      { ...base, scores: { ...scores(50), care: 50.5 } },
      { ...base, scores: { ...scores(50), care: undefined as never } },
      { ...base, customerId: "32010000001" },
      { ...base, usesOtherCarrier: "no" as never },
      { ...base, idempotencyKey: "short" },
    ]) {
      await expectRefusedUpFront(() => hall.adapter.recordSurvey(attempt), counter, "business-hall");
    }
    const unknown = await rejection(hall.adapter.recordSurvey({ ...base, customerId: "320199999998" }));
    expect(unknown.code).toBe("BAD_USER_INPUT");
    expect(await sql(`SELECT 1 FROM ${s}.tb_survey WHERE client_serial = $1`, [base.idempotencyKey])).toHaveLength(0);
  });
});
