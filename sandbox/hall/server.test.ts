import { XMLParser, XMLValidator } from "fast-xml-parser";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../schema/names.js";
import { startHallSimulator, type HallSimulator } from "./server.js";
import { HALL_NS, SOAP_ENV_NS } from "./xml.js";

const sandbox = inject("sandbox");
const schema = schemaNames(sandbox.schemaPrefix).hall;
const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: false, attributeNamePrefix: "@" });

let hall: HallSimulator;
let pool: pg.Pool;
let endpoint: string;

beforeAll(async () => {
  hall = await startHallSimulator({ databaseUrl: sandbox.databaseUrl, schema, port: 0 });
  endpoint = `${hall.url}/boss/CustService`;
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
});

afterAll(async () => {
  await hall.close();
  await pool.end();
});

afterEach(() => hall.faults.clear());

function envelope(body: string, ns = SOAP_ENV_NS): string {
  return `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${ns}" xmlns:cs="${HALL_NS}"><s:Body>${body}</s:Body></s:Envelope>`;
}

async function post(body: string, action: string | null = "", init: RequestInit = {}): Promise<{ status: number; doc: any }> {
  const headers: Record<string, string> = { "content-type": "text/xml; charset=utf-8" };
  if (action !== null) headers["soapaction"] = action;
  const response = await fetch(endpoint, { method: "POST", headers, body, ...init });
  const text = await response.text();
  return { status: response.status, doc: parser.parse(text) };
}

function fault(doc: any): { code: string; errCode: string; message: string } {
  const f = doc.Envelope.Body.Fault;
  return { code: f.faultcode, errCode: f.detail.ErrorInfo.ErrCode, message: f.faultstring };
}

describe("business hall simulator", () => {
  it("serves a WSDL naming every operation and its own address", async () => {
    const response = await fetch(`${endpoint}?wsdl`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/xml/);
    const wsdl = await response.text();
    expect(XMLValidator.validate(wsdl)).toBe(true);
    const doc = parser.parse(wsdl);
    const ops = [doc.definitions.portType.operation].flat().map((op: any) => op["@name"]);
    expect(ops).toEqual(
      expect.arrayContaining([
        "QueryCustInfo", "QueryCustPage", "QueryCustCount", "QueryCustByServNo", "QueryCustByCertNo", "QueryUserList", "QueryUserByServNo",
        "QueryContactList", "QueryComplaintList", "QuerySurveyList", "QueryWorkOrderList", "QueryCustFacts", "QueryChurnStat",
        "AddComplaint", "AddSurvey",
      ]),
    );
    expect(doc.definitions.service.port.address["@location"]).toBe(endpoint);
    const bindings = [doc.definitions.binding.operation].flat().map((op: any) => op.operation["@soapAction"]);
    expect(bindings).toContain(`${HALL_NS}/QueryCustFacts`);
  });

  it("describes QueryCustFacts in the WSDL with its nested lists", async () => {
    const doc = parser.parse(await (await fetch(`${endpoint}?wsdl`)).text());
    const elements = [doc.definitions.types.schema.element].flat();
    const sequence = (el: any) => [el.complexType.sequence.element].flat();
    const byName = (els: any[], name: string) => els.find((el: any) => el["@name"] === name);
    const request = byName(elements, "QueryCustFactsReq");
    expect(byName(sequence(byName(sequence(request), "CustNoList")), "CustNo")["@maxOccurs"]).toBe("unbounded");
    const facts = byName(sequence(byName(sequence(byName(elements, "QueryCustFactsRsp")), "CustFactsList")), "CustFacts");
    expect(facts["@maxOccurs"]).toBe("unbounded");
    const parts = sequence(facts);
    expect(parts.map((el: any) => el["@name"])).toEqual([
      "CustNo", "CustType", "CreateTime", "DetailType", "UserInfoList", "ComplaintInfoList", "SurveyInfoList", "WorkOrderInfoList",
    ]);
    const leaves = (list: string, item: string) => sequence(byName(sequence(byName(parts, list)), item)).map((el: any) => el["@name"]);
    expect(leaves("UserInfoList", "UserInfo")).toEqual(["ServNo", "ProductCode", "Status", "StartDate"]);
    expect(leaves("ComplaintInfoList", "ComplaintInfo")).toEqual(["ComplaintNo", "ComplaintType", "AcceptTime", "Status"]);
    expect(leaves("SurveyInfoList", "SurveyInfo")).toEqual([
      "SurveyId", "SurveyDate", "Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "OtherCarrier", "Scale",
    ]);
    expect(leaves("WorkOrderInfoList", "WorkOrderInfo")).toEqual([
      "OrderNo", "ServNo", "OrderType", "AcceptTime", "FinishDate", "Status", "ReasonCode", "CompetitorCode",
    ]);
  });

  it("answers QueryCustFacts with each customer's users, complaints and surveys nested, in one envelope", async () => {
    const [busy] = (
      await pool.query<{ cust_no: string }>(
        `SELECT c.cust_no FROM ${schema}.tb_cust c
         WHERE EXISTS (SELECT 1 FROM ${schema}.tb_complaint p WHERE p.cust_no = c.cust_no)
           AND EXISTS (SELECT 1 FROM ${schema}.tb_survey v WHERE v.cust_no = c.cust_no)
         ORDER BY c.cust_no LIMIT 1`,
      )
    ).rows;
    const [quiet] = (
      await pool.query<{ cust_no: string }>(
        `SELECT c.cust_no FROM ${schema}.tb_cust c
         WHERE NOT EXISTS (SELECT 1 FROM ${schema}.tb_complaint p WHERE p.cust_no = c.cust_no)
           AND NOT EXISTS (SELECT 1 FROM ${schema}.tb_survey v WHERE v.cust_no = c.cust_no)
         ORDER BY c.cust_no LIMIT 1`,
      )
    ).rows;
    expect(busy).toBeDefined();
    expect(quiet).toBeDefined();
    const ids = [busy?.cust_no, quiet?.cust_no] as string[];
    const keys = [...ids, "320199999997"].map((id) => `<CustNo>${id}</CustNo>`).join("");
    const { status, doc } = await post(envelope(`<cs:QueryCustFactsReq><CustNoList>${keys}</CustNoList></cs:QueryCustFactsReq>`), `"${HALL_NS}/QueryCustFacts"`);
    expect(status).toBe(200);
    const answer = doc.Envelope.Body.QueryCustFactsRsp;
    expect(answer.RetCode).toBe("0");
    const found = [answer.CustFactsList.CustFacts].flat();
    expect(found.map((c: any) => c.CustNo)).toEqual([...ids].sort());

    const [cust] = (
      await pool.query(
        `SELECT cust_type, detail_type, to_char(create_time, 'YYYY-MM-DD HH24:MI:SS') AS created FROM ${schema}.tb_cust WHERE cust_no = $1`,
        [busy?.cust_no],
      )
    ).rows;
    const users = (
      await pool.query(
        `SELECT serv_no, product_code, status, to_char(start_date, 'YYYY-MM-DD') AS start_date FROM ${schema}.tb_user
         WHERE cust_no = $1 ORDER BY user_id`,
        [busy?.cust_no],
      )
    ).rows;
    const complaints = (
      await pool.query(`SELECT complaint_no, complaint_type FROM ${schema}.tb_complaint WHERE cust_no = $1 ORDER BY accept_time, complaint_no`, [
        busy?.cust_no,
      ])
    ).rows;
    const surveys = (
      await pool.query(`SELECT survey_id::text, q1::text, q9::text, other_carrier FROM ${schema}.tb_survey WHERE cust_no = $1 ORDER BY survey_date, survey_id`, [
        busy?.cust_no,
      ])
    ).rows;
    const busyFacts = found.find((c: any) => c.CustNo === busy?.cust_no);
    expect(busyFacts).toMatchObject({ CustType: cust.cust_type, DetailType: cust.detail_type, CreateTime: cust.created });
    const items = (list: any, item: string) => (list === "" ? [] : [list[item]].flat());
    expect(items(busyFacts.UserInfoList, "UserInfo")).toEqual(
      users.map((u) => ({ ServNo: u.serv_no, ProductCode: u.product_code, Status: u.status, StartDate: u.start_date })),
    );
    expect(items(busyFacts.ComplaintInfoList, "ComplaintInfo").map((c: any) => [c.ComplaintNo, c.ComplaintType])).toEqual(
      complaints.map((c) => [c.complaint_no, c.complaint_type]),
    );
    expect(items(busyFacts.SurveyInfoList, "SurveyInfo").map((v: any) => [v.SurveyId, v.Q1, v.Q9, v.OtherCarrier])).toEqual(
      surveys.map((v) => [v.survey_id, v.q1, v.q9, v.other_carrier]),
    );
    const orders = (
      await pool.query(
        `SELECT order_no, order_type, coalesce(to_char(finish_date, 'YYYY-MM-DD'), '') AS finish, coalesce(reason_code, '') AS reason
         FROM ${schema}.tb_work_order WHERE cust_no = $1 ORDER BY accept_time, order_no`,
        [busy?.cust_no],
      )
    ).rows;
    expect(orders.length).toBeGreaterThan(0);
    expect(items(busyFacts.WorkOrderInfoList, "WorkOrderInfo").map((o: any) => [o.OrderNo, o.OrderType, o.FinishDate, o.ReasonCode])).toEqual(
      orders.map((o) => [o.order_no, o.order_type, o.finish, o.reason]),
    );
    const quietFacts = found.find((c: any) => c.CustNo === quiet?.cust_no);
    expect(quietFacts.ComplaintInfoList).toBe("");
    expect(quietFacts.SurveyInfoList).toBe("");
  });

  it("refuses QueryCustFacts without customer numbers", async () => {
    const { status, doc } = await post(envelope(`<cs:QueryCustFactsReq><CustNoList/></cs:QueryCustFactsReq>`));
    expect(status).toBe(500);
    expect(fault(doc)).toMatchObject({ code: "soap:Client", errCode: "E001" });
  });

  it("answers a query for many keys in one envelope, values as stored", async () => {
    const { rows } = await pool.query<{ cust_no: string; cust_name: string; region_name: string }>(
      `SELECT c.cust_no, c.cust_name, r.region_name FROM ${schema}.tb_cust c JOIN ${schema}.tb_region r USING (region_code)
       ORDER BY c.cust_no LIMIT 3`,
    );
    const keys = [...rows.map((r) => `<CustNo>${r.cust_no}</CustNo>`), "<CustNo>999999999999</CustNo>"].join("");
    const { status, doc } = await post(envelope(`<cs:QueryCustInfoReq><CustNoList>${keys}</CustNoList></cs:QueryCustInfoReq>`), `"${HALL_NS}/QueryCustInfo"`);
    expect(status).toBe(200);
    const answer = doc.Envelope.Body.QueryCustInfoRsp;
    expect(answer.RetCode).toBe("0");
    const found = [answer.CustInfoList.CustInfo].flat();
    expect(found.map((c: any) => [c.CustNo, c.CustName, c.RegionName])).toEqual(rows.map((r) => [r.cust_no, r.cust_name, r.region_name]));
    expect(found[0].CreateTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it("answers a bad request with a soap:Client fault", async () => {
    const missingKeys = await post(envelope(`<cs:QueryUserListReq/>`));
    expect(missingKeys.status).toBe(500);
    expect(fault(missingKeys.doc)).toMatchObject({ code: "soap:Client", errCode: "E001" });

    const notXml = await post("<s:Envelope><oops>");
    expect(fault(notXml.doc)).toMatchObject({ code: "soap:Client", errCode: "E001" });

    const unknown = await post(envelope(`<cs:DropCustReq/>`));
    expect(fault(unknown.doc).code).toBe("soap:Client");

    const wrongAction = await post(envelope(`<cs:QueryUserListReq><CustNoList><CustNo>1</CustNo></CustNoList></cs:QueryUserListReq>`), `"${HALL_NS}/AddComplaint"`);
    expect(fault(wrongAction.doc).code).toBe("soap:Client");

    const noAction = await post(envelope(`<cs:QueryUserListReq><CustNoList><CustNo>1</CustNo></CustNoList></cs:QueryUserListReq>`), null);
    expect(fault(noAction.doc).code).toBe("soap:Client");

    const badPage = await post(envelope(`<cs:QueryCustPageReq><PageSize>lots</PageSize></cs:QueryCustPageReq>`));
    expect(fault(badPage.doc)).toMatchObject({ code: "soap:Client", errCode: "E001" });

    const badRegion = await post(envelope(`<cs:QueryCustCountReq><RegionCode>3%</RegionCode></cs:QueryCustCountReq>`));
    expect(fault(badRegion.doc)).toMatchObject({ code: "soap:Client", errCode: "E001" });

    const dtd = await post(`<!DOCTYPE x [<!ENTITY e "e">]>` + envelope(`<cs:QueryUserListReq/>`));
    expect(fault(dtd.doc).code).toBe("soap:Client");
  });

  it("refuses a SOAP 1.2 envelope with VersionMismatch", async () => {
    const { status, doc } = await post(envelope(`<cs:QueryUserListReq/>`, "http://www.w3.org/2003/05/soap-envelope"));
    expect(status).toBe(500);
    expect(fault(doc).code).toBe("soap:VersionMismatch");
  });

  it("refuses a complaint for an unknown customer or an unknown type", async () => {
    const unknownCustomer = await post(
      envelope(`<cs:AddComplaintReq><CustNo>320199999998</CustNo><ComplaintType>01</ComplaintType><Content>x</Content></cs:AddComplaintReq>`),
    );
    expect(fault(unknownCustomer.doc)).toMatchObject({ code: "soap:Client", errCode: "E101" });
    const badType = await post(
      envelope(`<cs:AddComplaintReq><CustNo>320199999998</CustNo><ComplaintType>99</ComplaintType><Content>x</Content></cs:AddComplaintReq>`),
    );
    expect(fault(badType.doc)).toMatchObject({ code: "soap:Client", errCode: "E103" });
  });

  it("answers a database failure with a soap:Server fault", async () => {
    const broken = await startHallSimulator({ databaseUrl: sandbox.databaseUrl, schema: "no_such_schema" });
    try {
      const response = await fetch(`${broken.url}/boss/CustService`, {
        method: "POST",
        headers: { "content-type": "text/xml", soapaction: "" },
        body: envelope(`<cs:QueryUserListReq><CustNoList><CustNo>320100000001</CustNo></CustNoList></cs:QueryUserListReq>`),
      });
      expect(response.status).toBe(500);
      expect(fault(parser.parse(await response.text()))).toMatchObject({ code: "soap:Server", errCode: "E999" });
    } finally {
      await broken.close();
    }
  });

  it("keeps to HTTP for what is not a SOAP call", async () => {
    expect((await fetch(`${hall.url}/other`)).status).toBe(404);
    expect((await fetch(endpoint)).status).toBe(405);
    const json = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(json.status).toBe(415);
  });

  it("goes down, slows down and fails on the fault switch", async () => {
    const request = envelope(`<cs:QueryUserListReq><CustNoList><CustNo>320100000001</CustNo></CustNoList></cs:QueryUserListReq>`);

    const control = await fetch(`${hall.url}/__sim/faults`, { method: "PUT", body: JSON.stringify({ down: true }) });
    expect(await control.json()).toMatchObject({ down: true });
    await expect(post(request)).rejects.toThrow();

    hall.faults.set({ down: false, errorRate: 1 });
    expect((await post(request)).status).toBe(503);

    hall.faults.set({ errorRate: 0, latencyMs: 2_000 });
    await expect(post(request, "", { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: "TimeoutError" });

    await fetch(`${hall.url}/__sim/faults`, { method: "DELETE" });
    expect((await post(request)).status).toBe(200);
  });
});
