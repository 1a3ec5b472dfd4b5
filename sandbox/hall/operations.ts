import { RET_FIELDS, RET_OK, listXml, readKeys, type Operation, type Row } from "./answer.js";
import { addComplaint } from "./add-complaint.js";
import { addSurvey } from "./add-survey.js";
import { queryChurnStat } from "./churn-stat.js";
import { CUSTOMER_LIST_OPERATIONS, CUST_FIELDS, custSelect } from "./customer-list.js";
import { inCustomerNos } from "./keys-sql.js";
import { queryUserOfferList } from "./offer-list.js";
import { element } from "./xml.js";

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
const SURVEY_FIELDS = ["SurveyId", "CustNo", "SurveyDate", ...QUESTIONS, "OtherCarrier", "Scale"] as const;
const WORK_ORDER_FIELDS = [
  "OrderNo", "CustNo", "ServNo", "OrderType", "AcceptTime", "FinishDate", "Status", "ReasonCode", "CompetitorCode", "OldCustNo",
] as const;

const custInfoSql = (s: string) => `${custSelect(s)} WHERE ${inCustomerNos("c.cust_no")} ORDER BY c.cust_no`;
const userListSql = (s: string) => `SELECT ${USER_COLUMNS} FROM ${s}.tb_user WHERE ${inCustomerNos("cust_no")} ORDER BY cust_no, user_id`;
const complaintListSql = (s: string) => `SELECT complaint_no AS "ComplaintNo", cust_no AS "CustNo", serv_no AS "ServNo",
    complaint_type AS "ComplaintType", content AS "Content", to_char(accept_time, 'YYYY-MM-DD HH24:MI:SS') AS "AcceptTime",
    status AS "Status"
  FROM ${s}.tb_complaint WHERE ${inCustomerNos("cust_no")} ORDER BY cust_no, accept_time, complaint_no`;
const surveyListSql = (s: string) => `SELECT survey_id::text AS "SurveyId", cust_no AS "CustNo", to_char(survey_date, 'YYYY-MM-DD') AS "SurveyDate",
    ${QUESTIONS.map((q) => `${q.toLowerCase()}::text AS "${q}"`).join(", ")}, other_carrier AS "OtherCarrier", scale AS "Scale"
  FROM ${s}.tb_survey WHERE ${inCustomerNos("cust_no")} ORDER BY cust_no, survey_date, survey_id`;
/** A transfer is listed under the customer who took the line over (cust_no); OldCustNo names the one who gave it up. */
const workOrderListSql = (s: string) => `SELECT order_no AS "OrderNo", cust_no AS "CustNo", serv_no AS "ServNo", order_type AS "OrderType",
    to_char(accept_time, 'YYYY-MM-DD HH24:MI:SS') AS "AcceptTime", to_char(finish_date, 'YYYY-MM-DD') AS "FinishDate", status AS "Status",
    reason_code AS "ReasonCode", competitor_code AS "CompetitorCode", old_cust_no AS "OldCustNo"
  FROM ${s}.tb_work_order WHERE ${inCustomerNos("cust_no")} ORDER BY cust_no, accept_time, order_no`;

const FACT_CUST_FIELDS = ["CustNo", "CustType", "CreateTime", "DetailType"] as const;
/** The parts of a customer the facts answer nests, each read with the same SQL as its own list query. */
const FACT_PARTS = [
  { item: "UserInfo", fields: ["ServNo", "ProductCode", "Status", "StartDate"], sql: userListSql },
  { item: "ComplaintInfo", fields: ["ComplaintNo", "ComplaintType", "AcceptTime", "Status"], sql: complaintListSql },
  { item: "SurveyInfo", fields: ["SurveyId", "SurveyDate", ...QUESTIONS, "OtherCarrier", "Scale"], sql: surveyListSql },
  {
    item: "WorkOrderInfo",
    fields: ["OrderNo", "ServNo", "OrderType", "AcceptTime", "FinishDate", "Status", "ReasonCode", "CompetitorCode"],
    sql: workOrderListSql,
  },
] as const;

const queryCustFacts: Operation = {
  name: "QueryCustFacts",
  documentation:
    "客户概况查询: for each customer number, the customer's type, creation time and detail type with its users, " +
    "complaints, survey answers and work orders, all in one answer. Unknown customers are not in the answer.",
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
    documentation: "满意度调查: survey answers of each customer (Q1..Q9 on the survey's Scale: 1 five-point 1-5, 2 hundred-point 0-100; OtherCarrier).",
    key: "CustNo",
    item: "SurveyInfo",
    fields: SURVEY_FIELDS,
    sql: surveyListSql,
  }),
  query({
    name: "QueryWorkOrderList",
    documentation:
      "工单查询: work orders of each customer (OrderType 01 installation, 02 removal, 03 move, 04 transfer of ownership; " +
      "ReasonCode and CompetitorCode on removals, OldCustNo on transfers), in the order accepted.",
    key: "CustNo",
    item: "WorkOrderInfo",
    fields: WORK_ORDER_FIELDS,
    sql: workOrderListSql,
  }),
  queryCustFacts,
  queryChurnStat,
  queryUserOfferList,
  addComplaint,
  addSurvey,
];
