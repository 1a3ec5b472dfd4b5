import { RET_FIELDS, RET_OK, listXml, readKeys, type Operation, type Row } from "./answer.js";
import { inCustomerNos } from "./keys-sql.js";

const OFFER_FIELDS = ["OfferInstId", "CustNo", "ServNo", "OfferCode", "AcceptTime", "EffDate", "ExpDate"] as const;

/** 用户优惠查询: the offers each customer's lines took at the counter (tb_user_offer), in the order they were chosen. */
export const queryUserOfferList: Operation = {
  name: "QueryUserOfferList",
  documentation:
    "用户优惠查询: offers of billing's catalogue (OfferCode) chosen for each customer's lines (ServNo) at the counter: AcceptTime " +
    "when chosen, EffDate the first day it applies, ExpDate the last (empty when none is set), in the order chosen.",
  request: [{ name: "CustNoList", children: [{ name: "CustNo", repeated: true }] }],
  response: [
    ...RET_FIELDS,
    { name: "OfferInfoList", children: [{ name: "OfferInfo", optional: true, repeated: true, children: OFFER_FIELDS.map((name) => ({ name })) }] },
  ],
  async run(db, content) {
    const keys = readKeys(content, "CustNoList", "CustNo");
    const { rows } = await db.pool.query<Row>(
      `SELECT offer_inst_id::text AS "OfferInstId", cust_no AS "CustNo", serv_no AS "ServNo", offer_code AS "OfferCode",
              to_char(accept_time, 'YYYY-MM-DD HH24:MI:SS') AS "AcceptTime", to_char(eff_date, 'YYYY-MM-DD') AS "EffDate",
              to_char(exp_date, 'YYYY-MM-DD') AS "ExpDate"
       FROM ${db.schema}.tb_user_offer WHERE ${inCustomerNos("cust_no")} ORDER BY cust_no, accept_time, offer_inst_id`,
      [keys],
    );
    return RET_OK + listXml("OfferInfo", OFFER_FIELDS, rows);
  },
};
