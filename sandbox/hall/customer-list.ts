import { RET_FIELDS, RET_OK, listXml, readFields, type Operation } from "./answer.js";
import { RequestFault, element } from "./xml.js";

export const CUST_FIELDS = [
  "CustNo", "CustName", "CustType", "Gender", "BirthYear", "RegionCode", "RegionName", "Address", "Phone", "CertType",
  "CertNo", "Occupation", "IndustryCode", "IndustryName", "Education", "DetailType", "CreateTime",
] as const;

export const custSelect = (s: string) => `SELECT c.cust_no AS "CustNo", c.cust_name AS "CustName", c.cust_type AS "CustType",
    c.gender AS "Gender", c.birth_year::text AS "BirthYear", c.region_code AS "RegionCode", r.region_name AS "RegionName",
    c.address AS "Address", c.phone AS "Phone", c.cert_type AS "CertType", c.cert_no AS "CertNo", c.occupation AS "Occupation",
    c.industry_code AS "IndustryCode", c.industry_name AS "IndustryName", c.education AS "Education",
    c.detail_type AS "DetailType", to_char(c.create_time, 'YYYY-MM-DD HH24:MI:SS') AS "CreateTime"
  FROM ${s}.tb_cust c LEFT JOIN ${s}.tb_region r ON r.region_code = c.region_code`;

const MAX_PAGE_SIZE = 1000;
const CRITERIA = ["RegionCode", "CustType", "IndustryCode", "Education"] as const;
export const CRITERIA_FIELDS = CRITERIA.map((name) => ({ name, optional: true }));

/**
 * The WHERE clause of the criteria given, values as parameters from `$first` on. A region is a range
 * on the region column (a province's two digits cover its local networks), so that the index on
 * tb_cust's criteria columns serves it.
 */
export function customerCriteria(content: unknown, first: number): { where: string; values: string[] } {
  const fields = readFields(content);
  const criterion = (name: (typeof CRITERIA)[number]) => fields.text(name, 4, false);
  const [region, type, industry, education] = [criterion("RegionCode"), criterion("CustType"), criterion("IndustryCode"), criterion("Education")];
  const clauses: string[] = [];
  const values: string[] = [];
  const add = (sql: (n: number) => string, ...given: string[]) => {
    clauses.push(sql(first + values.length));
    values.push(...given);
  };
  if (region !== null) {
    if (!/^\d{1,4}$/.test(region)) throw new RequestFault("Client", "E001", "RegionCode must be 1 to 4 digits");
    add((n) => `c.region_code BETWEEN $${n}::char(4) AND $${n + 1}::char(4)`, region.padEnd(4, "0"), region.padEnd(4, "9"));
  }
  if (type !== null) add((n) => `c.cust_type = $${n}`, type);
  if (industry !== null) add((n) => `c.industry_code = $${n}`, industry);
  if (education !== null) add((n) => `c.education = $${n}`, education);
  return { where: clauses.length > 0 ? clauses.join(" AND ") : "TRUE", values };
}

const queryCustPage: Operation = {
  name: "QueryCustPage",
  documentation:
    "客户分页查询: customers after StartCustNo in customer-number order, with optional criteria (RegionCode: a local network, " +
    "or a province's two digits for all of its). The total matching is QueryCustCount's.",
  request: [{ name: "StartCustNo", optional: true }, { name: "PageSize" }, ...CRITERIA_FIELDS],
  response: [
    ...RET_FIELDS,
    { name: "HasMore" },
    { name: "CustInfoList", children: [{ name: "CustInfo", optional: true, repeated: true, children: CUST_FIELDS.map((name) => ({ name })) }] },
  ],
  async run(db, content) {
    const fields = readFields(content);
    const size = fields.text("PageSize", 4, true) as string;
    if (!/^\d+$/.test(size) || Number(size) > MAX_PAGE_SIZE) {
      throw new RequestFault("Client", "E001", `PageSize must be a whole number from 0 to ${MAX_PAGE_SIZE}`);
    }
    const start = fields.text("StartCustNo", 12, false);
    const { where, values } = customerCriteria(content, 3);
    const { rows } = await db.pool.query<Record<string, string | null>>(
      `${custSelect(db.schema)} WHERE ($1::text IS NULL OR c.cust_no > $1) AND ${where} ORDER BY c.cust_no LIMIT $2`,
      [start, Number(size) + 1, ...values],
    );
    const page = rows.slice(0, Number(size));
    return RET_OK + element("HasMore", rows.length > page.length ? "Y" : "N") + listXml("CustInfo", CUST_FIELDS, page);
  },
};

const queryCustCount: Operation = {
  name: "QueryCustCount",
  documentation: "客户数统计: how many customers match the criteria (as QueryCustPage takes them), counted from the criteria index.",
  request: CRITERIA_FIELDS,
  response: [...RET_FIELDS, { name: "TotalCount" }],
  async run(db, content) {
    const { where, values } = customerCriteria(content, 1);
    const { rows } = await db.pool.query<{ total: string }>(`SELECT count(*)::text AS total FROM ${db.schema}.tb_cust c WHERE ${where}`, values);
    return RET_OK + element("TotalCount", rows[0]?.total ?? "0");
  },
};

export const CUSTOMER_LIST_OPERATIONS: readonly Operation[] = [queryCustPage, queryCustCount];
