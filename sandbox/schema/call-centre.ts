/**
 * Call centre (呼叫中心, the 10000 hotline). Only its line-oriented export over HTTP is the interface
 * (sandbox/call-centre); this table is its private store. One row per call an agent took.
 *
 * cc_call: call_seq 流水号 · caller_no 主叫号码, the calling number as the switch presented it: fixed lines
 * with their area code and no dash ("02512345678"), mobiles with or without the country code 86 ("13312345678"
 * or "8613312345678") · cust_code 客户编码, the hall's customer number when the agent identified the caller,
 * '' when not · call_type 来电类型 ZX 咨询 inquiry · TS 投诉 complaint · ZA 障碍申告 fault report · CF 话费查询
 * billing question · XH 销户意向 cancellation intent · result_code 处理结果 1 已解决 resolved · 2 转派 transferred
 * to another department · 3 待回访 callback owed · start_time 来电时间 'YYYYMMDDHHMMSS', the carrier's local
 * time (UTC+8) with no zone · talk_secs 通话时长 in seconds · agent_no 坐席工号 "A" + 4 digits.
 */
export function callCentreTables(s: string): string {
  return `
CREATE TABLE ${s}.cc_call (call_seq BIGINT NOT NULL, caller_no VARCHAR(20) NOT NULL, cust_code VARCHAR(12) NOT NULL,
  call_type CHAR(2) NOT NULL, result_code CHAR(1) NOT NULL, start_time CHAR(14) NOT NULL, talk_secs INTEGER NOT NULL,
  agent_no VARCHAR(6) NOT NULL);
`;
}

export function callCentreIndexes(s: string): string {
  return `
ALTER TABLE ${s}.cc_call ADD PRIMARY KEY (call_seq);
CREATE INDEX ON ${s}.cc_call (caller_no);
CREATE INDEX ON ${s}.cc_call (cust_code);
`;
}
