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
 * DUNNING.DUN_METHOD A automatic (SMS/IVR) · M manual (call, letter, visit); DUN_RESULT S reached · F failed;
 * SERV_STOP.STOP_TYPE 1 single barring for arrears · 2 double barring for arrears · 3 illegal use · 4 facility damage;
 * RESUME_DATE '00000000' while still stopped; PAYMENT.PAY_CHANNEL H hall · B bank · W web · P prepaid deduction;
 * PAYMENT.STATE N received, not yet taken up by the write-off run (销帐) · W taken up (its amount added to ACCT.BALANCE).
 * ACCT.BALANCE is money held on the account not yet applied to bills (a prepayment, or a prepaid account's balance);
 * the write-off run applies it to ACCT_ITEM_OWE oldest first and records each application in WRITE_OFF.
 * PAYMENT.OUT_SERIAL_NBR and DUNNING.OUT_SERIAL_NBR (外部流水号) hold the idempotency key of a record written from
 * outside billing, unique; null for billing's own records.
 * CREDIT_GRADE_HIS is credit control's (信控) history of credit grades set by hand for a customer, the newest row
 * (SET_DATE, then GRADE_HIS_ID) in force: CREDIT_GRADE A very high · B high · C medium · D low · E very low ·
 * 0 the grade set by hand is lifted (the computed one applies again); LIST_TYPE R red · G grey · B black · 0 none given
 * (the list follows the grade); STAFF_CODE who set it (the caller's subject); REASON required; OUT_SERIAL_NBR as above.
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
  "ACCT_ITEM_TYPE_ID" CHAR(2) NOT NULL, "AMOUNT" BIGINT NOT NULL);
CREATE TABLE ${s}."ACCT_ITEM_OWE" ("OWE_ID" BIGINT NOT NULL, "BILL_ID" BIGINT NOT NULL, "ACCT_ID" BIGINT NOT NULL,
  "BILLING_CYCLE_ID" CHAR(6) NOT NULL, "OWE_AMOUNT" BIGINT NOT NULL);
CREATE TABLE ${s}."PAYMENT" ("PAYMENT_ID" BIGINT NOT NULL, "ACCT_ID" BIGINT NOT NULL, "BILL_ID" BIGINT,
  "AMOUNT" BIGINT NOT NULL, "PAY_DATE" CHAR(8) NOT NULL, "PAY_CHANNEL" CHAR(1) NOT NULL, "OUT_SERIAL_NBR" VARCHAR(64),
  "STATE" CHAR(1) NOT NULL DEFAULT 'N');
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
`;
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
`;
}
