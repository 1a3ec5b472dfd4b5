import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { checkedFilter, checkedOrder, hallFilterOf, type CustomerFilter } from "./filter.js";

function message(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect((error as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
    return (error as GraphQLError).message;
  }
  throw new Error("expected BAD_USER_INPUT");
}

describe("customer filter", () => {
  it("keeps the criteria given and drops absent and null ones", () => {
    const input = { regionCode: "32", kind: null, valueTier: "HIGH", creditList: "RED", potentialKeyAccount: false, abnormalFlag: undefined } as CustomerFilter;
    expect(checkedFilter(input)).toEqual({ regionCode: "32", valueTier: "HIGH", creditList: "RED", potentialKeyAccount: false });
    expect(checkedFilter(null)).toEqual({});
    expect(checkedFilter(undefined)).toEqual({});
  });

  it("refuses region and industry codes that cannot be, naming the criterion", () => {
    expect(message(() => checkedFilter({ regionCode: "320" }))).toMatch(/regionCode must be a province \(2 digits\) or a local network \(4 digits\)/);
    expect(message(() => checkedFilter({ regionCode: "32%" }))).toMatch(/regionCode/);
    expect(message(() => checkedFilter({ regionCode: "" }))).toMatch(/regionCode/);
    expect(message(() => checkedFilter({ industryCode: "j'; --" }))).toMatch(/industryCode/);
  });

  it("refuses an enum value GraphQL would not have let through (a direct call)", () => {
    expect(message(() => checkedFilter({ valueTier: "GOLD" } as never))).toMatch(/filter:/);
    expect(message(() => checkedFilter({ churnRiskLevel: "SOME" } as never))).toMatch(/filter:/);
  });

  it("tells hall criteria, which the hall answers live, from those only the snapshot holds", () => {
    expect(hallFilterOf({ regionCode: "3201", kind: "BUSINESS", industryCode: "J", education: "PRIMARY" })).toEqual({
      regionCode: "3201",
      kind: "BUSINESS",
      industryCode: "J",
      education: "PRIMARY",
    });
    expect(hallFilterOf({})).toEqual({});
    expect(hallFilterOf({ regionCode: "32", productCode: "MOBILE" })).toBeNull();
    expect(hallFilterOf({ creditList: "BLACK" })).toBeNull();
    expect(hallFilterOf({ potentialKeyAccount: false })).toBeNull();
  });

  it("orders by customer number ascending unless told otherwise", () => {
    expect(checkedOrder(null)).toEqual({ field: "CUSTOMER_ID", direction: "ASC" });
    expect(checkedOrder({ field: "ARREARS", direction: "DESC" })).toEqual({ field: "ARREARS", direction: "DESC" });
  });
});
