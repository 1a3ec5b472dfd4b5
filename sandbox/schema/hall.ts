/**
 * Business hall (营业受理, BOSS front office). Only its SOAP service is the interface; these tables
 * are its private store. cust_no is the master customer number "LLLLNNNNNNNN" (local network + sequence).
 *
 * Codes: cust_type 01 residential · 02 unit/business · 03 individual key account · 04 enterprise key account;
 * gender M/F/'' for units; detail_type 01 ordinary · 02 apartment · 03 villa; education 1 primary … 5 postgraduate, 0 unknown;
 * cert_type 1 ID card · 2 business licence; tb_user.product_code GH fixed · YD mobile · KD broadband · ZX leased line;
 * tb_user.status 1 in use · 2 single barring · 3 double barring · 4 removed;
 * tb_complaint.status 0 accepted · 1 in progress · 2 closed; complaint_type 01 billing · 02 network quality
 * · 03 service attitude · 04 installation · 05 other; survey answers q1..q9 in the seed's order (image, attitude,
 * service quality, care, reliability, timeliness, security, quality for price, price for quality), on the survey's
 * scale: 1 five-point (1–5, the older paper and phone surveys) · 2 hundred-point (0–100, the call centre's regular
 * surveys since 2025); client_serial is the caller's key of a survey recorded through AddSurvey.
 * tb_work_order (工单): order_type 01 installation 装机 · 02 removal 拆机 · 03 move 移机 · 04 transfer of ownership 过户;
 * status 0 accepted 受理 · 1 dispatched 派单 · 2 completed 竣工 · 3 cancelled 撤单; finish_date only when completed;
 * reason_code only on removals: 01 moved away 迁走 · 02 price 资费 · 03 quality 质量 · 04 went to a competitor 转网
 * · 05 unpaid arrears 欠费拆机 · 06 deceased or business closed 死亡/注销 · 09 other 其他; competitor_code only with
 * reason 04: 01 China Mobile 中国移动 · 02 China Unicom 中国联通 · 03 China Broadnet 中国广电 · 09 other 其他;
 * old_cust_no only on transfers: the customer who gave the line up (cust_no is the one who took it over; a former
 * owner's record may be archived, so it need not be in tb_cust).
 * tb_user_offer (用户优惠): an offer of billing's catalogue (offer_code, billing's OFFER_CODE) chosen for a line at the
 * counter on its acceptance order: accept_time when it was chosen, eff_date the first day it applies (the first of the
 * next billing cycle), exp_date the last (the end of its term, of the offer itself, the line's removal or the customer's
 * cancellation 退订, whichever came first; null when none is set). A line holds a given offer once.
 */
export function hallTables(s: string): string {
  return `
CREATE TABLE ${s}.tb_region (region_code CHAR(4) NOT NULL, region_name VARCHAR(40) NOT NULL, area_code VARCHAR(4) NOT NULL);
CREATE TABLE ${s}.tb_cust (cust_no VARCHAR(12) NOT NULL, cust_name VARCHAR(100) NOT NULL, cust_type CHAR(2) NOT NULL,
  gender CHAR(1) NOT NULL, birth_year INTEGER, region_code CHAR(4) NOT NULL, address VARCHAR(200) NOT NULL,
  phone VARCHAR(20) NOT NULL, cert_type CHAR(1) NOT NULL, cert_no VARCHAR(20) NOT NULL, occupation VARCHAR(40) NOT NULL,
  industry_code VARCHAR(4) NOT NULL, industry_name VARCHAR(40) NOT NULL, education CHAR(1) NOT NULL,
  detail_type CHAR(2) NOT NULL, create_time TIMESTAMP NOT NULL);
CREATE TABLE ${s}.tb_contact (contact_id BIGINT NOT NULL, cust_no VARCHAR(12) NOT NULL, contact_name VARCHAR(60) NOT NULL,
  position VARCHAR(40) NOT NULL, phone VARCHAR(20) NOT NULL);
CREATE TABLE ${s}.tb_user (user_id BIGINT NOT NULL, cust_no VARCHAR(12) NOT NULL, serv_no VARCHAR(20) NOT NULL,
  product_code CHAR(2) NOT NULL, product_name VARCHAR(60) NOT NULL, start_date DATE NOT NULL, status CHAR(1) NOT NULL);
CREATE TABLE ${s}.tb_complaint (complaint_no VARCHAR(20) NOT NULL, cust_no VARCHAR(12) NOT NULL, serv_no VARCHAR(20),
  complaint_type CHAR(2) NOT NULL, content VARCHAR(400) NOT NULL, accept_time TIMESTAMP NOT NULL, status CHAR(1) NOT NULL,
  client_serial VARCHAR(64));
CREATE TABLE ${s}.tb_survey (survey_id BIGINT NOT NULL, cust_no VARCHAR(12) NOT NULL, survey_date DATE NOT NULL,
  q1 SMALLINT NOT NULL, q2 SMALLINT NOT NULL, q3 SMALLINT NOT NULL, q4 SMALLINT NOT NULL, q5 SMALLINT NOT NULL,
  q6 SMALLINT NOT NULL, q7 SMALLINT NOT NULL, q8 SMALLINT NOT NULL, q9 SMALLINT NOT NULL, other_carrier CHAR(1) NOT NULL,
  scale CHAR(1) NOT NULL DEFAULT '1', client_serial VARCHAR(64));
CREATE TABLE ${s}.tb_work_order (order_no VARCHAR(20) NOT NULL, cust_no VARCHAR(12) NOT NULL, serv_no VARCHAR(20) NOT NULL,
  order_type CHAR(2) NOT NULL, accept_time TIMESTAMP NOT NULL, finish_date DATE, status CHAR(1) NOT NULL, reason_code CHAR(2),
  competitor_code CHAR(2), old_cust_no VARCHAR(12));
CREATE TABLE ${s}.tb_user_offer (offer_inst_id BIGINT NOT NULL, cust_no VARCHAR(12) NOT NULL, serv_no VARCHAR(20) NOT NULL,
  offer_code VARCHAR(12) NOT NULL, accept_time TIMESTAMP NOT NULL, eff_date DATE NOT NULL, exp_date DATE);
`;
}

export function hallIndexes(s: string): string {
  return `
ALTER TABLE ${s}.tb_region ADD PRIMARY KEY (region_code);
ALTER TABLE ${s}.tb_cust ADD PRIMARY KEY (cust_no);
-- QueryCustCount counts on any mix of the list criteria from this index alone, without reading the rows.
CREATE INDEX ON ${s}.tb_cust (region_code, cust_type, industry_code, education);
CREATE INDEX ON ${s}.tb_cust (cert_no);
CREATE INDEX ON ${s}.tb_contact (cust_no);
ALTER TABLE ${s}.tb_user ADD PRIMARY KEY (user_id);
CREATE INDEX ON ${s}.tb_user (cust_no);
CREATE UNIQUE INDEX ON ${s}.tb_user (serv_no);
ALTER TABLE ${s}.tb_complaint ADD PRIMARY KEY (complaint_no);
CREATE INDEX ON ${s}.tb_complaint (cust_no);
CREATE UNIQUE INDEX ON ${s}.tb_complaint (client_serial);
CREATE SEQUENCE ${s}.seq_complaint;
CREATE INDEX ON ${s}.tb_survey (cust_no);
CREATE UNIQUE INDEX ON ${s}.tb_survey (client_serial);
-- Generated surveys are numbered far below this; AddSurvey's numbers come from here.
CREATE SEQUENCE ${s}.seq_survey START 900000000000;
ALTER TABLE ${s}.tb_work_order ADD PRIMARY KEY (order_no);
CREATE INDEX ON ${s}.tb_work_order (cust_no);
-- QueryChurnStat counts removals and moves completed in a period.
CREATE INDEX ON ${s}.tb_work_order (order_type, finish_date);
ALTER TABLE ${s}.tb_user_offer ADD PRIMARY KEY (offer_inst_id);
CREATE INDEX ON ${s}.tb_user_offer (cust_no);
`;
}
