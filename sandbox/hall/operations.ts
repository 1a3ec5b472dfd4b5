import { RET_FIELDS, RET_OK, asRecord, listXml, type Operation, type Row } from "./answer.js";
import { addComplaint } from "./add-complaint.js";
import { CUSTOMER_LIST_OPERATIONS, CUST_FIELDS, custSelect } from "./customer-list.js";
import { inCustomerNos } from "./keys-sql.js";
import { RequestFault, element } from "./xml.js";

export type { Field, HallStore, Operation } from "./answer.js";

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

const USER_FIELDS = ["UserId", "CustNo", "ServNo", "ProductCode", "ProductName", "StartDate", "Status"] as const;
const USER_COLUMNS = `user_id::text AS "UserId", cust_no AS "CustNo", serv_no AS "ServNo", product_code AS "ProductCode",
  product_name AS "ProductName", to_char(start_date, 'YYYY-MM-DD') AS "StartDate", status AS "Status"`;
const QUESTIONS = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9"] as const;
const COMPLAINT_FIELDS = ["ComplaintNo", "CustNo", "ServNo", "ComplaintType", "Content", "AcceptTime", "Status"] as const;
const SURVEY_FIELDS = ["SurveyId", "CustNo", "SurveyDate", ...QUESTIONS, "OtherCarrier"] as const;

const custInfoSql = (s: string) => `${custSelect(s)} WHERE ${inCustomerNos("c.cust_no")} ORDER BY c.cust_no`;
const userListSql = (s: string) => `SELECT ${USER_COLUMNS} FROM ${s}.tb_user WHERE ${inCustomerNos("cust_no")} ORDER BY cust_no, user_id`;
const complaintListSql = (s: string) => `SELECT complaint_no AS "ComplaintNo", cust_no AS "CustNo", serv_no AS "ServNo",
    complaint_type AS "ComplaintType", content AS "Content", to_char(accept_time, 'YYYY-MM-DD HH24:MI:SS') AS "AcceptTime",
    status AS "Status"
  FROM ${s}.tb_complaint WHERE ${inCustomerNos("cust_no")} ORDER BY cust_no, accept_time, complaint_no`;
const surveyListSql = (s: string) => `SELECT survey_id::text AS "SurveyId", cust_no AS "CustNo", to_char(survey_date, 'YYYY-MM-DD') AS "SurveyDate",
    ${QUESTIONS.map((q) => `${q.toLowerCase()}::text AS "${q}"`).join(", ")}, other_carrier AS "OtherCarrier"
  FROM ${s}.tb_survey WHERE ${inCustomerNos("cust_no")} ORDER BY cust_no, survey_date, survey_id`;

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

export const OPERATIONS: readonly Operation[] = [
  ...CUSTOMER_LIST_OPERATIONS,
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
      FROM ${s}.tb_contact WHERE ${inCustomerNos("cust_no")} ORDER BY cust_no, contact_id`,
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
