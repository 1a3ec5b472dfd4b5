import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { startHallSimulator } from "../../sandbox/hall/server.js";
import { expectMalformed, expectMalformedAt, expectRefusedUpFront, rejection, served, withRows } from "../kit/testing.js";
import { hallAdapterFixture } from "./hall.testing.js";
import { BusinessHallSoapAdapter } from "./soap.adapter.js";

const sandbox = inject("sandbox");
/** Sequence 99999901+ is beyond any generated customer (at most 9,999,999), so test rows cannot clash. */
const NO_SUCH_CUSTOMER = "320199999999";
const run = `${process.pid}${Date.now().toString(36)}`;

const hall = hallAdapterFixture({
  cleanup: ({ s, sql }) => sql(`DELETE FROM ${s}.tb_complaint WHERE client_serial LIKE $1`, [`hall-test-${run}-%`]),
});
const { s, counter, sql } = hall;
let firstIds: string[];

beforeAll(async () => {
  firstIds = (await sql<{ cust_no: string }>(`SELECT cust_no FROM ${s}.tb_cust ORDER BY cust_no LIMIT 100`)).map((row) => row.cust_no);
});

function countBy(rows: { cust_no: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.cust_no, (counts.get(row.cust_no) ?? 0) + 1);
  return counts;
}

describe("business hall SOAP adapter: batch reads", () => {
  it("reads 100 customers in one round trip, matching the hall's tables", async () => {
    expect(firstIds).toHaveLength(100);
    const customers = served(await hall.adapter.getCustomers(firstIds));
    expect(counter.get("business-hall")).toBe(1);
    expect(customers.size).toBe(100);

    const rows = await sql<Record<string, string | number | null>>(
      `SELECT c.cust_no, c.cust_name, c.cust_type, c.gender, c.birth_year, c.region_code, r.region_name, c.cert_type, c.cert_no,
              c.industry_code, c.industry_name, c.education, c.detail_type, c.occupation,
              to_char(c.create_time, 'YYYY-MM-DD"T"HH24:MI:SS') AS created
       FROM ${s}.tb_cust c JOIN ${s}.tb_region r USING (region_code) WHERE c.cust_no = ANY($1)`,
      [firstIds],
    );
    expect(rows).toHaveLength(100);
    const kinds: Record<string, string> = { "01": "RESIDENTIAL", "02": "BUSINESS", "03": "INDIVIDUAL_KEY_ACCOUNT", "04": "ENTERPRISE_KEY_ACCOUNT" };
    for (const row of rows) {
      const customer = customers.get(row.cust_no as string);
      expect(customer).toMatchObject({
        id: row.cust_no,
        name: row.cust_name,
        kind: kinds[row.cust_type as string],
        birthYear: row.birth_year,
        region: { code: row.region_code, name: row.region_name },
        idDocument: { kind: row.cert_type === "1" ? "ID_CARD" : "BUSINESS_LICENCE", number: row.cert_no },
        industry: { code: row.industry_code, name: row.industry_name },
        createdAt: `${row.created}+08:00`,
      });
      const person = row.cust_type === "01" || row.cust_type === "03";
      expect(customer?.gender).toBe(person ? (row.gender === "M" ? "MALE" : "FEMALE") : null);
      expect(customer?.occupation).toBe(person ? row.occupation : null);
      if (row.education === "0") expect(customer?.education).toBeNull();
      if (row.education === "5") expect(customer?.education).toBe("POSTGRADUATE");
      expect(["ORDINARY", "APARTMENT", "VILLA"][Number(row.detail_type) - 1]).toBe(customer?.category);
    }
  });

  it("reads the subscriptions of 100 customers in one round trip", async () => {
    const subscriptions = served(await hall.adapter.getSubscriptionsByCustomer(firstIds));
    expect(counter.get("business-hall")).toBe(1);
    const rows = await sql<{ cust_no: string; serv_no: string; product_code: string; product_name: string; start_date: string; status: string }>(
      `SELECT cust_no, serv_no, product_code, product_name, to_char(start_date, 'YYYY-MM-DD') AS start_date, status
       FROM ${s}.tb_user WHERE cust_no = ANY($1)`,
      [firstIds],
    );
    const counts = countBy(rows);
    for (const id of firstIds) expect(subscriptions.get(id)).toHaveLength(counts.get(id) ?? 0);
    const products: Record<string, string> = { GH: "FIXED_LINE", YD: "MOBILE", KD: "BROADBAND", ZX: "LEASED_LINE" };
    const statuses: Record<string, string> = { "1": "ACTIVE", "2": "SINGLE_BARRED", "3": "DOUBLE_BARRED", "4": "REMOVED" };
    const all = [...subscriptions.values()].flat();
    for (const row of rows) {
      expect(all.find((sub) => sub.serviceNo === row.serv_no)).toEqual({
        serviceNo: row.serv_no,
        customerId: row.cust_no,
        product: { code: products[row.product_code], name: row.product_name },
        startDate: row.start_date,
        status: statuses[row.status],
      });
    }
  });

  it("reads 100 subscriptions by service number and their holders, one round trip each", async () => {
    const rows = await sql<{ serv_no: string; cust_no: string; status: string }>(
      `SELECT serv_no, cust_no, status FROM ${s}.tb_user ORDER BY user_id LIMIT 100`,
    );
    const numbers = rows.map((row) => row.serv_no);
    const subscriptions = served(await hall.adapter.getSubscriptions(numbers));
    expect(counter.get("business-hall")).toBe(1);
    expect(subscriptions.size).toBe(100);
    const holders = served(await hall.adapter.findCustomerIdsByServiceNumbers(numbers));
    expect(counter.get("business-hall")).toBe(2);
    for (const row of rows) {
      expect(subscriptions.get(row.serv_no)?.customerId).toBe(row.cust_no);
      expect(holders.get(row.serv_no)).toBe(row.cust_no);
    }
  });

  it("finds customers by ID card and business licence numbers in one round trip", async () => {
    const rows = await sql<{ cert_no: string; cust_no: string }>(
      `SELECT cert_no, cust_no FROM ${s}.tb_cust WHERE cert_type = '1' ORDER BY cust_no LIMIT 50`,
    );
    const units = await sql<{ cert_no: string; cust_no: string }>(
      `SELECT cert_no, cust_no FROM ${s}.tb_cust WHERE cert_type = '2' ORDER BY cust_no LIMIT 50`,
    );
    const owners = served(await hall.adapter.findCustomerIdsByIdDocumentNumbers([...rows, ...units].map((row) => row.cert_no)));
    expect(counter.get("business-hall")).toBe(1);
    for (const row of [...rows, ...units]) expect(owners.get(row.cert_no)).toContain(row.cust_no);
  });

  it("reads contacts, complaints and survey answers of 100 customers, one round trip each", async () => {
    const [contacts, complaints, surveys] = [
      served(await hall.adapter.getContacts(firstIds)),
      served(await hall.adapter.getComplaints(firstIds)),
      served(await hall.adapter.getSurveyAnswers(firstIds)),
    ];
    expect(counter.get("business-hall")).toBe(3);

    const contactCounts = countBy(await sql(`SELECT cust_no FROM ${s}.tb_contact WHERE cust_no = ANY($1)`, [firstIds]));
    const complaintRows = await sql<{ cust_no: string; complaint_no: string; serv_no: string | null; content: string; accepted: string }>(
      `SELECT cust_no, complaint_no, serv_no, content, to_char(accept_time, 'YYYY-MM-DD"T"HH24:MI:SS') AS accepted
       FROM ${s}.tb_complaint WHERE cust_no = ANY($1)`,
      [firstIds],
    );
    const surveyRows = await sql<{ cust_no: string; survey_id: string; q1: number; q5: number; q9: number; other_carrier: string }>(
      `SELECT cust_no, survey_id::text, q1, q5, q9, other_carrier FROM ${s}.tb_survey WHERE cust_no = ANY($1)`,
      [firstIds],
    );
    expect(complaintRows.length).toBeGreaterThan(0);
    expect(surveyRows.length).toBeGreaterThan(0);
    const complaintCounts = countBy(complaintRows);
    const surveyCounts = countBy(surveyRows);
    for (const id of firstIds) {
      expect(contacts.get(id)).toHaveLength(contactCounts.get(id) ?? 0);
      expect(complaints.get(id)).toHaveLength(complaintCounts.get(id) ?? 0);
      expect(surveys.get(id)).toHaveLength(surveyCounts.get(id) ?? 0);
    }
    for (const row of complaintRows) {
      expect(complaints.get(row.cust_no)?.find((c) => c.complaintNo === row.complaint_no)).toMatchObject({
        serviceNo: row.serv_no,
        content: row.content,
        acceptedAt: `${row.accepted}+08:00`,
      });
    }
    for (const row of surveyRows) {
      const answer = surveys.get(row.cust_no)?.find((a) => a.id === row.survey_id);
      expect(answer?.scores).toMatchObject({ image: row.q1, reliability: row.q5, priceForQuality: row.q9 });
      expect(answer?.usesOtherCarrier).toBe(row.other_carrier === "Y");
    }
  });

  it("leaves unknown ids out of maps and gives them empty lists, without an error", async () => {
    const known = firstIds[0] as string;
    const customers = served(await hall.adapter.getCustomers([known, NO_SUCH_CUSTOMER]));
    expect([...customers.keys()]).toEqual([known]);
    expect(served(await hall.adapter.getSubscriptionsByCustomer([NO_SUCH_CUSTOMER])).get(NO_SUCH_CUSTOMER)).toEqual([]);
    expect(served(await hall.adapter.getSubscriptions(["02599999999"])).size).toBe(0);
    expect(served(await hall.adapter.findCustomerIdsByServiceNumbers(["13300000000"])).size).toBe(0);
    expect(served(await hall.adapter.findCustomerIdsByIdDocumentNumbers(["11010119900101999X"])).get("11010119900101999X")).toEqual([]);
    expect(served(await hall.adapter.getComplaints([NO_SUCH_CUSTOMER])).get(NO_SUCH_CUSTOMER)).toEqual([]);
  });

  it("asks nothing for an empty batch", async () => {
    expect(served(await hall.adapter.getCustomers([])).size).toBe(0);
    expect(served(await hall.adapter.getSurveyAnswers([])).size).toBe(0);
    expect(counter.get("business-hall")).toBe(0);
  });

  it("refuses malformed ids before any round trip", async () => {
    for (const attempt of [
      () => hall.adapter.getCustomers([firstIds[0] as string, "3201-00000001"]),
      () => hall.adapter.getContacts(["KH320100000001"]),
      () => hall.adapter.getSubscriptions(["025-12345678"]),
      () => hall.adapter.findCustomerIdsByServiceNumbers(["ad02512345678"]),
      () => hall.adapter.findCustomerIdsByIdDocumentNumbers(["<CertNo/>"]),
    ]) {
      await expectRefusedUpFront(attempt, counter, "business-hall");
    }
    expect(counter.get("business-hall")).toBe(0);
  });
});

describe("business hall SOAP adapter: profile facts", () => {
  const kinds: Record<string, string> = { "01": "RESIDENTIAL", "02": "BUSINESS", "03": "INDIVIDUAL_KEY_ACCOUNT", "04": "ENTERPRISE_KEY_ACCOUNT" };
  const categories: Record<string, string> = { "01": "ORDINARY", "02": "APARTMENT", "03": "VILLA" };
  const products: Record<string, string> = { GH: "FIXED_LINE", YD: "MOBILE", KD: "BROADBAND", ZX: "LEASED_LINE" };
  const userStatuses: Record<string, string> = { "1": "ACTIVE", "2": "SINGLE_BARRED", "3": "DOUBLE_BARRED", "4": "REMOVED" };
  const complaintTypes: Record<string, string> = {
    "01": "BILLING", "02": "NETWORK_QUALITY", "03": "SERVICE_ATTITUDE", "04": "INSTALLATION", "05": "OTHER",
  };
  const complaintStatuses: Record<string, string> = { "0": "ACCEPTED", "1": "IN_PROGRESS", "2": "CLOSED" };

  /** A well-formed customer of our own, beyond the generated sequence range. */
  const testCustomer = (custNo: string, detailType = "01") =>
    `INSERT INTO ${s}.tb_cust VALUES ('${custNo}', '测试客户', '01', 'F', 1985, '3201', '江苏省南京市', '13300000000', '1',
      '320101198501010022', '教师', 'P', '教育', '4', '${detailType}', '2019-06-30 23:59:58');`;
  const surveyRow = (id: string, custNo: string, date: string, q1: number, q9: number) =>
    `INSERT INTO ${s}.tb_survey VALUES (${id}, '${custNo}', '${date}', ${q1}, 3, 3, 3, 3, 3, 3, 3, ${q9}, 'N');`;

  it("reads the facts of 100 customers in one round trip, matching the hall's tables", async () => {
    const facts = served(await hall.adapter.getProfileFacts(firstIds));
    expect(counter.get("business-hall")).toBe(1);
    expect(facts.size).toBe(100);

    const customers = await sql<{ cust_no: string; cust_type: string; detail_type: string; created: string }>(
      `SELECT cust_no, cust_type, detail_type, to_char(create_time, 'YYYY-MM-DD"T"HH24:MI:SS') AS created
       FROM ${s}.tb_cust WHERE cust_no = ANY($1)`,
      [firstIds],
    );
    const users = await sql<{ cust_no: string; serv_no: string; product_code: string; status: string; start_date: string }>(
      `SELECT cust_no, serv_no, product_code, status, to_char(start_date, 'YYYY-MM-DD') AS start_date
       FROM ${s}.tb_user WHERE cust_no = ANY($1) ORDER BY cust_no, user_id`,
      [firstIds],
    );
    const complaints = await sql<{ cust_no: string; complaint_type: string; accepted: string; status: string }>(
      `SELECT cust_no, complaint_type, to_char(accept_time, 'YYYY-MM-DD"T"HH24:MI:SS') AS accepted, status
       FROM ${s}.tb_complaint WHERE cust_no = ANY($1) ORDER BY cust_no, accept_time, complaint_no`,
      [firstIds],
    );
    type Question = "q1" | "q2" | "q3" | "q4" | "q5" | "q6" | "q7" | "q8" | "q9";
    const surveys = await sql<{ cust_no: string; survey_date: string; other_carrier: string; scale: string } & Record<Question, number>>(
      `SELECT cust_no, to_char(survey_date, 'YYYY-MM-DD') AS survey_date, q1, q2, q3, q4, q5, q6, q7, q8, q9, other_carrier, scale
       FROM ${s}.tb_survey WHERE cust_no = ANY($1) ORDER BY cust_no, survey_date DESC, survey_id DESC`,
      [firstIds],
    );
    expect(complaints.length).toBeGreaterThan(0);
    expect(surveys.length).toBeGreaterThan(0);
    expect(new Set(surveys.map((row) => row.cust_no)).size).toBeLessThan(surveys.length);

    for (const row of customers) {
      const own = <T extends { cust_no: unknown }>(rows: T[]) => rows.filter((r) => r.cust_no === row.cust_no);
      expect(facts.get(row.cust_no)).toEqual({
        kind: kinds[row.cust_type],
        createdAt: `${row.created}+08:00`,
        category: categories[row.detail_type],
        subscriptions: own(users).map((u) => ({
          serviceNo: u.serv_no,
          productCode: products[u.product_code],
          status: userStatuses[u.status],
          startDate: u.start_date,
        })),
        complaints: own(complaints).map((c) => ({
          type: complaintTypes[c.complaint_type],
          acceptedAt: `${c.accepted}+08:00`,
          status: complaintStatuses[c.status],
        })),
        surveys: own(surveys).map((v) => ({
          surveyDate: v.survey_date,
          scale: v.scale === "1" ? "FIVE_POINT" : "HUNDRED_POINT",
          image: v.q1,
          attitude: v.q2,
          serviceQuality: v.q3,
          care: v.q4,
          reliability: v.q5,
          timeliness: v.q6,
          security: v.q7,
          qualityForPrice: v.q8,
          priceForQuality: v.q9,
          usesOtherCarrier: v.other_carrier === "Y",
        })),
        // Read against the table in churn.adapter.test.ts.
        workOrders: expect.any(Array),
      });
    }
  });

  it("agrees with the single-purpose reads of the same customers", async () => {
    const ids = firstIds.slice(0, 30);
    const facts = served(await hall.adapter.getProfileFacts(ids));
    const [customers, subscriptions, complaints, surveys] = [
      served(await hall.adapter.getCustomers(ids)),
      served(await hall.adapter.getSubscriptionsByCustomer(ids)),
      served(await hall.adapter.getComplaints(ids)),
      served(await hall.adapter.getSurveyAnswers(ids)),
    ];
    for (const id of ids) {
      const fact = facts.get(id);
      expect(fact).toMatchObject({ kind: customers.get(id)?.kind, createdAt: customers.get(id)?.createdAt, category: customers.get(id)?.category });
      expect(fact?.subscriptions.map((sub) => sub.serviceNo)).toEqual(subscriptions.get(id)?.map((sub) => sub.serviceNo));
      expect(fact?.complaints.map((c) => c.type)).toEqual(complaints.get(id)?.map((c) => c.type));
      expect(fact?.surveys.map((v) => v.surveyDate)).toEqual(surveys.get(id)?.map((v) => v.surveyDate).reverse());
    }
  });

  it("orders surveys newest first, the later survey first on the same day", async () => {
    const custNo = "320199999911";
    await withRows(
      hall.pool,
      testCustomer(custNo) +
        surveyRow("999999999911", custNo, "2024-03-01", 2, 4) +
        surveyRow("999999999913", custNo, "2025-07-15", 5, 1) +
        surveyRow("999999999912", custNo, "2025-07-15", 4, 2),
      `DELETE FROM ${s}.tb_survey WHERE cust_no = '${custNo}'; DELETE FROM ${s}.tb_cust WHERE cust_no = '${custNo}';`,
      async () => {
        const facts = served(await hall.adapter.getProfileFacts([custNo])).get(custNo);
        expect(facts).toMatchObject({ kind: "RESIDENTIAL", category: "ORDINARY", createdAt: "2019-06-30T23:59:58+08:00", subscriptions: [], complaints: [] });
        expect(facts?.surveys.map((v) => [v.surveyDate, v.image, v.priceForQuality, v.usesOtherCarrier])).toEqual([
          ["2025-07-15", 5, 1, false],
          ["2025-07-15", 4, 2, false],
          ["2024-03-01", 2, 4, false],
        ]);
      },
    );
  });

  it("leaves unknown customers out, asks nothing for an empty batch, and refuses bad ids up front", async () => {
    const known = firstIds[0] as string;
    const facts = served(await hall.adapter.getProfileFacts([known, NO_SUCH_CUSTOMER]));
    expect([...facts.keys()]).toEqual([known]);
    expect(served(await hall.adapter.getProfileFacts([NO_SUCH_CUSTOMER])).size).toBe(0);
    expect(counter.get("business-hall")).toBe(2);
    counter.reset();
    expect(served(await hall.adapter.getProfileFacts([])).size).toBe(0);
    expect(counter.get("business-hall")).toBe(0);
    for (const ids of [[known, "3201-00000001"], ["KH320100000001"], ["32010000000"], [""]]) {
      await expectRefusedUpFront(() => hall.adapter.getProfileFacts(ids), counter, "business-hall");
    }
  });

  it("gives a customer whose detail type is unknown its own error, and serves the others", async () => {
    const custNo = "320199999912";
    await withRows(hall.pool, testCustomer(custNo, "09"), `DELETE FROM ${s}.tb_cust WHERE cust_no = '${custNo}'`, async () => {
      const facts = await hall.adapter.getProfileFacts([firstIds[0] as string, custNo]);
      expect(counter.get("business-hall")).toBe(1);
      expectMalformedAt(facts, custNo, "business-hall", `CustFacts ${custNo}`);
      expect(facts.get(firstIds[0] as string)).toMatchObject({ subscriptions: expect.any(Array) });
    });
  });

  it("gives a customer with a malformed complaint or survey that item's error, naming it", async () => {
    const custNo = "320199999913";
    const complaintNo = "TS99999999999913";
    await withRows(
      hall.pool,
      testCustomer(custNo) +
        `INSERT INTO ${s}.tb_complaint VALUES ('${complaintNo}', '${custNo}', NULL, '09', '测试', '2024-01-01 08:00:00', '0', NULL);`,
      `DELETE FROM ${s}.tb_complaint WHERE complaint_no = '${complaintNo}'; DELETE FROM ${s}.tb_cust WHERE cust_no = '${custNo}';`,
      async () => {
        expectMalformedAt(await hall.adapter.getProfileFacts([custNo, firstIds[0] as string]), custNo, "business-hall", `ComplaintInfo ${complaintNo}`);
      },
    );
    await withRows(
      hall.pool,
      testCustomer(custNo) + surveyRow("999999999914", custNo, "2024-02-01", 6, 3),
      `DELETE FROM ${s}.tb_survey WHERE cust_no = '${custNo}'; DELETE FROM ${s}.tb_cust WHERE cust_no = '${custNo}';`,
      async () => {
        expectMalformedAt(await hall.adapter.getProfileFacts([custNo, firstIds[0] as string]), custNo, "business-hall", "SurveyInfo 999999999914");
      },
    );
  });

  it("reports a hall that is down as SOURCE_UNAVAILABLE", async () => {
    hall.simulator.faults.set({ down: true });
    const error = await rejection(hall.adapter.getProfileFacts(firstIds.slice(0, 5)));
    expect(error.code).toBe("SOURCE_UNAVAILABLE");
    expect(error.source).toBe("business-hall");
  });
});

describe("business hall SOAP adapter: malformed records cost their own id only", () => {
  const customerRow = (custNo: string, name: string, type: string) =>
    `INSERT INTO ${s}.tb_cust VALUES ('${custNo}', '${name}', '${type}', 'M', 1980, '3201', '江苏省南京市', '13300000000', '1',
      '320101198001010011', '教师', 'P', '教育', '3', '01', '2020-01-01 10:00:00')`;

  it("gives a customer whose type code is unknown its own error, read by id or in a page", async () => {
    const custNo = "320199999901";
    await withRows(hall.pool, customerRow(custNo, "测试客户", "09"), `DELETE FROM ${s}.tb_cust WHERE cust_no = '${custNo}'`, async () => {
      const found = await hall.adapter.getCustomers([firstIds[0] as string, custNo]);
      expect(expectMalformedAt(found, custNo, "business-hall", `CustInfo ${custNo}`).message).toMatch(/CustType: unknown code "09"/);
      expect(found.get(firstIds[0] as string)).toMatchObject({ id: firstIds[0] });
      const page = await hall.adapter.listCustomers({ after: "320199999900", first: 2 });
      expect([...page.customers.keys()][0]).toBe(custNo);
      expectMalformedAt(page.customers, custNo, "business-hall", `CustInfo ${custNo}`);
    });
  });

  it("reads a customer name padded with blanks as the name: padding is no error", async () => {
    const custNo = "320199999903";
    await withRows(hall.pool, customerRow(custNo, "测试客户   ", "01"), `DELETE FROM ${s}.tb_cust WHERE cust_no = '${custNo}'`, async () => {
      expect(served(await hall.adapter.getCustomers([custNo])).get(custNo)?.name).toBe("测试客户");
    });
  });

  it("gives a subscription whose status code is unknown its own error", async () => {
    const servNo = "ZX320199999902";
    await withRows(
      hall.pool,
      `INSERT INTO ${s}.tb_user VALUES (999999999902, '320199999902', '${servNo}', 'ZX', '数字电路专线 2M', '2021-03-01', '7')`,
      `DELETE FROM ${s}.tb_user WHERE serv_no = '${servNo}'`,
      async () => {
        const [known] = served(await hall.adapter.getSubscriptionsByCustomer([firstIds[0] as string])).get(firstIds[0] as string) ?? [];
        const found = await hall.adapter.getSubscriptions([servNo, known?.serviceNo as string]);
        expectMalformedAt(found, servNo, "business-hall", `UserInfo ${servNo}`);
        expectMalformedAt(await hall.adapter.getSubscriptionsByCustomer(["320199999902"]), "320199999902", "business-hall", `UserInfo ${servNo}`);
      },
    );
  });

  it("treats an answer that is not a SOAP envelope as malformed", async () => {
    const impostor: Server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/xml" }).end("<html><body>维护中</body>"));
    await new Promise<void>((resolve) => impostor.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = impostor.address() as AddressInfo;
      const other = new BusinessHallSoapAdapter({ baseUrl: `http://127.0.0.1:${port}`, counter });
      await expectMalformed(other.getCustomers([firstIds[0] as string]), "business-hall", "QueryCustInfoRsp");
    } finally {
      await new Promise((resolve) => impostor.close(resolve));
    }
  });
});

describe("business hall SOAP adapter: recording complaints", () => {
  async function target(): Promise<{ cust_no: string; serv_no: string }> {
    const rows = await sql<{ cust_no: string; serv_no: string }>(`SELECT cust_no, serv_no FROM ${s}.tb_user ORDER BY user_id LIMIT 1`);
    return rows[0] as { cust_no: string; serv_no: string };
  }

  it("files a complaint once however often the same key is replayed", async () => {
    const { cust_no, serv_no } = await target();
    const request = {
      customerId: cust_no,
      serviceNo: serv_no,
      type: "NETWORK_QUALITY" as const,
      content: "宽带晚上经常掉线 <急> & 请尽快处理",
      idempotencyKey: `hall-test-${run}-replay`,
    };
    const { record: first, replayed } = await hall.adapter.recordComplaint(request);
    expect(replayed).toBe(false);
    expect(first).toMatchObject({ customerId: cust_no, serviceNo: serv_no, type: "NETWORK_QUALITY", status: "ACCEPTED", content: request.content });
    expect(first.complaintNo).toMatch(/^TS\d{18}$/);
    expect(first.acceptedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    const again = await hall.adapter.recordComplaint(request);
    expect(again).toEqual({ record: first, replayed: true });

    const rows = await sql<{ complaint_no: string; content: string; complaint_type: string }>(
      `SELECT complaint_no, content, complaint_type FROM ${s}.tb_complaint WHERE client_serial = $1`,
      [request.idempotencyKey],
    );
    expect(rows).toEqual([{ complaint_no: first.complaintNo, content: request.content, complaint_type: "02" }]);
    const listed = served(await hall.adapter.getComplaints([cust_no])).get(cust_no);
    expect(listed?.find((c) => c.complaintNo === first.complaintNo)).toEqual(first);
  });

  it("files one complaint when replays race each other", async () => {
    const { cust_no } = await target();
    const request = { customerId: cust_no, type: "BILLING" as const, content: "本月话费有异议", idempotencyKey: `hall-test-${run}-race` };
    const results = await Promise.all(Array.from({ length: 6 }, () => hall.adapter.recordComplaint(request)));
    expect(new Set(results.map((r) => r.record.complaintNo)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(results[0]?.record.serviceNo).toBeNull();
    const rows = await sql(`SELECT 1 FROM ${s}.tb_complaint WHERE client_serial = $1`, [request.idempotencyKey]);
    expect(rows).toHaveLength(1);
  });

  it("reports a key reused for a different complaint as a conflict", async () => {
    const { cust_no } = await target();
    const key = `hall-test-${run}-reuse`;
    await hall.adapter.recordComplaint({ customerId: cust_no, type: "OTHER", content: "发票未收到", idempotencyKey: key });
    const error = await rejection(hall.adapter.recordComplaint({ customerId: cust_no, type: "OTHER", content: "积分兑换失败", idempotencyKey: key }));
    expect(error.code).toBe("CONFLICT");
  });

  it("refuses bad input: locally before sending, and what only the hall can know from its fault", async () => {
    const { cust_no } = await target();
    const base = { customerId: cust_no, type: "BILLING" as const, content: "话费异议", idempotencyKey: `hall-test-${run}-bad` };
    for (const attempt of [
      { ...base, customerId: "32010000001" },
      { ...base, serviceNo: "not-a-number" },
      { ...base, type: "PRAISE" as never },
      { ...base, content: "   " },
      { ...base, content: "x".repeat(401) },
      { ...base, content: "bell\u0007" },
      { ...base, idempotencyKey: "short" },
    ]) {
      await expectRefusedUpFront(() => hall.adapter.recordComplaint(attempt), counter, "business-hall");
    }
    expect(counter.get("business-hall")).toBe(0);

    const unknown = await rejection(hall.adapter.recordComplaint({ ...base, customerId: NO_SUCH_CUSTOMER }));
    expect(unknown.code).toBe("BAD_USER_INPUT");
    expect(unknown.message).toContain(NO_SUCH_CUSTOMER);
    const others = await sql<{ serv_no: string }>(`SELECT serv_no FROM ${s}.tb_user WHERE cust_no <> $1 LIMIT 1`, [cust_no]);
    const notTheirs = await rejection(hall.adapter.recordComplaint({ ...base, serviceNo: others[0]?.serv_no as string }));
    expect(notTheirs.code).toBe("BAD_USER_INPUT");
    expect(counter.get("business-hall")).toBe(2);
    expect(await sql(`SELECT 1 FROM ${s}.tb_complaint WHERE client_serial = $1`, [base.idempotencyKey])).toHaveLength(0);
  });
});

describe("business hall SOAP adapter: when the hall fails", () => {
  it("reports a hall that is down as SOURCE_UNAVAILABLE", async () => {
    hall.simulator.faults.set({ down: true });
    const error = await rejection(hall.adapter.getCustomers([firstIds[0] as string]));
    expect(error.code).toBe("SOURCE_UNAVAILABLE");
    expect(error.source).toBe("business-hall");
  });

  it("reports HTTP 503 as SOURCE_UNAVAILABLE", async () => {
    hall.simulator.faults.set({ errorRate: 1 });
    expect((await rejection(hall.adapter.getSubscriptions(["02550000001"]))).code).toBe("SOURCE_UNAVAILABLE");
  });

  it("reports a soap:Server fault as SOURCE_UNAVAILABLE", async () => {
    const broken = await startHallSimulator({ databaseUrl: sandbox.databaseUrl, schema: "no_such_schema" });
    try {
      const other = new BusinessHallSoapAdapter({ baseUrl: broken.url, counter });
      expect((await rejection(other.getCustomers([firstIds[0] as string]))).code).toBe("SOURCE_UNAVAILABLE");
    } finally {
      await broken.close();
    }
  });

  it("reports an answer slower than the budget as SOURCE_TIMEOUT", async () => {
    hall.simulator.faults.set({ latencyMs: 3_000 });
    const impatient = new BusinessHallSoapAdapter({ baseUrl: hall.simulator.url, counter, timeoutMs: 200 });
    expect((await rejection(impatient.getCustomers([firstIds[0] as string]))).code).toBe("SOURCE_TIMEOUT");
  });
});
