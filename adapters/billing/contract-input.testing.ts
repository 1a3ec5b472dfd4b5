import { describe, expect, it } from "vitest";
import { expectRefusedUpFront, served } from "../kit/testing.js";
import type { BillingContractFixture, ContractSample } from "./contract.testing.js";

/** The contract's part on keys: unknown ones, empty batches, and input refused before any round trip. */
export function billingContractInput(name: string, fixture: () => BillingContractFixture, sample: ContractSample): void {
  const f = fixture;
  describe(`billing port contract (${name}): unknown keys and empty batches`, () => {
    it("leaves unknown ids out of single-record maps and gives them empty lists", async () => {
      f().counter.reset();
      const unknownAccount = "88990199999999";
      expect([...served(await f().adapter.getAccounts([sample.accounts[0] as string, unknownAccount])).keys()]).toEqual([sample.accounts[0]]);
      expect(served(await f().adapter.getServices(["19990199999", "ZX990199999999"])).size).toBe(0);
      expect(served(await f().adapter.getBills([unknownAccount])).get(unknownAccount)).toEqual([]);
      expect(served(await f().adapter.getAccountsByCustomer(["990199999999"])).get("990199999999")).toEqual([]);
      expect(served(await f().adapter.getBillItems(["990199999999"])).get("990199999999")).toEqual([]);
      expect(served(await f().adapter.getSettlements(["990199999999"])).get("990199999999")).toEqual([]);
      expect(served(await f().adapter.getCreditGrades(["990199999999"])).get("990199999999")).toEqual([]);
      expect(f().counter.get("billing")).toBe(7);
    });

    it("answers an empty batch without a round trip", async () => {
      f().counter.reset();
      expect(served(await f().adapter.getAccounts([])).size).toBe(0);
      expect(served(await f().adapter.getSuspensions([])).size).toBe(0);
      expect(served(await f().adapter.getPayments([])).size).toBe(0);
      expect(f().counter.get("billing")).toBe(0);
    });
  });

  describe(`billing port contract (${name}): bad input`, () => {
    it.each([
      ["an account number of the wrong shape", () => f().adapter.getAccounts([sample.accounts[0] as string, "8812345"])],
      ["an account number without its 88", () => f().adapter.getBills(["12320100000011"])],
      ["a customer id in billing's own spelling", () => f().adapter.getAccountsByCustomer(["3201-00000001"])],
      ["a service number of no known shape", () => f().adapter.getServices(["12345"])],
      ["a network-spelled service number", () => f().adapter.getSuspensions(["025-50000032"])],
      ["a bill number that is not digits", () => f().adapter.getBillItems(["B1"])],
      ["lastMonths of zero", () => f().adapter.getBills([sample.accounts[0] as string], { lastMonths: 0 })],
      ["an as-of date that is no calendar date", () => f().adapter.getBills([sample.accounts[0] as string], { asOf: "2026-13-01" })],
      ["a since date that is no calendar date", () => f().adapter.getPayments([sample.accounts[0] as string], { since: "2026-02-30" })],
    ])("rejects %s with BAD_USER_INPUT before any round trip", async (_, call) => {
      await expectRefusedUpFront(call, f().counter, "billing");
    });
  });

}
