import { RET_FIELDS, RET_OK, asRecord, listXml, readFields, readKeys, type Operation, type Row } from "./answer.js";
import { CRITERIA_FIELDS, customerCriteria } from "./customer-list.js";
import { RequestFault, element } from "./xml.js";

const STAT_FIELDS = ["OrderType", "ReasonCode", "CompetitorCode", "LineCount", "CustCount"] as const;
const PRODUCTS = new Set(["GH", "YD", "KD", "ZX"]);
/** Ten years: the statistics office's longest report. */
const MAX_SPAN_DAYS = 3660;
/** A portfolio's customers; more than a manager ever holds. */
const MAX_LISTED = 5000;

/**
 * 流失统计: what the hall's work orders say about customers leaving, counted by the database over any
 * population (a million customers is a count over the removals and moves of the period, read by the
 * (order_type, finish_date) index, never customer by customer).
 */
export const queryChurnStat: Operation = {
  name: "QueryChurnStat",
  documentation:
    "流失统计: removals (02) and moves (03) completed from FromDate to ToDate, counted by OrderType, ReasonCode and CompetitorCode " +
    "(lines, and distinct customers), and OtherCarrierCount: customers whose survey in the period says they use another carrier. " +
    "Optional: CustNoPrefix (the first digits of the customer numbers counted), CustNoList (only these customers), the customer " +
    "criteria of QueryCustPage, and ProductCode (the line's product; for surveys, customers holding a line of it).",
  request: [
    { name: "FromDate" },
    { name: "ToDate" },
    { name: "CustNoPrefix", optional: true },
    { name: "CustNoList", optional: true, children: [{ name: "CustNo", repeated: true }] },
    ...CRITERIA_FIELDS,
    { name: "ProductCode", optional: true },
  ],
  response: [
    ...RET_FIELDS,
    { name: "OtherCarrierCount" },
    { name: "ChurnStatList", children: [{ name: "ChurnStat", optional: true, repeated: true, children: STAT_FIELDS.map((name) => ({ name })) }] },
  ],
  async run(db, content) {
    const request = readRequest(content);
    const s = db.schema;
    const orders = conditions(s, content, request, { alias: "w", line: "w.serv_no" });
    const surveys = conditions(s, content, request, { alias: "v", line: null });
    const [{ rows }, { rows: carriers }] = await Promise.all([
      db.pool.query<Row>(
        `SELECT w.order_type AS "OrderType", w.reason_code AS "ReasonCode", w.competitor_code AS "CompetitorCode",
                count(*)::text AS "LineCount", count(DISTINCT w.cust_no)::text AS "CustCount"
         FROM ${s}.tb_work_order w ${orders.joins}
         WHERE w.order_type IN ('02', '03') AND w.status = '2' AND w.finish_date BETWEEN $1::date AND $2::date AND ${orders.where}
         GROUP BY 1, 2, 3 ORDER BY 1, 2 NULLS FIRST, 3 NULLS FIRST`,
        orders.values,
      ),
      db.pool.query<{ n: string }>(
        `SELECT count(DISTINCT v.cust_no)::text AS n FROM ${s}.tb_survey v ${surveys.joins}
         WHERE v.other_carrier = 'Y' AND v.survey_date BETWEEN $1::date AND $2::date AND ${surveys.where}`,
        surveys.values,
      ),
    ]);
    return RET_OK + element("OtherCarrierCount", carriers[0]?.n ?? "0") + listXml("ChurnStat", STAT_FIELDS, rows);
  },
};

interface ChurnRequest {
  from: string;
  to: string;
  prefix: string | null;
  listed: string[] | null;
  product: string | null;
}

function readRequest(content: unknown): ChurnRequest {
  const fields = readFields(content);
  const from = date(fields.text("FromDate", 10, true) as string, "FromDate");
  const to = date(fields.text("ToDate", 10, true) as string, "ToDate");
  if (from > to) throw new RequestFault("Client", "E001", "FromDate is after ToDate");
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_SPAN_DAYS) throw new RequestFault("Client", "E001", `the period is longer than ${MAX_SPAN_DAYS} days`);
  const prefix = fields.text("CustNoPrefix", 4, false);
  if (prefix !== null && !/^\d{1,4}$/.test(prefix)) throw new RequestFault("Client", "E001", "CustNoPrefix must be 1 to 4 digits");
  const listed = asRecord(content)?.["CustNoList"] === undefined ? null : readKeys(content, "CustNoList", "CustNo");
  if (listed !== null && listed.length > MAX_LISTED) throw new RequestFault("Client", "E001", `CustNoList holds more than ${MAX_LISTED} customers`);
  const product = fields.text("ProductCode", 2, false);
  if (product !== null && !PRODUCTS.has(product)) throw new RequestFault("Client", "E001", `unknown ProductCode ${product}`);
  return { from, to, prefix, listed, product };
}

function date(value: string, name: string): string {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw new RequestFault("Client", "E001", `${name} must be a YYYY-MM-DD date`);
  }
  return value;
}

/**
 * The conditions of one count over rows aliased `alias` (with a cust_no column), parameters from $3 on.
 * `line` is the row's service number when the product criterion is the line's own; null when it is any
 * line the customer holds.
 */
function conditions(s: string, content: unknown, request: ChurnRequest, rows: { alias: string; line: string | null }) {
  const values: unknown[] = [request.from, request.to];
  const customer = customerCriteria(content, 3);
  values.push(...customer.values);
  const where = customer.where === "TRUE" ? [] : [customer.where];
  const add = (clause: (n: number) => string, value: unknown) => {
    values.push(value);
    where.push(clause(values.length));
  };
  const custNo = `${rows.alias}.cust_no`;
  if (request.prefix !== null) add((n) => `${custNo} LIKE $${n} || '%'`, request.prefix);
  if (request.listed !== null) add((n) => `${custNo} = ANY($${n}::text[])`, request.listed);
  if (request.product !== null) {
    add((n) => (rows.line === null ? `EXISTS (SELECT 1 FROM ${s}.tb_user u WHERE u.cust_no = ${custNo} AND u.product_code = $${n})` : `u.product_code = $${n}`), request.product);
  }
  const joins = customer.where === "TRUE" ? [] : [`JOIN ${s}.tb_cust c ON c.cust_no = ${custNo}`];
  if (request.product !== null && rows.line !== null) joins.push(`JOIN ${s}.tb_user u ON u.serv_no = ${rows.line}`);
  return { values, where: where.length === 0 ? "TRUE" : where.join(" AND "), joins: joins.join(" ") };
}
