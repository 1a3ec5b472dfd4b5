import { billingOfferIndexes, billingOfferTables } from "./billing-offers.js";

/**
 * Billing (帐务): 97-era naming, quoted upper case, dates as YYYYMMDD text, codes as padded CHAR,
 * money as integer fen. CUST.CUST_CODE holds the hall's customer number as "LLLL-NNNNNNNN".
 *
 * Codes: ACCT.PAY_METHOD C cash at hall · B bank debit · P prepaid · A agent collection;
 * ACCT.STATE A active · X closed; SERV.PRODUCT_ID 10 fixed · 20 mobile · 30 broadband · 40 leased line;
 * SERV.STATE F0A in use · F0T barred · F0X removed; SERV.STOP_FLAG 0 none · 1 single · 2 double barring;
 * SERV_ACCT.STATE A link in force · X ended; SERV_ACCT.ITEM_GROUP 00 all items (other groups split a service's items);
 * BILL.STATE U unpaid · A partly paid · P paid; ACCT_ITEM_OWE holds the unpaid remainder per bill;
 * ACCT_ITEM.ACCT_ITEM_TYPE_ID BF basic fee · LC local · LD long distance · DT data · VA value-added · DS discount;
 * ACCT_ITEM.OFFER_ID the offer (OFFER, billing-offers.ts) that produced a discount item; null on every other item;
 * DUNNING.DUN_METHOD A automatic (SMS/IVR) · M manual (call, letter, visit); DUN_RESULT S reached · F failed;
 * SERV_STOP.STOP_TYPE 1 single barring for arrears · 2 double barring for arrears · 3 illegal use · 4 facility damage;
 * RESUME_DATE '00000000' while still stopped; PAYMENT.PAY_CHANNEL H hall · B bank · W web · P prepaid deduction;
 * PAYMENT.STATE N received, not yet taken up by the write-off run (销帐) · W taken up (its amount added to ACCT.BALANCE).
 * COLLECT_SITE is collection's code table of the points that take payments (收费点), per local network (LATN_ID): SITE_ID
 * LATN + type + 3 digits, SITE_TYPE H business hall (营业厅) · A agent point (代办点) · B bank branch (银行网点, BANK_ID its
 * bank as ACCT.BANK_ID; '' for the others). PAYMENT.SITE_ID is the point that took the payment (交费地点): a hall or agent
 * point of the account's local network for channel H, a bank branch for B; null for W and P, which have no place.
 * ACCT.BALANCE is money held on the account not yet applied to bills (a prepayment, or a prepaid account's balance);
 * the write-off run applies it to ACCT_ITEM_OWE oldest first and records each application in WRITE_OFF.
 * PAYMENT.OUT_SERIAL_NBR and DUNNING.OUT_SERIAL_NBR (外部流水号) hold the idempotency key of a record written from
 * outside billing, unique; null for billing's own records.
 * CREDIT_GRADE_HIS is credit control's (信控) history of credit grades set by hand for a customer, the newest row
 * (SET_DATE, then GRADE_HIS_ID) in force: CREDIT_GRADE A very high · B high · C medium · D low · E very low ·
 * 0 the grade set by hand is lifted (the computed one applies again); LIST_TYPE R red · G grey · B black · 0 none given
 * (the list follows the grade); STAFF_CODE who set it (the caller's subject); REASON required; OUT_SERIAL_NBR as above.
 * SERV_USAGE_MONTH is what rating (批价) summed per service, cycle and call class: CALL_CLASS LC local calls ·
 * LD domestic long distance · IN international · DT data · VA value-added (SMS, ring-back); RECORDS the detail records
 * (calls, data sessions, messages), OUT_RECORDS the outgoing ones (numbered first; incoming ones are free), PEAK_RECORDS
 * those in peak hours (08–22), DURATION seconds, VOLUME_KB data volume, FEE fen. A cycle's ACCT_ITEM usage items of a
 * service are these fees: LC = LC, LD = LD + IN, DT = DT, VA = VA (a mobile's calls inside its package: LC with FEE 0).
 * CDR (详单) is the call-detail records of a summary row, numbered SEQ_NBR 1..RECORDS: START_TIME YYYYMMDDHHMISS,
 * DIRECTION O outgoing · I incoming, PEAK_FLAG 1 peak · 0 off-peak, OTHER_NBR the other party (an APN for data),
 * DURATION, VOLUME_KB, FEE; its records add up exactly to their summary row. The sandbox keeps CDR as a view that
 * makes the records from their summary row on read (sandbox/README.md): read it per service and cycle.
 */
export function billingTables(s: string): string {
  return `
CREATE TABLE ${s}."CUST" ("CUST_ID" BIGINT NOT NULL, "CUST_CODE" VARCHAR(20) NOT NULL, "CUST_NAME" VARCHAR(100) NOT NULL,
  "LATN_ID" CHAR(4) NOT NULL);
CREATE TABLE ${s}."ACCT" ("ACCT_ID" BIGINT NOT NULL, "ACCT_NBR" VARCHAR(20) NOT NULL, "CUST_ID" BIGINT NOT NULL,
  "ACCT_NAME" VARCHAR(100) NOT NULL, "PAY_METHOD" CHAR(1) NOT NULL, "BANK_ID" VARCHAR(8) NOT NULL,
  "BANK_ACCT" VARCHAR(32) NOT NULL, "CREDIT_LIMIT" BIGINT NOT NULL, "BALANCE" BIGINT NOT NULL, "STATE" CHAR(1) NOT NULL,
  "CREATED_DATE" CHAR(8) NOT NULL);
CREATE TABLE ${s}."SERV" ("SERV_ID" BIGINT NOT NULL, "ACC_NBR" VARCHAR(20) NOT NULL, "CUST_ID" BIGINT NOT NULL,
  "PRODUCT_ID" INTEGER NOT NULL, "STATE" CHAR(3) NOT NULL, "STOP_FLAG" CHAR(1) NOT NULL, "COMPLETED_DATE" CHAR(8) NOT NULL);
CREATE TABLE ${s}."SERV_ACCT" ("SERV_ID" BIGINT NOT NULL, "ACCT_ID" BIGINT NOT NULL, "ITEM_GROUP" CHAR(2) NOT NULL,
  "STATE" CHAR(1) NOT NULL);
CREATE TABLE ${s}."BILL" ("BILL_ID" BIGINT NOT NULL, "ACCT_ID" BIGINT NOT NULL, "BILLING_CYCLE_ID" CHAR(6) NOT NULL,
  "BILL_AMOUNT" BIGINT NOT NULL, "DUE_DATE" CHAR(8) NOT NULL, "STATE" CHAR(1) NOT NULL);
CREATE TABLE ${s}."ACCT_ITEM" ("ACCT_ITEM_ID" BIGINT NOT NULL, "BILL_ID" BIGINT NOT NULL, "SERV_ID" BIGINT NOT NULL,
  "ACCT_ITEM_TYPE_ID" CHAR(2) NOT NULL, "AMOUNT" BIGINT NOT NULL, "OFFER_ID" BIGINT);
CREATE TABLE ${s}."ACCT_ITEM_OWE" ("OWE_ID" BIGINT NOT NULL, "BILL_ID" BIGINT NOT NULL, "ACCT_ID" BIGINT NOT NULL,
  "BILLING_CYCLE_ID" CHAR(6) NOT NULL, "OWE_AMOUNT" BIGINT NOT NULL);
CREATE TABLE ${s}."PAYMENT" ("PAYMENT_ID" BIGINT NOT NULL, "ACCT_ID" BIGINT NOT NULL, "BILL_ID" BIGINT,
  "AMOUNT" BIGINT NOT NULL, "PAY_DATE" CHAR(8) NOT NULL, "PAY_CHANNEL" CHAR(1) NOT NULL, "OUT_SERIAL_NBR" VARCHAR(64),
  "STATE" CHAR(1) NOT NULL DEFAULT 'N', "SITE_ID" VARCHAR(10));
CREATE TABLE ${s}."COLLECT_SITE" ("SITE_ID" VARCHAR(10) NOT NULL, "LATN_ID" CHAR(4) NOT NULL, "SITE_TYPE" CHAR(1) NOT NULL,
  "SITE_NAME" VARCHAR(100) NOT NULL, "BANK_ID" VARCHAR(8) NOT NULL);
CREATE TABLE ${s}."WRITE_OFF" ("WRITE_OFF_ID" BIGINT NOT NULL, "ACCT_ID" BIGINT NOT NULL, "BILL_ID" BIGINT NOT NULL,
  "AMOUNT" BIGINT NOT NULL, "WRITE_OFF_DATE" CHAR(8) NOT NULL);
CREATE TABLE ${s}."DUNNING" ("DUNNING_ID" BIGINT NOT NULL, "ACCT_ID" BIGINT NOT NULL, "BILLING_CYCLE_ID" CHAR(6) NOT NULL,
  "DUN_METHOD" CHAR(1) NOT NULL, "ATTEMPT_NO" INTEGER NOT NULL, "DUN_DATE" CHAR(8) NOT NULL, "DUN_RESULT" CHAR(1) NOT NULL,
  "OUT_SERIAL_NBR" VARCHAR(64));
CREATE TABLE ${s}."SERV_STOP" ("STOP_ID" BIGINT NOT NULL, "SERV_ID" BIGINT NOT NULL, "STOP_TYPE" CHAR(1) NOT NULL,
  "STOP_DATE" CHAR(8) NOT NULL, "RESUME_DATE" CHAR(8) NOT NULL);
CREATE TABLE ${s}."CREDIT_GRADE_HIS" ("GRADE_HIS_ID" BIGINT NOT NULL, "CUST_ID" BIGINT NOT NULL, "CREDIT_GRADE" CHAR(1) NOT NULL,
  "LIST_TYPE" CHAR(1) NOT NULL, "REASON" VARCHAR(400) NOT NULL, "STAFF_CODE" VARCHAR(200) NOT NULL, "SET_DATE" CHAR(8) NOT NULL,
  "OUT_SERIAL_NBR" VARCHAR(64));
CREATE TABLE ${s}."SERV_USAGE_MONTH" ("SERV_ID" BIGINT NOT NULL, "BILLING_CYCLE_ID" CHAR(6) NOT NULL, "CALL_CLASS" CHAR(2) NOT NULL,
  "RECORDS" INTEGER NOT NULL, "OUT_RECORDS" INTEGER NOT NULL, "PEAK_RECORDS" INTEGER NOT NULL, "DURATION" BIGINT NOT NULL,
  "VOLUME_KB" BIGINT NOT NULL, "FEE" BIGINT NOT NULL);
${billingOfferTables(s)}
${cdrView(s)}
`;
}

/**
 * The detail records of each SERV_USAGE_MONTH row, made on read: record n of a row draws its day, hour, other party
 * and weights from md5(SERV_ID:cycle:class:n); the row's DURATION and VOLUME_KB are split over all records and
 * its FEE over the outgoing ones by running sums of those weights (floor(total × running / all) differences), so
 * the records add up to the row exactly. Outgoing records come first (n ≤ OUT_RECORDS); peak records are spread
 * evenly (n is peak when floor(n × PEAK / RECORDS) steps). A condition on SERV_ID and BILLING_CYCLE_ID reaches
 * the summary's index through the lateral join, so only the asked rows' records are made.
 */
function cdrView(s: string): string {
  const hex = (from: number) => `('x' || lpad(substr(x.h, ${from}, 7), 8, '0'))::bit(32)::bigint`;
  return `CREATE VIEW ${s}."CDR" AS
SELECT u."SERV_ID", u."BILLING_CYCLE_ID", u."CALL_CLASS", g.n AS "SEQ_NBR",
  to_char(to_date(u."BILLING_CYCLE_ID", 'YYYYMM') + (g.day_no)::int, 'YYYYMMDD')
    || lpad((CASE WHEN g.peak THEN 8 + g.hour_no % 14 ELSE (22 + g.hour_no % 10) % 24 END)::text, 2, '0')
    || lpad((g.second_no % 3600 / 60)::text, 2, '0') || lpad((g.second_no % 60)::text, 2, '0') AS "START_TIME",
  CASE WHEN g.n <= u."OUT_RECORDS" THEN 'O' ELSE 'I' END AS "DIRECTION",
  CASE WHEN g.peak THEN '1' ELSE '0' END AS "PEAK_FLAG",
  CASE u."CALL_CLASS"
    WHEN 'LC' THEN '8' || lpad((g.party % 10000000)::text, 7, '0')
    WHEN 'LD' THEN '0' || (20 + g.party % 880)::text || lpad((g.party / 1000 % 100000000)::text, 8, '0')
    WHEN 'IN' THEN '00' || (ARRAY['1','44','81','82','852','853','886','65','61','49'])[1 + g.party % 10] || lpad((g.party / 10 % 1000000000)::text, 9, '0')
    WHEN 'VA' THEN '106' || lpad((g.party % 100000000)::text, 8, '0')
    ELSE 'CTNET' END AS "OTHER_NBR",
  (u."DURATION" * g.cw / g.tw) - (u."DURATION" * (g.cw - g.w) / g.tw) AS "DURATION",
  (u."VOLUME_KB" * g.cw / g.tw) - (u."VOLUME_KB" * (g.cw - g.w) / g.tw) AS "VOLUME_KB",
  CASE WHEN g.fw = 0 THEN 0 ELSE (u."FEE" * g.cf / g.tf) - (u."FEE" * (g.cf - g.fw) / g.tf) END AS "FEE"
FROM ${s}."SERV_USAGE_MONTH" u
CROSS JOIN LATERAL (
  SELECT y.*, (sum(y.w) OVER (ORDER BY y.n))::bigint AS cw, (sum(y.w) OVER ())::bigint AS tw,
    (sum(y.fw) OVER (ORDER BY y.n))::bigint AS cf, (sum(y.fw) OVER ())::bigint AS tf
  FROM (
    SELECT x.n,
      1 + ${hex(1)} % 1000 AS w,
      CASE WHEN x.n <= u."OUT_RECORDS" THEN 1 + ${hex(8)} % 1000 ELSE 0 END AS fw,
      ${hex(15)} % extract(day FROM to_date(u."BILLING_CYCLE_ID", 'YYYYMM') + interval '1 month' - interval '1 day')::bigint AS day_no,
      ${hex(22)} AS hour_no, ${hex(26)} AS second_no, ${hex(1)} * 37 + ${hex(8)} AS party,
      floor(x.n * u."PEAK_RECORDS"::numeric / u."RECORDS") > floor((x.n - 1) * u."PEAK_RECORDS"::numeric / u."RECORDS") AS peak
    FROM (SELECT n, md5(u."SERV_ID" || ':' || u."BILLING_CYCLE_ID" || ':' || u."CALL_CLASS" || ':' || n) AS h
          FROM generate_series(1, u."RECORDS") n) x
  ) y
) g;`;
}

export function billingIndexes(s: string): string {
  return `
ALTER TABLE ${s}."CUST" ADD PRIMARY KEY ("CUST_ID");
CREATE UNIQUE INDEX ON ${s}."CUST" ("CUST_CODE");
ALTER TABLE ${s}."ACCT" ADD PRIMARY KEY ("ACCT_ID");
CREATE UNIQUE INDEX ON ${s}."ACCT" ("ACCT_NBR");
CREATE INDEX ON ${s}."ACCT" ("CUST_ID");
ALTER TABLE ${s}."SERV" ADD PRIMARY KEY ("SERV_ID");
CREATE UNIQUE INDEX ON ${s}."SERV" ("ACC_NBR");
CREATE INDEX ON ${s}."SERV" ("CUST_ID");
CREATE INDEX ON ${s}."SERV_ACCT" ("ACCT_ID");
CREATE INDEX ON ${s}."SERV_ACCT" ("SERV_ID");
ALTER TABLE ${s}."BILL" ADD PRIMARY KEY ("BILL_ID");
CREATE INDEX ON ${s}."BILL" ("ACCT_ID", "BILLING_CYCLE_ID");
CREATE INDEX ON ${s}."ACCT_ITEM" ("BILL_ID");
CREATE INDEX ON ${s}."ACCT_ITEM_OWE" ("ACCT_ID");
CREATE INDEX ON ${s}."ACCT_ITEM_OWE" ("BILL_ID");
ALTER TABLE ${s}."PAYMENT" ADD PRIMARY KEY ("PAYMENT_ID");
CREATE INDEX ON ${s}."PAYMENT" ("ACCT_ID");
CREATE UNIQUE INDEX ON ${s}."PAYMENT" ("OUT_SERIAL_NBR");
CREATE SEQUENCE ${s}."SEQ_PAYMENT_ID";
CREATE INDEX ON ${s}."PAYMENT" ("ACCT_ID") WHERE "STATE" = 'N';
ALTER TABLE ${s}."COLLECT_SITE" ADD PRIMARY KEY ("SITE_ID");
ALTER TABLE ${s}."WRITE_OFF" ADD PRIMARY KEY ("WRITE_OFF_ID");
CREATE INDEX ON ${s}."WRITE_OFF" ("BILL_ID");
CREATE INDEX ON ${s}."WRITE_OFF" ("ACCT_ID");
CREATE SEQUENCE ${s}."SEQ_WRITE_OFF_ID";
CREATE INDEX ON ${s}."DUNNING" ("ACCT_ID");
CREATE UNIQUE INDEX ON ${s}."DUNNING" ("OUT_SERIAL_NBR");
CREATE SEQUENCE ${s}."SEQ_DUNNING_ID";
CREATE INDEX ON ${s}."SERV_STOP" ("SERV_ID");
ALTER TABLE ${s}."CREDIT_GRADE_HIS" ADD PRIMARY KEY ("GRADE_HIS_ID");
CREATE INDEX ON ${s}."CREDIT_GRADE_HIS" ("CUST_ID");
CREATE UNIQUE INDEX ON ${s}."CREDIT_GRADE_HIS" ("OUT_SERIAL_NBR");
CREATE SEQUENCE ${s}."SEQ_GRADE_HIS_ID";
ALTER TABLE ${s}."SERV_USAGE_MONTH" ADD PRIMARY KEY ("SERV_ID", "BILLING_CYCLE_ID", "CALL_CLASS");
${billingOfferIndexes(s)}`;
}
