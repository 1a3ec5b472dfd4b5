import { describe, expect, it } from "vitest";
import { ACCOUNT_NO, CUSTOMER_ID, productOfServiceNo, SERVICE_NO } from "./canonical-ids.js";

describe("canonical ids", () => {
  it("tells the product from a service number's shape", () => {
    expect(productOfServiceNo("02550003936")).toBe("FIXED_LINE");
    expect(productOfServiceNo("051250003936")).toBe("FIXED_LINE");
    expect(productOfServiceNo("17300003937")).toBe("MOBILE");
    expect(productOfServiceNo("AD02500003938")).toBe("BROADBAND");
    expect(productOfServiceNo("AD051200003938")).toBe("BROADBAND");
    expect(productOfServiceNo("ZX320100003939")).toBe("LEASED_LINE");
  });

  it("rejects what is no service number", () => {
    for (const bad of ["", "0255000393", "0512500039361", "27300003937", "ad02500003938", "ZX3201", "025-50003936"]) {
      expect(productOfServiceNo(bad)).toBeNull();
      expect(SERVICE_NO.test(bad)).toBe(false);
    }
  });

  it("checks customer ids and account numbers", () => {
    expect(CUSTOMER_ID.test("320100000123")).toBe(true);
    expect(CUSTOMER_ID.test("3201-00000123")).toBe(false);
    expect(ACCOUNT_NO.test("88320100001230")).toBe(true);
    expect(ACCOUNT_NO.test("8832010000123")).toBe(false);
  });
});
