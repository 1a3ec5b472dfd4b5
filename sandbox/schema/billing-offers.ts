/**
 * Billing's offer catalogue (优惠政策): the discounts rating and billing apply, in billing's naming (billing.ts).
 *
 * OFFER: OFFER_CODE "YH" + 4 digits; PURPOSE_CODE from the code table OFFER_PURPOSE (实施的目的: 01 win new customers
 * 发展新用户 · 02 keep customers 保有在网用户 · 03 stimulate usage 刺激话务量 · 04 reward key accounts 大客户回馈 · 05 bundle
 * products 融合捆绑 · 06 holiday promotion 节假日促销); PRODUCT_ID the product it discounts (as SERV.PRODUCT_ID);
 * METHOD (实施的方式) P a percentage off the service's charges of the cycle (METHOD_VALUE the percent, 1–100) · F a fixed
 * reduction per cycle (METHOD_VALUE fen) · M free local-call minutes per cycle (METHOD_VALUE minutes, valued at
 * FREE_MINUTE_FEN a minute, at most the cycle's local calls); TERM_MONTHS the cycles a customer keeps it from its start
 * (0: as long as the offer runs); TARGET_DESC whom it is for (实施的对象); EFF_DATE and EXP_DATE its validity, YYYYMMDD
 * ('99991231': no end). OFFER_LATN lists the local networks where it applies (at least one each); LATN is billing's code
 * table of local networks (本地网).
 *
 * Billing applies every offer as a discount item on the bill: ACCT_ITEM of type DS whose OFFER_ID names the offer
 * (billing.ts); the service it discounts is the item's SERV_ID. Which offer a line holds, and from when to when, is
 * the business hall's record (tb_user_offer, hall.ts): billing receives it through the work-order interface.
 */
export const FREE_MINUTE_FEN = 10;

export function billingOfferTables(s: string): string {
  return `
CREATE TABLE ${s}."LATN" ("LATN_ID" CHAR(4) NOT NULL, "LATN_NAME" VARCHAR(40) NOT NULL);
CREATE TABLE ${s}."OFFER_PURPOSE" ("PURPOSE_CODE" CHAR(2) NOT NULL, "PURPOSE_NAME" VARCHAR(40) NOT NULL);
CREATE TABLE ${s}."OFFER" ("OFFER_ID" BIGINT NOT NULL, "OFFER_CODE" VARCHAR(12) NOT NULL, "OFFER_NAME" VARCHAR(100) NOT NULL,
  "PURPOSE_CODE" CHAR(2) NOT NULL, "PRODUCT_ID" INTEGER NOT NULL, "METHOD" CHAR(1) NOT NULL, "METHOD_VALUE" BIGINT NOT NULL,
  "TERM_MONTHS" INTEGER NOT NULL, "TARGET_DESC" VARCHAR(200) NOT NULL, "EFF_DATE" CHAR(8) NOT NULL, "EXP_DATE" CHAR(8) NOT NULL);
CREATE TABLE ${s}."OFFER_LATN" ("OFFER_ID" BIGINT NOT NULL, "LATN_ID" CHAR(4) NOT NULL);
`;
}

export function billingOfferIndexes(s: string): string {
  return `
ALTER TABLE ${s}."LATN" ADD PRIMARY KEY ("LATN_ID");
ALTER TABLE ${s}."OFFER_PURPOSE" ADD PRIMARY KEY ("PURPOSE_CODE");
ALTER TABLE ${s}."OFFER" ADD PRIMARY KEY ("OFFER_ID");
CREATE UNIQUE INDEX ON ${s}."OFFER" ("OFFER_CODE");
ALTER TABLE ${s}."OFFER_LATN" ADD PRIMARY KEY ("OFFER_ID", "LATN_ID");
CREATE INDEX ON ${s}."OFFER_LATN" ("LATN_ID");
-- An offer's discounts, and one service's discounts from one offer, are read by this index alone.
CREATE INDEX ON ${s}."ACCT_ITEM" ("OFFER_ID", "SERV_ID") WHERE "OFFER_ID" IS NOT NULL;
`;
}
