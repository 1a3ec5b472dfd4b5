import { describe, expect, it } from "vitest";
import { isAdapterError } from "../kit/errors.js";
import { expectUnreachable, served } from "../kit/testing.js";
import type { BillingContractFixture, ContractSample, Corruption } from "./contract.testing.js";

/** A record that cannot be read costs its own key only: the contract's part on malformed records and a system that is down. */
export function billingContractFaults(name: string, fixture: () => BillingContractFixture, sample: ContractSample): void {
  /** Runs `body` with one record broken, mending it whatever happens. */
  async function broken(corruption: Corruption, body: () => Promise<void>): Promise<void> {
    const mend = await fixture().corrupt(corruption);
    try {
      await body();
    } finally {
      await mend();
    }
  }

  /** The one key given MALFORMED_RECORD from billing, naming its record; every other key served. */
  function malformedAt<K, V>(found: Map<K, V>, key: K): string {
    const error = found.get(key);
    expect(isAdapterError(error)).toBe(true);
    expect(error).toMatchObject({ code: "MALFORMED_RECORD", source: "billing" });
    const record = (error as { record?: string }).record;
    expect(record).toBeTruthy();
    expect((error as Error).message).toContain(record);
    expect([...found].filter(([other, value]) => other !== key && isAdapterError(value)).map(([other]) => other)).toEqual([]);
    return (error as Error).message;
  }

  describe(`billing port contract (${name}): malformed records cost their own key only`, () => {
    it("gives an account with an unknown payment method its own error, and its customer's list too", async () => {
      const f = fixture();
      const [bad, good] = sample.accounts as [string, string];
      const owner = served(await f.adapter.getAccounts([bad])).get(bad)!.customerId;
      await broken({ kind: "unknown-payment-method", accountNo: bad }, async () => {
        f.counter.reset();
        const found = await f.adapter.getAccounts([good, bad]);
        expect(f.counter.get("billing")).toBe(1);
        malformedAt(found, bad);
        expect(found.get(good)).toMatchObject({ accountNo: good });
        malformedAt(await f.adapter.getAccountsByCustomer([owner, sample.customers.find((c) => c !== owner) as string]), owner);
      });
      expect(served(await f.adapter.getAccounts([bad])).get(bad)).toMatchObject({ accountNo: bad });
    });

    it.each([
      ["an impossible due date", "impossible-due-date", /due/i],
      ["a PAID state while still owing", "paid-but-owing", /PAID but \d+ fen still owed/],
    ] as const)("gives the account of a bill with %s that bill's error, unpaid-only too", async (_, kind, detail) => {
      const f = fixture();
      const owing = [...served(await f.adapter.getBills(sample.accounts, { unpaidOnly: true }))].find(([, bills]) => bills.length > 0);
      expect(owing).toBeDefined();
      const [accountNo, bills] = owing!;
      const bill = bills[0]!;
      const other = sample.accounts.find((a) => a !== accountNo) as string;
      await broken({ kind, billNo: bill.billNo }, async () => {
        expect(malformedAt(await f.adapter.getBills([accountNo, other]), accountNo)).toMatch(detail);
        malformedAt(await f.adapter.getBills([accountNo, other], { unpaidOnly: true }), accountNo);
      });
    });

    it("gives a barred service without a barring level and an unknown suspension reason their own service's error", async () => {
      const f = fixture();
      const [target, other] = sample.services as [string, string];
      await broken({ kind: "barred-without-barring", serviceNo: target }, async () => {
        expect(malformedAt(await f.adapter.getServices([target, other]), target)).toMatch(/BARRED without a barring level/);
      });
      const stopped = [...served(await f.adapter.getSuspensions(sample.services))].find(([, list]) => list.length > 0)?.[0];
      expect(stopped).toBeDefined();
      await broken({ kind: "unknown-suspension-reason", serviceNo: stopped as string }, async () => {
        malformedAt(await f.adapter.getSuspensions([stopped as string, sample.services.find((s) => s !== stopped) as string]), stopped);
      });
    });
  });

  describe(`billing port contract (${name}): system down`, () => {
    it("reports SOURCE_UNAVAILABLE when the system cannot be reached", async () => {
      await expectUnreachable(fixture().unreachable(), (a) => a.getAccounts([sample.accounts[0] as string]), "billing");
    });
  });
}
