import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import type * as ka from "../../adapters/key-account/port.js";
import { checkedFilter, contractsEndingWithin, lastVisitOf, matches, type KeyAccountFilter } from "./portfolio.js";

const TODAY = "2026-11-15";

const account = (overrides: Partial<ka.KeyAccount> = {}): ka.KeyAccount => ({
  id: "DK0000000001",
  customerId: "320100000001",
  name: "南京示例科技有限公司",
  type: "ENTERPRISE",
  level: "PROVINCIAL",
  relationship: "COOPERATIVE",
  managerId: "JL32010001",
  recognisedOn: "2024-01-01",
  active: true,
  ...overrides,
});

const contract = (contractNo: string, expiresOn: string, status: ka.ContractStatus = "ACTIVE"): ka.Contract => ({
  contractNo,
  keyAccountId: "DK0000000001",
  title: "专线服务协议",
  signedOn: "2024-01-01",
  expiresOn,
  amountFen: 1_000_000,
  status,
});

const visit = (visitId: string, date: string): ka.Visit => ({ visitId, keyAccountId: "DK0000000001", managerId: "JL32010001", date, method: "ON_SITE", notes: "" });

const none = { contracts: [], visits: [] };

describe("contracts ending", () => {
  it("keeps active contracts expiring from today up to the horizon, soonest first", () => {
    const contracts = [
      contract("HT3", "2027-02-13"), // 90 days on: inside
      contract("HT1", "2026-11-15"), // today: inside
      contract("HT4", "2027-02-14"), // 91 days: outside
      contract("HT0", "2026-11-14"), // expired yesterday
      contract("HT2", "2026-12-01", "TERMINATED"),
    ];
    expect(contractsEndingWithin(contracts, TODAY, 90).map((c) => c.contractNo)).toEqual(["HT1", "HT3"]);
    expect(contractsEndingWithin(contracts, TODAY, 0).map((c) => c.contractNo)).toEqual(["HT1"]);
  });
});

describe("last visit", () => {
  it("is the latest visit made up to today, planned ones left out", () => {
    const visits = [visit("3", "2026-12-01"), visit("1", "2026-10-02"), visit("2", "2026-11-01")];
    expect(lastVisitOf(visits, TODAY)?.visitId).toBe("2");
    expect(lastVisitOf([], TODAY)).toBeNull();
  });
});

describe("portfolio filter", () => {
  it("keeps an account only when every given criterion holds", () => {
    const filter: KeyAccountFilter = { levels: ["PROVINCIAL", "NATIONAL"], types: ["ENTERPRISE"], relationships: ["COOPERATIVE"], active: true, nameContains: "科技" };
    expect(matches(account(), filter, TODAY, none)).toBe(true);
    expect(matches(account({ level: "MUNICIPAL" }), filter, TODAY, none)).toBe(false);
    expect(matches(account({ type: "INDIVIDUAL" }), filter, TODAY, none)).toBe(false);
    expect(matches(account({ relationship: "BUY_OUT" }), filter, TODAY, none)).toBe(false);
    expect(matches(account({ active: false }), filter, TODAY, none)).toBe(false);
    expect(matches(account({ name: "苏州示例贸易公司" }), filter, TODAY, none)).toBe(false);
    expect(matches(account({ active: false }), { active: false }, TODAY, none)).toBe(true);
    expect(matches(account(), {}, TODAY, none)).toBe(true);
  });

  it("reads contracts for contracts ending, and visits for accounts not visited lately (never visited included)", () => {
    const ending = { contractsEndingWithinDays: 30 };
    expect(matches(account(), ending, TODAY, { contracts: [contract("HT1", "2026-12-10")], visits: [] })).toBe(true);
    expect(matches(account(), ending, TODAY, { contracts: [contract("HT1", "2027-06-10")], visits: [] })).toBe(false);

    const neglected = { notVisitedForDays: 60 };
    expect(matches(account(), neglected, TODAY, none)).toBe(true);
    expect(matches(account(), neglected, TODAY, { contracts: [], visits: [visit("1", "2026-09-16")] })).toBe(true); // 60 days ago
    expect(matches(account(), neglected, TODAY, { contracts: [], visits: [visit("1", "2026-09-17")] })).toBe(false);
  });

  it("refuses numbers and text out of bounds, naming the criterion", () => {
    const refusal = (filter: KeyAccountFilter) => {
      try {
        checkedFilter(filter);
      } catch (error) {
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
        return (error as Error).message;
      }
      throw new Error("accepted");
    };
    expect(refusal({ contractsEndingWithinDays: -1 })).toMatch(/contractsEndingWithinDays/);
    expect(refusal({ notVisitedForDays: 100_000 })).toMatch(/notVisitedForDays/);
    expect(refusal({ nameContains: "  " })).toMatch(/nameContains/);
    expect(checkedFilter({ levels: ["NATIONAL"] })).toEqual({ levels: ["NATIONAL"] });
    expect(checkedFilter(null)).toBeNull();
  });
});
