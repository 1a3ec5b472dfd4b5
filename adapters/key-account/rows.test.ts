import { describe, expect, it } from "vitest";
import { customerIdOf, legacyCustomerNo } from "./ids.js";
import { contractRow, keyAccountRow, managerRow } from "./rows.js";
import { isoOfSlashDate } from "./values.js";

const keyAccount = {
  KHBH: "DK0000000042",
  KHMC: "南京华信制造有限公司",
  KHLX: "2",
  KHJB: "2",
  GXLX: "1",
  KHJL: "JL32010001",
  YYKHH: "KH320100000042",
  RWRQ: "2021/06/30",
  ZT: "0",
};

describe("key-account value spellings", () => {
  it("reads YYYY/MM/DD as an ISO date only when the day exists", () => {
    expect(isoOfSlashDate("2026/11/15")).toBe("2026-11-15");
    expect(isoOfSlashDate("2024/02/29")).toBe("2024-02-29");
    expect(isoOfSlashDate("2023/02/29")).toBeNull();
    expect(isoOfSlashDate("2026/13/40")).toBeNull();
    expect(isoOfSlashDate("2026-11-15")).toBeNull();
    expect(isoOfSlashDate("20261115")).toBeNull();
  });

  it("converts customer ids to and from the KH spelling", () => {
    expect(legacyCustomerNo("320100000042")).toBe("KH320100000042");
    expect(customerIdOf("KH320100000042")).toBe("320100000042");
    expect(customerIdOf("320100000042")).toBeNull();
  });
});

describe("key-account rows", () => {
  it("maps a key account", () => {
    expect(keyAccountRow.parse(keyAccount)).toEqual({
      id: "DK0000000042",
      customerId: "320100000042",
      name: "南京华信制造有限公司",
      type: "ENTERPRISE",
      level: "PROVINCIAL",
      relationship: "BUY_OUT",
      managerId: "JL32010001",
      recognisedOn: "2021-06-30",
      active: false,
    });
  });

  it("rejects a customer number without its KH, an unknown relationship and a malformed manager id", () => {
    expect(keyAccountRow.safeParse({ ...keyAccount, YYKHH: "320100000042" }).success).toBe(false);
    expect(keyAccountRow.safeParse({ ...keyAccount, GXLX: "3" }).success).toBe(false);
    expect(keyAccountRow.safeParse({ ...keyAccount, KHJL: "" }).success).toBe(false);
  });

  it("rejects a contract that expires before it is signed or has a negative amount", () => {
    const contract = { HTBH: "HT3201000000000168", KHBH: "DK0000000042", HTMC: "专线租用合同", QSRQ: "2025/01/01", DQRQ: "2027/01/01", HTJE: "1200000", ZT: "1" };
    expect(contractRow.parse(contract)).toMatchObject({ signedOn: "2025-01-01", expiresOn: "2027-01-01", amountFen: 1_200_000, status: "ACTIVE" });
    expect(contractRow.safeParse({ ...contract, DQRQ: "2024/12/31" }).success).toBe(false);
    expect(contractRow.safeParse({ ...contract, HTJE: "-1" }).success).toBe(false);
  });

  it("maps a manager and refuses a region that is not a local network code", () => {
    const manager = { JLBH: "JL32010001", XM: "王伟", LXDH: "18912345678", SSQY: "3201", ZT: "1" };
    expect(managerRow.parse(manager)).toEqual({ id: "JL32010001", name: "王伟", phone: "18912345678", regionCode: "3201", active: true });
    expect(managerRow.safeParse({ ...manager, SSQY: "南京" }).success).toBe(false);
  });
});
