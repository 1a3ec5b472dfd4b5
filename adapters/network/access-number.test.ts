import { describe, expect, it } from "vitest";
import { fromNetworkAccessNumber, toNetworkAccessNumber } from "./access-number.js";

const PAIRS: readonly (readonly [string, string])[] = [
  ["02550000123", "025-50000123"],
  ["01050000123", "010-50000123"],
  ["051250000123", "0512-50000123"],
  ["075550000123", "0755-50000123"],
  ["13300001234", "8613300001234"],
  ["19912345678", "8619912345678"],
  ["AD02500001234", "ad02500001234"],
  ["AD057100001234", "ad057100001234"],
  ["ZX320100001234", "ZX320100001234"],
];

describe("network access number spelling", () => {
  it.each(PAIRS)("maps %s to %s and back", (canonical, network) => {
    expect(toNetworkAccessNumber(canonical)).toBe(network);
    expect(fromNetworkAccessNumber(network)).toBe(canonical);
  });

  it.each([
    "",
    "0255000012",
    "0251234567890",
    "00012345678",
    "1330000123",
    "23300001234",
    "ad02500001234",
    "AD0250000123",
    "ZX32010000123",
    "zx320100001234",
    "025-50000123",
    " 02550000123",
    "02550000123\n",
  ])("rejects canonical %j", (input) => {
    expect(toNetworkAccessNumber(input)).toBeNull();
  });

  it.each([
    "",
    "02550000123",
    "025-5000012",
    "0512-5000012",
    "05-12500000123",
    "13300001234",
    "8623300001234",
    "AD02500001234",
    "ad0250000123",
    "zx320100001234",
  ])("rejects network %j", (input) => {
    expect(fromNetworkAccessNumber(input)).toBeNull();
  });
});
