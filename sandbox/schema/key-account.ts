/**
 * Key-account system (大客户). Pinyin-abbreviation columns, dates as 'YYYY/MM/DD' text, money in fen.
 * KHBH is its own number "DK" + 10 digits; YYKHH is the hall's customer number prefixed "KH".
 *
 * DKH_KHXX (客户信息): KHBH 客户编号 · KHMC 客户名称 · KHLX 类型 1 个人 individual · 2 企业 enterprise ·
 *   KHJB 级别 1 全国级 national · 2 省级 provincial · 3 地市级 municipal · GXLX 关系类型 1 买断型 buy-out · 2 合作双赢型
 *   cooperative · KHJL 客户经理 (JLBH) · YYKHH 营业客户号 · RWRQ 认定日期 (date recognised as KA) · ZT 状态 1 有效 · 0 撤销.
 * DKH_KHJL (客户经理): JLBH 经理编号 · XM 姓名 · LXDH 联系电话 · SSQY 所属区域 (local network) · ZT 1 在岗 · 0 离岗.
 * DKH_HT (合同): HTBH 合同编号 · KHBH · HTMC 合同名称 · QSRQ 签署日期 · DQRQ 到期日期 · HTJE 合同金额 (fen) ·
 *   ZT 1 执行中 active · 2 已到期 expired · 3 已终止 terminated.
 * DKH_BFJL (拜访记录): BFBH 拜访编号 · KHBH · JLBH · BFRQ 拜访日期 · BFFS 方式 1 上门 visit · 2 电话 call · 3 会议 meeting ·
 *   BFNR 内容 · WBLSH 外部流水号 (the caller's idempotency key).
 */
export function keyAccountTables(s: string): string {
  return `
CREATE TABLE ${s}."DKH_KHXX" ("KHBH" VARCHAR(12) NOT NULL, "KHMC" VARCHAR(100) NOT NULL, "KHLX" CHAR(1) NOT NULL,
  "KHJB" CHAR(1) NOT NULL, "GXLX" CHAR(1) NOT NULL, "KHJL" VARCHAR(10) NOT NULL, "YYKHH" VARCHAR(16) NOT NULL,
  "RWRQ" CHAR(10) NOT NULL, "ZT" CHAR(1) NOT NULL);
CREATE TABLE ${s}."DKH_KHJL" ("JLBH" VARCHAR(10) NOT NULL, "XM" VARCHAR(20) NOT NULL, "LXDH" VARCHAR(20) NOT NULL,
  "SSQY" CHAR(4) NOT NULL, "ZT" CHAR(1) NOT NULL);
CREATE TABLE ${s}."DKH_HT" ("HTBH" VARCHAR(20) NOT NULL, "KHBH" VARCHAR(12) NOT NULL, "HTMC" VARCHAR(100) NOT NULL,
  "QSRQ" CHAR(10) NOT NULL, "DQRQ" CHAR(10) NOT NULL, "HTJE" BIGINT NOT NULL, "ZT" CHAR(1) NOT NULL);
CREATE TABLE ${s}."DKH_BFJL" ("BFBH" BIGINT NOT NULL, "KHBH" VARCHAR(12) NOT NULL, "JLBH" VARCHAR(10) NOT NULL,
  "BFRQ" CHAR(10) NOT NULL, "BFFS" CHAR(1) NOT NULL, "BFNR" VARCHAR(400) NOT NULL, "WBLSH" VARCHAR(64));
`;
}

export function keyAccountIndexes(s: string): string {
  return `
ALTER TABLE ${s}."DKH_KHXX" ADD PRIMARY KEY ("KHBH");
CREATE UNIQUE INDEX ON ${s}."DKH_KHXX" ("YYKHH");
CREATE INDEX ON ${s}."DKH_KHXX" ("KHJL");
ALTER TABLE ${s}."DKH_KHJL" ADD PRIMARY KEY ("JLBH");
ALTER TABLE ${s}."DKH_HT" ADD PRIMARY KEY ("HTBH");
CREATE INDEX ON ${s}."DKH_HT" ("KHBH");
ALTER TABLE ${s}."DKH_BFJL" ADD PRIMARY KEY ("BFBH");
CREATE INDEX ON ${s}."DKH_BFJL" ("KHBH");
CREATE UNIQUE INDEX ON ${s}."DKH_BFJL" ("WBLSH");
CREATE SEQUENCE ${s}."SEQ_BFBH";
`;
}
