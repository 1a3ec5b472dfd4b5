import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { plainAccount, plainBillWithServices, plainCreditGrade, plainDunning, plainPayment, plainService, plainSuspension } from "./plain-rows.js";
import { accountRow, billWithServicesRow, creditGradeRow, dunningRow, paymentRow, serviceRow, suspensionRow } from "./rows.js";

type Raw = Record<string, unknown>;

/** A payment's place columns as paymentSelect joins them from COLLECT_SITE. */
const place = (code: string | null, latn: string | null, type: string | null, name: string | null, bank: string | null): Raw => ({
  SITE_ID: code, SITE_FOUND: code, SITE_LATN_ID: latn, SITE_TYPE: type, SITE_NAME: name, SITE_BANK_ID: bank,
});

/** Plainly valid records of each kind, as billing's facts statement hands them over (BIGINT and NUMERIC as text). */
const KINDS: { name: string; schema: z.ZodType; plain: (raw: Raw) => unknown; valid: Raw[] }[] = [
  {
    name: "account",
    schema: accountRow,
    plain: plainAccount,
    valid: [
      { ACCT_ID: "1", ACCT_NBR: "88320100000010", CUST_CODE: "3201-00000001", ACCT_NAME: " 王伟 ", PAY_METHOD: "B", BANK_ID: "0102", BANK_ACCT: "6212345678901234567 ", CREDIT_LIMIT: "20000", BALANCE: "-350", STATE: "A", CREATED_DATE: "20190304" },
      { ACCT_ID: "2", ACCT_NBR: "88320100000011", CUST_CODE: "3201-00000001", ACCT_NAME: "南京某某公司", PAY_METHOD: "C ", BANK_ID: "  ", BANK_ACCT: "", CREDIT_LIMIT: "0", BALANCE: 12, STATE: "X", CREATED_DATE: "20240229 " },
    ],
  },
  {
    name: "bill",
    schema: billWithServicesRow,
    plain: plainBillWithServices,
    valid: [
      { BILL_ID: "77", ACCT_NBR: "88320100000010", BILLING_CYCLE_ID: "202610", BILL_AMOUNT: "5000", DUE_DATE: "20261120", STATE: "A", OWED: "1200", SERV_NBRS: ["13912345678", "02512345678"] },
      { BILL_ID: "78", ACCT_NBR: "88320100000010", BILLING_CYCLE_ID: "202611 ", BILL_AMOUNT: "0", DUE_DATE: "20261220", STATE: "P", OWED: null, SERV_NBRS: [] },
      { BILL_ID: "79", ACCT_NBR: "88320100000010", BILLING_CYCLE_ID: "202609", BILL_AMOUNT: 4200, DUE_DATE: "20261020", STATE: "U ", OWED: "4200", SERV_NBRS: ["AD02512345678"] },
    ],
  },
  {
    name: "payment",
    schema: paymentRow,
    plain: plainPayment,
    valid: [
      { PAYMENT_ID: "9001", ACCT_NBR: "88320100000010", BILL_ID: "77", AMOUNT: "3800", PAY_DATE: "20261115", PAY_CHANNEL: "H", ...place("3201H001", "3201", "H ", " 南京鼓楼营业厅", "") },
      { PAYMENT_ID: "9002", ACCT_NBR: "88320100000010", BILL_ID: null, AMOUNT: 100, PAY_DATE: "20261116", PAY_CHANNEL: "P ", ...place(null, null, null, null, null) },
      { PAYMENT_ID: "9003", ACCT_NBR: "88320100000010", BILL_ID: null, AMOUNT: "5000", PAY_DATE: "20261117", PAY_CHANNEL: "B", ...place("3201B003", "3201", "B", "中国农业银行南京鼓楼支行", "0103") },
    ],
  },
  {
    name: "service",
    schema: serviceRow,
    plain: plainService,
    valid: [
      { SERV_ID: "5", ACC_NBR: "13912345678", CUST_CODE: "3201-00000001", PRODUCT_ID: "20", STATE: "F0A", STOP_FLAG: "0", COMPLETED_DATE: "20200101", ACCT_NBRS: ["88320100000010"], BAD_LINK_STATES: [] },
      { SERV_ID: "6", ACC_NBR: "02512345678", CUST_CODE: "3201-00000001", PRODUCT_ID: 10, STATE: "F0T", STOP_FLAG: "2", COMPLETED_DATE: "20200101", ACCT_NBRS: [], BAD_LINK_STATES: [] },
      { SERV_ID: "7", ACC_NBR: "AD02512345678", CUST_CODE: "3201-00000001", PRODUCT_ID: "30", STATE: "F0X", STOP_FLAG: "0", COMPLETED_DATE: "20210615", ACCT_NBRS: ["88320100000010", "88320100000011"], BAD_LINK_STATES: [] },
    ],
  },
  {
    name: "suspension",
    schema: suspensionRow,
    plain: plainSuspension,
    valid: [
      { STOP_ID: "3", ACC_NBR: "13912345678", STOP_TYPE: "1", STOP_DATE: "20261001", RESUME_DATE: "00000000" },
      { STOP_ID: "4", ACC_NBR: "13912345678", STOP_TYPE: 4, STOP_DATE: "20260101", RESUME_DATE: "20260101 " },
    ],
  },
  {
    name: "dunning",
    schema: dunningRow,
    plain: plainDunning,
    valid: [
      { DUNNING_ID: "8", ACCT_NBR: "88320100000010", BILLING_CYCLE_ID: "202610", DUN_METHOD: "A", ATTEMPT_NO: 1, DUN_DATE: "20261125", DUN_RESULT: "S" },
      { DUNNING_ID: "9", ACCT_NBR: "88320100000010", BILLING_CYCLE_ID: "202610", DUN_METHOD: "M", ATTEMPT_NO: "3", DUN_DATE: "20261128", DUN_RESULT: "F" },
    ],
  },
  {
    name: "credit grade",
    schema: creditGradeRow,
    plain: plainCreditGrade,
    valid: [
      { GRADE_HIS_ID: "12", CREDIT_GRADE: "D", LIST_TYPE: "G", REASON: " 连续欠费，信控人工降级 ", STAFF_CODE: "XK3201007", SET_DATE: "20260302" },
      { GRADE_HIS_ID: "13", CREDIT_GRADE: "A ", LIST_TYPE: "0", REASON: "担保", STAFF_CODE: " alice@example.com ", SET_DATE: "20260401 " },
      { GRADE_HIS_ID: "14", CREDIT_GRADE: "0", LIST_TYPE: "0", REASON: "恢复系统评定", STAFF_CODE: "XK3201007", SET_DATE: "20260501" },
    ],
  },
];

/** Values each column is spoiled with in turn: missing, null, other types, padding, and other columns' valid values. */
const ODD_VALUES: unknown[] = [
  undefined, null, "", " ", "0", "-1", "1.5", "x", 0, -1, 1.5, 2 ** 60, Number.NaN, true, {}, [], [null], ["x"], [1],
  "00000000", "20260230", "2026-10-01", "202613", "99999999999999999999", "3201-0000001", "320100000001",
  " 88320100000010", "8832010000001", "13912345678 ", "1391234567", "Z", "F0", "a\n",
];

function spoiledVariants(valid: Raw[]): Raw[] {
  const columns = [...new Set(valid.flatMap((raw) => Object.keys(raw)))];
  const pool = [...ODD_VALUES, ...new Set(KINDS.flatMap((k) => k.valid.flatMap((raw) => Object.values(raw))))];
  return valid.flatMap((raw) => columns.flatMap((column) => pool.map((value) => ({ ...raw, [column]: value }))));
}

describe("billing's records read by hand", () => {
  for (const { name, schema, plain, valid } of KINDS) {
    it(`reads each plainly valid ${name} exactly as its schema does, keys in the same order`, () => {
      for (const raw of valid) {
        const read = plain(raw);
        expect(read).toBeDefined();
        expect(JSON.stringify(read)).toBe(JSON.stringify(schema.parse(raw)));
      }
    });

    it(`gives up on every spoiled ${name} its schema rejects, and reads any other as the schema does`, () => {
      let rejected = 0;
      for (const raw of spoiledVariants(valid)) {
        const read = plain(raw);
        const parsed = schema.safeParse(raw);
        if (!parsed.success) {
          rejected += 1;
          expect(read, JSON.stringify(raw)).toBeUndefined();
        } else if (read !== undefined) {
          expect(JSON.stringify(read), JSON.stringify(raw)).toBe(JSON.stringify(parsed.data));
        }
      }
      expect(rejected).toBeGreaterThan(valid.length * 10);
    });
  }

  it("gives up on contradictions between columns, as the schemas' refinements do", () => {
    const [account] = KINDS[0]!.valid;
    const [bill] = KINDS[1]!.valid;
    const [service] = KINDS[3]!.valid;
    const [suspension] = KINDS[4]!.valid;
    const [atHall, , atBank] = KINDS[2]!.valid;
    const spoiled: [(raw: Raw) => unknown, z.ZodType, Raw][] = [
      [plainAccount, accountRow, { ...account, BANK_ACCT: "" }],
      [plainBillWithServices, billWithServicesRow, { ...bill, STATE: "P" }],
      [plainBillWithServices, billWithServicesRow, { ...bill, OWED: "6000" }],
      [plainBillWithServices, billWithServicesRow, { ...bill, SERV_NBRS: ["13912345678", null] }],
      [plainService, serviceRow, { ...service, PRODUCT_ID: "10" }],
      [plainService, serviceRow, { ...service, STOP_FLAG: "1" }],
      [plainService, serviceRow, { ...service, BAD_LINK_STATES: ["Q"] }],
      [plainService, serviceRow, { ...service, ACCT_NBRS: [null] }],
      [plainSuspension, suspensionRow, { ...suspension, RESUME_DATE: "20250101" }],
      [plainPayment, paymentRow, { ...atHall, PAY_CHANNEL: "B" }],
      [plainPayment, paymentRow, { ...atHall, PAY_CHANNEL: "W" }],
      [plainPayment, paymentRow, { ...atHall, SITE_FOUND: null, SITE_LATN_ID: null, SITE_TYPE: null, SITE_NAME: null, SITE_BANK_ID: null }],
      [plainPayment, paymentRow, { ...atBank, SITE_BANK_ID: " " }],
      [plainPayment, paymentRow, { ...atHall, SITE_BANK_ID: "0102" }],
      [plainCreditGrade, creditGradeRow, { ...KINDS[6]!.valid[2], LIST_TYPE: "B" }],
    ];
    for (const [plain, schema, raw] of spoiled) {
      expect(schema.safeParse(raw).success).toBe(false);
      expect(plain(raw)).toBeUndefined();
    }
  });
});
