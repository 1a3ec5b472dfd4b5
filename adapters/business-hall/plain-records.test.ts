import { describe, expect, it } from "vitest";
import { plainCustomer } from "./plain-records.js";
import { customerRecord, readCustomer } from "./records.js";

/** Plainly valid CustInfo records as the hall's XML reader hands them over (every value text). */
const VALID: Record<string, unknown>[] = [
  {
    CustNo: "320100000001", CustName: "王伟", CustType: "01", Gender: "M", BirthYear: "1980", RegionCode: "3201", RegionName: "南京",
    Address: "鼓楼区中山路1号", Phone: "13912345678", CertType: "1", CertNo: "320102198001011234", Occupation: "教师",
    IndustryCode: "", IndustryName: "", Education: "4", DetailType: "01", CreateTime: "2019-03-04 10:11:12",
  },
  {
    CustNo: "330100000002", CustName: "杭州某某公司", CustType: "04 ", Gender: "", BirthYear: "", RegionCode: "3301", RegionName: "杭州",
    Address: "", Phone: "", CertType: "2", CertNo: "91330100MA2H3K5L7N", Occupation: "", IndustryCode: "C39", IndustryName: "制造业",
    Education: "0", DetailType: "03", CreateTime: "2024-02-29 23:59:59", Extra: "ignored",
  },
];

/** Values each field is spoiled with in turn: missing, null, other types, padding, and other fields' valid values. */
const ODD_VALUES: unknown[] = [
  undefined, null, "", " ", "0", "00", "01", "05", "1", "3", "Y", "M ", " F", "X", 1, 2, 1.5, true, {}, [], ["01"],
  "1899", "2100", "19800", "320", "32011", "32010000000", "3201000000011", "2019-02-29 10:11:12", "2019-03-04 24:00:00",
  "2019-03-04T10:11:12", "2019-03-04 10:11:12 ", "2019-13-04 10:11:12",
];

function spoiledVariants(): Record<string, unknown>[] {
  const fields = Object.keys(VALID[0]!);
  const pool = [...ODD_VALUES, ...new Set(VALID.flatMap((raw) => Object.values(raw)))];
  return VALID.flatMap((raw) => fields.flatMap((field) => pool.map((value) => ({ ...raw, [field]: value }))));
}

describe("the hall's customer record read by hand", () => {
  it("reads each plainly valid record exactly as the schema does, keys in the same order", () => {
    for (const raw of VALID) {
      const read = plainCustomer(raw);
      expect(read).toBeDefined();
      expect(JSON.stringify(read)).toBe(JSON.stringify(customerRecord.parse(raw)));
    }
  });

  it("gives up on every spoiled record the schema rejects, and reads any other as the schema does", () => {
    let rejected = 0;
    for (const raw of spoiledVariants()) {
      const read = plainCustomer(raw);
      const parsed = customerRecord.safeParse(raw);
      if (!parsed.success) {
        rejected += 1;
        expect(read, JSON.stringify(raw)).toBeUndefined();
      } else if (read !== undefined) {
        expect(JSON.stringify(read), JSON.stringify(raw)).toBe(JSON.stringify(parsed.data));
      }
    }
    expect(rejected).toBeGreaterThan(100);
    for (const raw of [null, "x", [VALID[0]], { ...VALID[1], IndustryName: "" }]) expect(plainCustomer(raw)).toBeUndefined();
  });

  it("leaves a record it gives up on to the schema, whose error names the record and what is wrong", () => {
    const read = readCustomer({ ...VALID[0], CreateTime: "2019-02-29 10:11:12" });
    expect(read).toMatchObject({ code: "MALFORMED_RECORD", message: expect.stringMatching(/CustInfo 320100000001.*CreateTime: not a YYYY-MM-DD HH:MM:SS time/) });
  });
});
