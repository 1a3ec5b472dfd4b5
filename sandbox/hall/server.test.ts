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
        "QueryCustInfo", "QueryCustPage", "QueryCustByServNo", "QueryCustByCertNo", "QueryUserList", "QueryUserByServNo",
        "QueryContactList", "QueryComplaintList", "QuerySurveyList", "AddComplaint",
      ]),
    );
    expect(doc.definitions.service.port.address["@location"]).toBe(endpoint);
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
