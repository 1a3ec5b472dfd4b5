import { XMLParser } from "fast-xml-parser";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../schema/names.js";
import { startHallSimulator, type HallSimulator } from "./server.js";
import { HALL_NS, SOAP_ENV_NS } from "./xml.js";

const sandbox = inject("sandbox");
const schema = schemaNames(sandbox.schemaPrefix).hall;
const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, isArray: (_name, jpath) => /List\.[^.]+$/.test(String(jpath)) });
const run = `hall-survey-${process.pid}${Date.now().toString(36)}`;

let hall: HallSimulator;
let pool: pg.Pool;

beforeAll(async () => {
  hall = await startHallSimulator({ databaseUrl: sandbox.databaseUrl, schema, port: 0 });
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
});

afterAll(async () => {
  await pool.query(`DELETE FROM ${schema}.tb_survey WHERE client_serial LIKE $1`, [`${run}%`]);
  await hall.close();
  await pool.end();
});

async function call(operation: string, content: string): Promise<{ status: number; answer: any; fault: any }> {
  const body = `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${SOAP_ENV_NS}" xmlns:cs="${HALL_NS}"><s:Body><cs:${operation}Req>${content}</cs:${operation}Req></s:Body></s:Envelope>`;
  const response = await fetch(`${hall.url}/boss/CustService`, { method: "POST", headers: { "content-type": "text/xml", soapaction: `"${HALL_NS}/${operation}"` }, body });
  const doc = parser.parse(await response.text());
  const fault = doc.Envelope.Body.Fault;
  return { status: response.status, answer: doc.Envelope.Body[`${operation}Rsp`], fault: fault && { code: fault.faultcode, errCode: fault.detail.ErrorInfo.ErrCode } };
}

const items = (list: any, item: string): any[] => (list === "" || list === undefined ? [] : list[item]);
const rows = async <R>(sql: string, values: unknown[] = []) => (await pool.query(sql, values)).rows as R[];

describe("business hall: work orders", () => {
  it("lists each customer's work orders as stored, in the order accepted", async () => {
    const custNos = (
      await rows<{ cust_no: string }>(
        `SELECT cust_no FROM ${schema}.tb_work_order GROUP BY cust_no
         HAVING bool_or(order_type = '02') OR bool_or(order_type = '04') ORDER BY cust_no LIMIT 5`,
      )
    ).map((r) => r.cust_no);
    expect(custNos.length).toBeGreaterThan(1);
    const { status, answer } = await call("QueryWorkOrderList", `<CustNoList>${custNos.map((c) => `<CustNo>${c}</CustNo>`).join("")}</CustNoList>`);
    expect(status).toBe(200);
    const stored = await rows<Record<string, string>>(
      `SELECT order_no, cust_no, serv_no, order_type, to_char(accept_time, 'YYYY-MM-DD HH24:MI:SS') AS accept_time,
              coalesce(to_char(finish_date, 'YYYY-MM-DD'), '') AS finish_date, status, coalesce(reason_code, '') AS reason_code,
              coalesce(competitor_code, '') AS competitor_code, coalesce(old_cust_no, '') AS old_cust_no
       FROM ${schema}.tb_work_order WHERE cust_no = ANY($1) ORDER BY cust_no, accept_time, order_no`,
      [custNos],
    );
    expect(items(answer.WorkOrderInfoList, "WorkOrderInfo")).toEqual(
      stored.map((r) => ({
        OrderNo: r.order_no,
        CustNo: r.cust_no,
        ServNo: r.serv_no,
        OrderType: r.order_type,
        AcceptTime: r.accept_time,
        FinishDate: r.finish_date,
        Status: r.status,
        ReasonCode: r.reason_code,
        CompetitorCode: r.competitor_code,
        OldCustNo: r.old_cust_no,
      })),
    );
  });

  it("counts removals and moves of a period by type, reason and competitor, as the table says", async () => {
    const period = "<FromDate>2025-11-01</FromDate><ToDate>2026-11-15</ToDate>";
    const { answer } = await call("QueryChurnStat", period);
    const expected = await rows<Record<string, string>>(
      `SELECT order_type, coalesce(reason_code, '') AS reason, coalesce(competitor_code, '') AS competitor, count(*)::text AS lines,
              count(DISTINCT cust_no)::text AS custs
       FROM ${schema}.tb_work_order WHERE order_type IN ('02', '03') AND status = '2' AND finish_date BETWEEN '2025-11-01' AND '2026-11-15'
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    expect(expected.length).toBeGreaterThan(2);
    expect(items(answer.ChurnStatList, "ChurnStat").map((r) => [r.OrderType, r.ReasonCode, r.CompetitorCode, r.LineCount, r.CustCount])).toEqual(
      expected.map((r) => [r.order_type, r.reason, r.competitor, r.lines, r.custs]),
    );
    const [carriers] = await rows<{ n: string }>(
      `SELECT count(DISTINCT cust_no)::text AS n FROM ${schema}.tb_survey WHERE other_carrier = 'Y' AND survey_date BETWEEN '2025-11-01' AND '2026-11-15'`,
    );
    expect(answer.OtherCarrierCount).toBe(carriers?.n);
  });

  it("narrows the count by number prefix, customer list, customer criteria and product", async () => {
    const period = "<FromDate>2024-01-01</FromDate><ToDate>2026-11-15</ToDate>";
    const total = (answer: any) => items(answer.ChurnStatList, "ChurnStat").reduce((sum, r) => sum + Number(r.LineCount), 0);
    const count = async (where: string, values: unknown[] = []) =>
      Number(
        (
          await rows<{ n: string }>(
            `SELECT count(*)::text AS n FROM ${schema}.tb_work_order w JOIN ${schema}.tb_cust c USING (cust_no) JOIN ${schema}.tb_user u ON u.serv_no = w.serv_no
             WHERE w.order_type IN ('02', '03') AND w.status = '2' AND w.finish_date BETWEEN '2024-01-01' AND '2026-11-15' AND ${where}`,
            values,
          )
        )[0]?.n,
      );
    expect(total((await call("QueryChurnStat", `${period}<CustNoPrefix>32</CustNoPrefix>`)).answer)).toBe(await count(`w.cust_no LIKE '32%'`));
    expect(total((await call("QueryChurnStat", `${period}<RegionCode>3301</RegionCode><CustType>01</CustType>`)).answer)).toBe(
      await count(`c.region_code = '3301' AND c.cust_type = '01'`),
    );
    expect(total((await call("QueryChurnStat", `${period}<ProductCode>YD</ProductCode>`)).answer)).toBe(await count(`u.product_code = 'YD'`));
    const listed = (await rows<{ cust_no: string }>(`SELECT DISTINCT cust_no FROM ${schema}.tb_work_order WHERE order_type = '02' ORDER BY 1 LIMIT 3`)).map((r) => r.cust_no);
    const list = `<CustNoList>${listed.map((c) => `<CustNo>${c}</CustNo>`).join("")}</CustNoList>`;
    expect(total((await call("QueryChurnStat", `${period}${list}`)).answer)).toBe(await count(`w.cust_no = ANY($1)`, [listed]));
  });

  it("refuses a period it cannot read, backwards or too long, and an unknown product", async () => {
    for (const content of [
      "<FromDate>2026-02-30</FromDate><ToDate>2026-03-01</ToDate>",
      "<FromDate>2026-03-01</FromDate><ToDate>2026-02-01</ToDate>",
      "<FromDate>2000-01-01</FromDate><ToDate>2026-01-01</ToDate>",
      "<ToDate>2026-01-01</ToDate>",
      "<FromDate>2026-01-01</FromDate><ToDate>2026-02-01</ToDate><ProductCode>XX</ProductCode>",
      "<FromDate>2026-01-01</FromDate><ToDate>2026-02-01</ToDate><CustNoPrefix>3a</CustNoPrefix>",
    ]) {
      const { status, fault } = await call("QueryChurnStat", content);
      expect(status, content).toBe(500);
      expect(fault, content).toMatchObject({ code: "soap:Client", errCode: "E001" });
    }
  });
});

describe("business hall: recording a survey", () => {
  const answers = (values: number[]) => values.map((v, i) => `<Q${i + 1}>${v}</Q${i + 1}>`).join("");

  it("records a hundred-point survey dated today, once per ClientSerial", async () => {
    const [customer] = await rows<{ cust_no: string }>(`SELECT cust_no FROM ${schema}.tb_cust ORDER BY cust_no LIMIT 1`);
    const content = `<CustNo>${customer?.cust_no}</CustNo>${answers([90, 85, 80, 75, 70, 65, 60, 55, 100])}<OtherCarrier>Y</OtherCarrier><ClientSerial>${run}-a</ClientSerial>`;
    const first = await call("AddSurvey", content);
    expect(first.answer).toMatchObject({ RetCode: "0", Scale: "2", RepeatFlag: "N" });
    expect(first.answer.SurveyDate).toBe(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
    const [stored] = await rows<Record<string, unknown>>(
      `SELECT survey_id::text, cust_no, q1, q9, other_carrier, scale FROM ${schema}.tb_survey WHERE client_serial = $1`,
      [`${run}-a`],
    );
    expect(stored).toEqual({ survey_id: first.answer.SurveyId, cust_no: customer?.cust_no, q1: 90, q9: 100, other_carrier: "Y", scale: "2" });

    const again = await Promise.all([call("AddSurvey", content), call("AddSurvey", content)]);
    for (const repeat of again) expect(repeat.answer).toMatchObject({ SurveyId: first.answer.SurveyId, RepeatFlag: "Y" });
    const conflict = await call("AddSurvey", content.replace("<Q1>90</Q1>", "<Q1>91</Q1>"));
    expect(conflict.fault).toMatchObject({ code: "soap:Client", errCode: "E104" });
    expect(await rows(`SELECT 1 FROM ${schema}.tb_survey WHERE client_serial = $1`, [`${run}-a`])).toHaveLength(1);
  });

  it("refuses an answer outside 0-100, an unknown customer or a bad OtherCarrier, writing nothing", async () => {
    const [customer] = await rows<{ cust_no: string }>(`SELECT cust_no FROM ${schema}.tb_cust ORDER BY cust_no LIMIT 1`);
    const cases: [string, string][] = [
      [`<CustNo>${customer?.cust_no}</CustNo>${answers([101, 1, 1, 1, 1, 1, 1, 1, 1])}<OtherCarrier>N</OtherCarrier>`, "E105"],
      [`<CustNo>${customer?.cust_no}</CustNo>${answers([-1, 1, 1, 1, 1, 1, 1, 1, 1])}<OtherCarrier>N</OtherCarrier>`, "E105"],
      [`<CustNo>${customer?.cust_no}</CustNo>${answers([1, 1, 1, 1, 1, 1, 1, 1])}<OtherCarrier>N</OtherCarrier>`, "E001"],
      [`<CustNo>320199999998</CustNo>${answers([1, 1, 1, 1, 1, 1, 1, 1, 1])}<OtherCarrier>N</OtherCarrier>`, "E101"],
      [`<CustNo>${customer?.cust_no}</CustNo>${answers([1, 1, 1, 1, 1, 1, 1, 1, 1])}<OtherCarrier>X</OtherCarrier>`, "E001"],
    ];
    for (const [content, errCode] of cases) {
      const { fault } = await call("AddSurvey", `${content}<ClientSerial>${run}-bad</ClientSerial>`);
      expect(fault, content).toMatchObject({ code: "soap:Client", errCode });
    }
    expect(await rows(`SELECT 1 FROM ${schema}.tb_survey WHERE client_serial = $1`, [`${run}-bad`])).toHaveLength(0);
  });
});
