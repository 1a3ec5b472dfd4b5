import { describe, expect, it } from "vitest";
import { maskAddress, maskNumber, personal } from "./mask.js";

describe("masking personal data", () => {
  it("keeps the first four and last four characters of long numbers, three and four of phones", () => {
    expect(maskNumber("320102198001010456")).toBe("3201**********0456");
    expect(maskNumber("13912340456")).toBe("139****0456");
    expect(maskNumber("6222021234567890123")).toBe("6222***********0123");
    expect(maskNumber("1234")).toBe("****");
  });

  it("keeps an address's city and district only", () => {
    expect(maskAddress("江苏省南京市玄武区中山路12号")).toBe("江苏省南京市****");
    expect(maskAddress("南京")).toBe("****");
  });

  it("shows the value itself only with the PII right", () => {
    expect(personal("13912340456", true)).toBe("13912340456");
    expect(personal("13912340456", false)).toBe("139****0456");
  });
});
