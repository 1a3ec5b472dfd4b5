import type pg from "pg";
import { RequestFault, element } from "./xml.js";

/** One element in a request or answer; leaves are xsd:string, as the hall types everything. */
export interface Field {
  readonly name: string;
  readonly optional?: boolean;
  readonly repeated?: boolean;
  readonly children?: readonly Field[];
}

export interface Operation {
  readonly name: string;
  readonly documentation: string;
  readonly request: readonly Field[];
  readonly response: readonly Field[];
  /** Answers the request content (prefixes stripped) with the inner XML of `<name>Rsp`. */
  run(db: HallStore, content: unknown): Promise<string>;
}

export interface HallStore {
  readonly pool: pg.Pool;
  /** The schema as a quoted identifier, ready to prefix table names. */
  readonly schema: string;
}

const RET_OK = element("RetCode", "0") + element("RetMsg", "成功");
const RET_FIELDS: readonly Field[] = [{ name: "RetCode" }, { name: "RetMsg" }];

/** Every read takes a list of keys and answers with the records found; unknown keys are simply not in the answer. */
function query(spec: {
  name: string;
  documentation: string;
  key: string;
  item: string;
  fields: readonly string[];
  sql: (s: string) => string;
}): Operation {
  const listTag = `${spec.key}List`;
  const itemListTag = `${spec.item}List`;
  return {
    name: spec.name,
    documentation: spec.documentation,
    request: [{ name: listTag, children: [{ name: spec.key, repeated: true }] }],
    response: [
      ...RET_FIELDS,
      { name: itemListTag, children: [{ name: spec.item, optional: true, repeated: true, children: spec.fields.map((name) => ({ name })) }] },
    ],
    async run(db, content) {
      const keys = readKeys(content, listTag, spec.key);
      const { rows } = await db.pool.query<Row>(spec.sql(db.schema), [keys]);
      return RET_OK + listXml(spec.item, spec.fields, rows);
    },
  };
}

const CUST_FIELDS = [
  "CustNo", "CustName", "CustType", "Gender", "BirthYear", "RegionCode", "RegionName", "Address", "Phone", "CertType",
  "CertNo", "Occupation", "IndustryCode", "IndustryName", "Education", "DetailType", "CreateTime",
] as const;
const custSelect = (s: string) => `SELECT c.cust_no AS "CustNo", c.cust_name AS "CustName", c.cust_type AS "CustType",
    c.gender AS "Gender", c.birth_year::text AS "BirthYear", c.region_code AS "RegionCode", r.region_name AS "RegionName",
    c.address AS "Address", c.phone AS "Phone", c.cert_type AS "CertType", c.cert_no AS "CertNo", c.occupation AS "Occupation",
    c.industry_code AS "IndustryCode", c.industry_name AS "IndustryName", c.education AS "Education",
    c.detail_type AS "DetailType", to_char(c.create_time, 'YYYY-MM-DD HH24:MI:SS') AS "CreateTime"
  FROM ${s}.tb_cust c LEFT JOIN ${s}.tb_region r ON r.region_code = c.region_code`;
const USER_FIELDS = ["UserId", "CustNo", "ServNo", "ProductCode", "ProductName", "StartDate", "Status"] as const;
const USER_COLUMNS = `user_id::text AS "UserId", cust_no AS "CustNo", serv_no AS "ServNo", product_code AS "ProductCode",
  product_name AS "ProductName", to_char(start_date, 'YYYY-MM-DD') AS "StartDate", status AS "Status"`;
const QUESTIONS = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9"] as const;
const COMPLAINT_FIELDS = ["ComplaintNo", "CustNo", "ServNo", "ComplaintType", "Content", "AcceptTime", "Status"] as const;
const SURVEY_FIELDS = ["SurveyId", "CustNo", "SurveyDate", ...QUESTIONS, "OtherCarrier"] as const;

type Row = Record<string, string | number | null>;

const custInfoSql = (s: string) => `${custSelect(s)} WHERE c.cust_no = ANY($1::text[]) ORDER BY c.cust_no`;
const userListSql = (s: string) => `SELECT ${USER_COLUMNS} FROM ${s}.tb_user WHERE cust_no = ANY($1::text[]) ORDER BY cust_no, user_id`;
const complaintListSql = (s: string) => `SELECT complaint_no AS "ComplaintNo", cust_no AS "CustNo", serv_no AS "ServNo",
    complaint_type AS "ComplaintType", content AS "Content", to_char(accept_time, 'YYYY-MM-DD HH24:MI:SS') AS "AcceptTime",
    status AS "Status"
  FROM ${s}.tb_complaint WHERE cust_no = ANY($1::text[]) ORDER BY cust_no, accept_time, complaint_no`;
const surveyListSql = (s: string) => `SELECT survey_id::text AS "SurveyId", cust_no AS "CustNo", to_char(survey_date, 'YYYY-MM-DD') AS "SurveyDate",
    ${QUESTIONS.map((q) => `${q.toLowerCase()}::text AS "${q}"`).join(", ")}, other_carrier AS "OtherCarrier"
  FROM ${s}.tb_survey WHERE cust_no = ANY($1::text[]) ORDER BY cust_no, survey_date, survey_id`;

function itemXml(item: string, fields: readonly string[], row: Row): string {
  return `<${item}>${fields.map((f) => element(f, row[f] ?? null)).join("")}</${item}>`;
}

function listXml(item: string, fields: readonly string[], rows: readonly Row[]): string {
  return `<${item}List>${rows.map((row) => itemXml(item, fields, row)).join("")}</${item}List>`;
}

const MAX_PAGE_SIZE = 1000;
const PAGE_CRITERIA = ["RegionCode", "CustType", "IndustryCode", "Education"] as const;
const CRITERIA_SQL = `($1::text IS NULL OR c.region_code LIKE $1 || '%') AND ($2::text IS NULL OR c.cust_type = $2)
  AND ($3::text IS NULL OR c.industry_code = $3) AND ($4::text IS NULL OR c.education = $4)`;

const queryCustPage: Operation = {
  name: "QueryCustPage",
  documentation: "客户分页查询: customers after StartCustNo in customer-number order, with optional criteria (RegionCode: a local network, or a province's two digits for all of its) and the total matching.",
  request: [
    { name: "StartCustNo", optional: true },
    { name: "PageSize" },
    ...PAGE_CRITERIA.map((name) => ({ name, optional: true })),
  ],
  response: [
    ...RET_FIELDS,
    { name: "TotalCount" },
    { name: "HasMore" },
    { name: "CustInfoList", children: [{ name: "CustInfo", optional: true, repeated: true, children: CUST_FIELDS.map((name) => ({ name })) }] },
  ],
  async run(db, content) {
    const fields = readFields(content);
    const size = fields.text("PageSize", 4, true) as string;
    if (!/^\d+$/.test(size) || Number(size) > MAX_PAGE_SIZE) {
      throw new RequestFault("Client", "E001", `PageSize must be a whole number from 0 to ${MAX_PAGE_SIZE}`);
    }
    const criteria = PAGE_CRITERIA.map((name) => fields.text(name, 4, false));
    const start = fields.text("StartCustNo", 12, false);
    const [{ rows: counted }, { rows }] = await Promise.all([
      db.pool.query<{ total: string }>(`SELECT count(*)::text AS total FROM ${db.schema}.tb_cust c WHERE ${CRITERIA_SQL}`, criteria),
      db.pool.query<Record<string, string | null>>(
        `${custSelect(db.schema)} WHERE ${CRITERIA_SQL} AND ($5::text IS NULL OR c.cust_no > $5) ORDER BY c.cust_no LIMIT $6`,
        [...criteria, start, Number(size) + 1],
      ),
    ]);
    const page = rows.slice(0, Number(size));
    return (
      RET_OK +
      element("TotalCount", counted[0]?.total ?? "0") +
      element("HasMore", rows.length > page.length ? "Y" : "N") +
      listXml("CustInfo", CUST_FIELDS, page)
    );
  },
};

const FACT_CUST_FIELDS = ["CustNo", "CustType", "CreateTime", "DetailType"] as const;
/** The parts of a customer the facts answer nests, each read with the same SQL as its own list query. */
const FACT_PARTS = [
  { item: "UserInfo", fields: ["ServNo", "ProductCode", "Status", "StartDate"], sql: userListSql },
  { item: "ComplaintInfo", fields: ["ComplaintNo", "ComplaintType", "AcceptTime", "Status"], sql: complaintListSql },
  { item: "SurveyInfo", fields: ["SurveyId", "SurveyDate", ...QUESTIONS, "OtherCarrier"], sql: surveyListSql },
] as const;

const queryCustFacts: Operation = {
  name: "QueryCustFacts",
  documentation:
    "客户概况查询: for each customer number, the customer's type, creation time and detail type with its users, " +
    "complaints and survey answers, all in one answer. Unknown customers are not in the answer.",
  request: [{ name: "CustNoList", children: [{ name: "CustNo", repeated: true }] }],
  response: [
    ...RET_FIELDS,
    {
      name: "CustFactsList",
      children: [
        {
          name: "CustFacts",
          optional: true,
          repeated: true,
          children: [
            ...FACT_CUST_FIELDS.map((name) => ({ name })),
            ...FACT_PARTS.map((part) => ({
              name: `${part.item}List`,
              children: [{ name: part.item, optional: true, repeated: true, children: part.fields.map((name) => ({ name })) }],
            })),
          ],
        },
      ],
    },
  ],
  async run(db, content) {
    const keys = readKeys(content, "CustNoList", "CustNo");
    const [{ rows: customers }, ...parts] = await Promise.all([
      db.pool.query<Row>(custInfoSql(db.schema), [keys]),
      ...FACT_PARTS.map((part) => db.pool.query<Row>(part.sql(db.schema), [keys])),
    ]);
    const byCustomer = parts.map(({ rows }) => {
      const groups = new Map<unknown, Row[]>();
      for (const row of rows) {
        const group = groups.get(row.CustNo);
        if (group) group.push(row);
        else groups.set(row.CustNo, [row]);
      }
      return groups;
    });
    const items = customers.map((customer) => {
      const own = FACT_CUST_FIELDS.map((f) => element(f, customer[f] ?? null)).join("");
      const nested = FACT_PARTS.map((part, i) => listXml(part.item, part.fields, byCustomer[i]?.get(customer.CustNo) ?? [])).join("");
      return `<CustFacts>${own}${nested}</CustFacts>`;
    });
    return RET_OK + `<CustFactsList>${items.join("")}</CustFactsList>`;
  },
};

const COMPLAINT_TYPES = new Set(["01", "02", "03", "04", "05"]);

const addComplaint: Operation = {
  name: "AddComplaint",
  documentation: "受理投诉. ClientSerial makes the call safe to repeat: a repeat answers the first ComplaintNo.",
  request: [
    { name: "CustNo" },
    { name: "ServNo", optional: true },
    { name: "ComplaintType" },
    { name: "Content" },
    { name: "ClientSerial", optional: true },
  ],
  response: [...RET_FIELDS, { name: "ComplaintNo" }, { name: "AcceptTime" }, { name: "Status" }],
  async run(db, content) {
    const input = readComplaint(content);
    const replayed = await findBySerial(db, input);
    if (replayed) return RET_OK + filed(replayed);
    const s = db.schema;
    const { rows: checks } = await db.pool.query<{ known: boolean; owner: string | null }>(
      `SELECT EXISTS (SELECT 1 FROM ${s}.tb_cust WHERE cust_no = $1) AS known,
              (SELECT cust_no FROM ${s}.tb_user WHERE serv_no = $2) AS owner`,
      [input.custNo, input.servNo],
    );
    const check = checks[0];
    if (!check?.known) throw new RequestFault("Client", "E101", `customer ${input.custNo} does not exist`);
    if (input.servNo !== null && check.owner !== input.custNo) {
      throw new RequestFault("Client", "E102", `service number ${input.servNo} does not belong to customer ${input.custNo}`);
    }
    const now = beijingNow();
    // The unique index on client_serial settles concurrent repeats: the loser inserts nothing and reads the winner's row.
    const { rows } = await db.pool.query<Filed>(
      `INSERT INTO ${s}.tb_complaint (complaint_no, cust_no, serv_no, complaint_type, content, accept_time, status, client_serial)
       VALUES ('TS' || $1 || lpad(nextval('${s}.seq_complaint')::text, 10, '0'), $2, $3, $4, $5, $6, '0', $7)
       ON CONFLICT (client_serial) DO NOTHING RETURNING ${FILED_COLUMNS}`,
      [now.slice(0, 10).replaceAll("-", ""), input.custNo, input.servNo, input.type, input.content, now, input.serial],
    );
    const complaint = rows[0] ?? (await findBySerial(db, input));
    if (!complaint) throw new Error("complaint vanished after a conflicting insert");
    return RET_OK + filed(complaint);
  },
};

export const OPERATIONS: readonly Operation[] = [
  queryCustPage,
  query({
    name: "QueryCustInfo",
    documentation: "客户资料查询: customers by customer number.",
    key: "CustNo",
    item: "CustInfo",
    fields: CUST_FIELDS,
    sql: custInfoSql,
  }),
  query({
    name: "QueryCustByServNo",
    documentation: "按服务号码查客户: customer number of each service number.",
    key: "ServNo",
    item: "ServCust",
    fields: ["ServNo", "CustNo"],
    sql: (s) => `SELECT serv_no AS "ServNo", cust_no AS "CustNo" FROM ${s}.tb_user WHERE serv_no = ANY($1::text[]) ORDER BY serv_no`,
  }),
  query({
    name: "QueryCustByCertNo",
    documentation: "按证件号码查客户: customer numbers registered under each certificate number.",
    key: "CertNo",
    item: "CertCust",
    fields: ["CertNo", "CustNo"],
    sql: (s) => `SELECT cert_no AS "CertNo", cust_no AS "CustNo" FROM ${s}.tb_cust
      WHERE cert_no = ANY($1::text[]) ORDER BY cert_no, cust_no`,
  }),
  query({
    name: "QueryUserList",
    documentation: "用户列表: subscriptions (users) of each customer, removed ones included.",
    key: "CustNo",
    item: "UserInfo",
    fields: USER_FIELDS,
    sql: userListSql,
  }),
  query({
    name: "QueryUserByServNo",
    documentation: "按服务号码查用户: the subscription behind each service number.",
    key: "ServNo",
    item: "UserInfo",
    fields: USER_FIELDS,
    sql: (s) => `SELECT ${USER_COLUMNS} FROM ${s}.tb_user WHERE serv_no = ANY($1::text[]) ORDER BY serv_no`,
  }),
  query({
    name: "QueryContactList",
    documentation: "联系人列表: contacts of each customer.",
    key: "CustNo",
    item: "ContactInfo",
    fields: ["ContactId", "CustNo", "ContactName", "Position", "Phone"],
    sql: (s) => `SELECT contact_id::text AS "ContactId", cust_no AS "CustNo", contact_name AS "ContactName",
        position AS "Position", phone AS "Phone"
      FROM ${s}.tb_contact WHERE cust_no = ANY($1::text[]) ORDER BY cust_no, contact_id`,
  }),
  query({
    name: "QueryComplaintList",
    documentation: "投诉列表: complaints of each customer.",
    key: "CustNo",
    item: "ComplaintInfo",
    fields: COMPLAINT_FIELDS,
    sql: complaintListSql,
  }),
  query({
    name: "QuerySurveyList",
    documentation: "满意度调查: survey answers of each customer (Q1..Q9 on 1-5, OtherCarrier).",
    key: "CustNo",
    item: "SurveyInfo",
    fields: SURVEY_FIELDS,
    sql: surveyListSql,
  }),
  queryCustFacts,
  addComplaint,
];

function readKeys(content: unknown, listTag: string, keyTag: string): string[] {
  const list = asRecord(content)?.[listTag];
  const keys = asRecord(list)?.[keyTag];
  if (!Array.isArray(keys) || keys.length === 0) throw new RequestFault("Client", "E001", `${listTag} must hold at least one ${keyTag}`);
  return keys.map((key) => {
    if (typeof key !== "string" || key.trim() === "" || key.length > 32) {
      throw new RequestFault("Client", "E001", `every ${keyTag} must be a non-empty value of at most 32 characters`);
    }
    return key.trim();
  });
}

interface ComplaintInput {
  custNo: string;
  servNo: string | null;
  type: string;
  content: string;
  serial: string | null;
}

/** Reads the simple text fields of a request element; an absent or empty element is no value. */
function readFields(content: unknown) {
  const fields = asRecord(content) ?? {};
  return {
    text(name: string, max: number, required: boolean): string | null {
      const value = fields[name];
      if (value === undefined || value === "") {
        if (required) throw new RequestFault("Client", "E001", `${name} is required`);
        return null;
      }
      if (typeof value !== "string") throw new RequestFault("Client", "E001", `${name} must be text`);
      if ([...value].length > max) throw new RequestFault("Client", "E001", `${name} is longer than ${max} characters`);
      return value;
    },
  };
}

function readComplaint(content: unknown): ComplaintInput {
  const fields = readFields(content);
  const input = {
    custNo: fields.text("CustNo", 12, true) as string,
    servNo: fields.text("ServNo", 20, false),
    type: fields.text("ComplaintType", 2, true) as string,
    content: fields.text("Content", 400, true) as string,
    serial: fields.text("ClientSerial", 64, false),
  };
  if (!COMPLAINT_TYPES.has(input.type)) throw new RequestFault("Client", "E103", `unknown ComplaintType ${input.type}`);
  return input;
}

interface Filed {
  ComplaintNo: string;
  AcceptTime: string;
  Status: string;
}

const FILED_COLUMNS = `complaint_no AS "ComplaintNo", to_char(accept_time, 'YYYY-MM-DD HH24:MI:SS') AS "AcceptTime", status AS "Status"`;

function filed(complaint: Filed): string {
  return element("ComplaintNo", complaint.ComplaintNo) + element("AcceptTime", complaint.AcceptTime) + element("Status", complaint.Status);
}

/** The complaint already filed under this ClientSerial, provided it is the same complaint. */
async function findBySerial(db: HallStore, input: ComplaintInput): Promise<Filed | null> {
  if (input.serial === null) return null;
  const { rows } = await db.pool.query<Filed & { cust_no: string; serv_no: string | null; complaint_type: string; content: string }>(
    `SELECT ${FILED_COLUMNS}, cust_no, serv_no, complaint_type, content FROM ${db.schema}.tb_complaint WHERE client_serial = $1`,
    [input.serial],
  );
  const first = rows[0];
  if (!first) return null;
  const same =
    first.cust_no === input.custNo && first.serv_no === input.servNo && first.complaint_type === input.type && first.content === input.content;
  if (!same) throw new RequestFault("Client", "E104", `ClientSerial ${input.serial} was already used for complaint ${first.ComplaintNo}`);
  return first;
}

/** The hall keeps Beijing wall-clock time without a zone, whatever the server's own zone is. */
function beijingNow(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
