import { describe, expect, it } from "vitest";
import { expectRefusedUpFront, served } from "../kit/testing.js";
import type { BillingContractFixture, ContractSample } from "./contract.testing.js";
import { serviceOfferKey, usageRequestKey, type UsageRecord, type UsageRecordPage, type UsageRecordRequest } from "./port.js";

const monthOf = (isoDate: string) => isoDate.slice(0, 7);

/**
 * The contract's part on what billing computes (the billing facts, usage and fees, offers and their effects): each in
 * one round trip per batch, consistent with the plain reads of the same port, and, when the fixture names a reference
 * adapter, equal to its answers over the same population.
 */
export function billingContractComputed(name: string, fixture: () => BillingContractFixture, sample: ContractSample): void {
  /** Expects the reference adapter, when there is one, to answer the same. */
  async function sameAsReference<T>(call: (adapter: BillingContractFixture["adapter"]) => Promise<T>, answer: T): Promise<void> {
    const reference = fixture().reference;
    if (reference !== undefined) expect(answer).toEqual(await call(reference));
  }

  describe(`billing port contract (${name}): billing facts`, () => {
    it("reads the facts of 100 customers in one round trip, as the plain reads give them", async () => {
      const f = fixture();
      f.counter.reset();
      const facts = served(await f.adapter.getBillingFacts(sample.customers));
      expect(f.counter.get("billing")).toBe(1);
      await sameAsReference((a) => a.getBillingFacts(sample.customers), facts);
      const accounts = served(await f.adapter.getAccountsByCustomer(sample.customers));
      const services = served(await f.adapter.getServicesByCustomer(sample.customers));
      const suspensions = served(await f.adapter.getSuspensionsByCustomer(sample.customers));
      const grades = served(await f.adapter.getCreditGrades(sample.customers));
      for (const [customerId, fact] of facts) {
        const own = accounts.get(customerId) ?? [];
        expect(fact.accounts).toEqual(own.map(({ accountNo, paymentMethod, creditLimitFen, balanceFen, status }) => ({ accountNo, paymentMethod, creditLimitFen, balanceFen, status })));
        expect(fact.services).toEqual((services.get(customerId) ?? []).map(({ serviceNo, product, status, barring, startedOn }) => ({ serviceNo, product, status, barring, startedOn })));
        expect(fact.suspensions).toEqual(suspensions.get(customerId));
        expect(fact.manualCredit).toEqual(grades.get(customerId));
        const recent = served(await f.adapter.getBills(own.map((a) => a.accountNo), { lastMonths: 12 }));
        const inWindow = [...recent.values()].flat().map((bill) => bill.billNo);
        const factBills = fact.bills.map((bill) => bill.billNo);
        expect(factBills).toEqual(expect.arrayContaining(inWindow));
      }
      expect([...facts.values()].some((fact) => fact.bills.some((bill) => bill.settlements.length > 0))).toBe(true);
    });

    it("reads one customer's facts as it reads them among many, and leaves unknown customers out", async () => {
      const f = fixture();
      const many = served(await f.adapter.getBillingFacts(sample.customers));
      f.counter.reset();
      const one = served(await f.adapter.getBillingFacts([sample.customers[3] as string, "990199999999"]));
      expect(f.counter.get("billing")).toBe(1);
      expect([...one]).toEqual([[sample.customers[3], many.get(sample.customers[3] as string)]]);
    });

    it("counts the twelve cycles back from an as-of date, leaving out later bills and later credit grades", async () => {
      const f = fixture();
      const asOf = `${monthOf(f.today)}-01`;
      const earlier = `${String(Number(f.today.slice(0, 4)) - 1)}${f.today.slice(4, 7)}-15`;
      for (const date of [asOf, earlier]) {
        f.counter.reset();
        const facts = served(await f.adapter.getBillingFacts(sample.customers, { asOf: date }));
        expect(f.counter.get("billing")).toBe(1);
        await sameAsReference((a) => a.getBillingFacts(sample.customers, { asOf: date }), facts);
        for (const fact of facts.values()) {
          expect(fact.bills.every((bill) => bill.month < monthOf(date))).toBe(true);
          expect(fact.manualCredit.every((grade) => grade.setOn <= date)).toBe(true);
        }
      }
      await expectRefusedUpFront(() => f.adapter.getBillingFacts(sample.customers, { asOf: "2026-02-30" }), f.counter, "billing");
    });

    it("reads the facts of 100 accounts in one round trip: the account alone, the services it pays for, no grades", async () => {
      const f = fixture();
      f.counter.reset();
      const facts = served(await f.adapter.getAccountFacts(sample.accounts));
      expect(f.counter.get("billing")).toBe(1);
      await sameAsReference((a) => a.getAccountFacts(sample.accounts), facts);
      await sameAsReference((a) => a.getAccountFacts(sample.accounts, { asOf: f.today }), served(await f.adapter.getAccountFacts(sample.accounts, { asOf: f.today })));
      const accounts = served(await f.adapter.getAccounts(sample.accounts));
      const paid = served(await f.adapter.getServicesByAccount(sample.accounts));
      expect(facts.size).toBe(100);
      for (const [accountNo, fact] of facts) {
        expect(fact.customerId).toBe(accounts.get(accountNo)?.customerId);
        expect(fact.accounts.map((a) => a.accountNo)).toEqual([accountNo]);
        expect(fact.services.map((s) => s.serviceNo)).toEqual([...new Set((paid.get(accountNo) ?? []).map((s) => s.serviceNo))]);
        expect(fact.bills.every((bill) => bill.accountNo === accountNo)).toBe(true);
        expect(fact.manualCredit).toEqual([]);
      }
      expect(served(await f.adapter.getAccountFacts(["88990199999999"])).size).toBe(0);
    });
  });

  describe(`billing port contract (${name}): usage and fees`, () => {
    it("reads 100 services' usage and 100 accounts' fee composition in one round trip each; the fees are the bills", async () => {
      const f = fixture();
      f.counter.reset();
      const usage = served(await f.adapter.getUsageSummaries(sample.services));
      const fees = served(await f.adapter.getFeeTrends(sample.accounts));
      expect(f.counter.get("billing")).toBe(2);
      await sameAsReference((a) => a.getUsageSummaries(sample.services), usage);
      await sameAsReference((a) => a.getFeeTrends(sample.accounts), fees);
      expect([...usage.values()].flat().length).toBeGreaterThan(100);
      for (const list of usage.values()) expect(list.map((u) => u.month)).toEqual([...list.map((u) => u.month)].sort().reverse());
      const bills = served(await f.adapter.getBills(sample.accounts, { lastMonths: 12 }));
      for (const [accountNo, lines] of fees) {
        const billed = new Map<string, number>();
        for (const bill of bills.get(accountNo) ?? []) billed.set(bill.month, (billed.get(bill.month) ?? 0) + bill.amountFen);
        const charged = new Map<string, number>();
        for (const line of lines) charged.set(line.month, (charged.get(line.month) ?? 0) + line.amountFen);
        expect(charged).toEqual(billed);
      }
    });

    it("pages one service's records of a cycle newest first by cursor, the pages adding up to the cycle's usage", async () => {
      const f = fixture();
      const usage = served(await f.adapter.getUsageSummaries(sample.services));
      const [serviceNo, summaries] = [...usage].find(([, list]) => list.some((u) => u.records > 25)) as [string, { month: string; records: number; feeFen: number; seconds: number }[]];
      const month = summaries.find((u) => u.records > 25)!.month;
      const ofMonth = summaries.filter((u) => u.month === month);
      const records: UsageRecord[] = [];
      let after: string | null = null;
      do {
        f.counter.reset();
        const request: UsageRecordRequest = { serviceNo, month, first: 20, after };
        const page: UsageRecordPage = served(await f.adapter.getUsageRecords([request])).get(usageRequestKey(request))!;
        expect(f.counter.get("billing")).toBe(1);
        await sameAsReference(async (a) => (await a.getUsageRecords([request])).get(usageRequestKey(request)), page);
        records.push(...page.records);
        after = page.nextCursor;
      } while (after !== null);
      expect(records).toHaveLength(ofMonth.reduce((sum, u) => sum + u.records, 0));
      expect(records.reduce((sum, r) => sum + r.feeFen, 0)).toBe(ofMonth.reduce((sum, u) => sum + u.feeFen, 0));
      expect(records.reduce((sum, r) => sum + r.seconds, 0)).toBe(ofMonth.reduce((sum, u) => sum + u.seconds, 0));
      expect(records.map((r) => r.startedAt)).toEqual([...records.map((r) => r.startedAt)].sort().reverse());
    });

    it("serves many services' pages in one round trip, each as it serves it alone, and refuses a bad request up front", async () => {
      const f = fixture();
      const usage = served(await f.adapter.getUsageSummaries(sample.services));
      const requests = [...usage].filter(([, list]) => list.length > 0).slice(0, 10).map(([serviceNo, list]) => ({ serviceNo, month: list[0]!.month, first: 5, after: null }));
      f.counter.reset();
      const pages = served(await f.adapter.getUsageRecords(requests));
      expect(f.counter.get("billing")).toBe(1);
      const alone = served(await f.adapter.getUsageRecords([requests[4]!]));
      expect(alone.get(usageRequestKey(requests[4]!))).toEqual(pages.get(usageRequestKey(requests[4]!)));
      await expectRefusedUpFront(() => f.adapter.getUsageRecords([{ ...requests[0]!, first: 0 }]), f.counter, "billing");
      await expectRefusedUpFront(() => f.adapter.getUsageRecords([{ ...requests[0]!, after: "not-a-cursor" }]), f.counter, "billing");
    });
  });

  describe(`billing port contract (${name}): offers`, () => {
    it("finds the catalogue a page at a time and reads the same offers by code, in one round trip each", async () => {
      const f = fixture();
      const found = new Map<string, unknown>();
      let after: string | null = null;
      let hasNext = true;
      while (hasNext) {
        f.counter.reset();
        const page = await f.adapter.findOffers({ after, first: 7 });
        expect(f.counter.get("billing")).toBe(1);
        await sameAsReference((a) => a.findOffers({ after, first: 7 }), page);
        for (const [code, offer] of served(page.offers)) found.set(code, offer);
        after = [...page.offers.keys()].at(-1) ?? null;
        hasNext = page.hasNextPage;
      }
      expect(found.size).toBeGreaterThan(7);
      f.counter.reset();
      const byCode = served(await f.adapter.getOffers([...found.keys(), "YH9999"]));
      expect(f.counter.get("billing")).toBe(1);
      expect(new Map(byCode)).toEqual(found);
      const province = ([...found.values()][0] as { regions: { code: string }[] }).regions[0]!.code.slice(0, 2);
      const region = served(await f.adapter.findOffers({ after: null, first: 200, regionCode: province }).then((p) => p.offers));
      expect(region.size).toBeGreaterThan(0);
      for (const offer of region.values()) expect(offer.regions.some((r) => r.code.startsWith(province))).toBe(true);
    });

    it("gives each customer the offers in force in its local network, and each offer's effect, in one round trip each", async () => {
      const f = fixture();
      f.counter.reset();
      const inForce = served(await f.adapter.getOffersInForce(sample.customers, f.today));
      expect(f.counter.get("billing")).toBe(1);
      await sameAsReference((a) => a.getOffersInForce(sample.customers, f.today), inForce);
      const codes = [...new Set([...inForce.values()].flat().map((o) => o.code))];
      expect(codes.length).toBeGreaterThan(0);
      const query = { fromMonth: `${String(Number(f.today.slice(0, 4)) - 1)}-01`, toMonth: monthOf(f.today), customerIdPrefix: null, customerIds: null };
      f.counter.reset();
      const effects = served(await f.adapter.getOfferEffects(codes, query));
      expect(f.counter.get("billing")).toBe(1);
      await sameAsReference((a) => a.getOfferEffects(codes, query), effects);
      for (const effect of effects.values()) expect(effect.months.reduce((sum, m) => sum + m.discountFen, 0)).toBe(effect.discountFen);
      expect([...effects.values()].some((effect) => effect.discountFen > 0)).toBe(true);
      const none = served(await f.adapter.getOfferEffects(codes, { ...query, customerIds: [] }));
      expect([...none.values()].every((effect) => effect.discountFen === 0 && effect.months.length === 0)).toBe(true);
      await sameAsReference((a) => a.getOfferEffects(codes, { ...query, customerIdPrefix: sample.customers[0]!.slice(0, 2) }), served(await f.adapter.getOfferEffects(codes, { ...query, customerIdPrefix: sample.customers[0]!.slice(0, 2) })));
    });

    it("tells what each offer took off each service's bills in one round trip, before a date too", async () => {
      const f = fixture();
      const items = served(await f.adapter.getBillItems([...served(await f.adapter.getBills(sample.accounts)).values()].flat().map((bill) => bill.billNo)));
      const discounted = [...new Set([...items.values()].flat().filter((i) => i.offerCode !== null).map((i) => serviceOfferKey(i.serviceNo, i.offerCode as string)))].slice(0, 30);
      expect(discounted.length).toBeGreaterThan(0);
      const keys = [...discounted, serviceOfferKey(sample.services[0]!, "YH9999")];
      f.counter.reset();
      const found = served(await f.adapter.getServiceOfferDiscounts(keys));
      const before = served(await f.adapter.getServiceOfferDiscounts(keys, { before: f.today }));
      expect(f.counter.get("billing")).toBe(2);
      await sameAsReference((a) => a.getServiceOfferDiscounts(keys), found);
      await sameAsReference((a) => a.getServiceOfferDiscounts(keys, { before: f.today }), before);
      expect([...found.keys()].sort()).toEqual([...discounted].sort());
      for (const key of discounted) {
        expect(found.get(key)!.discountFen).toBeGreaterThan(0);
        expect(before.get(key)!.discountFen).toBeLessThanOrEqual(found.get(key)!.discountFen);
      }
      await expectRefusedUpFront(() => f.adapter.getServiceOfferDiscounts(["not a key"]), f.counter, "billing");
      await expectRefusedUpFront(() => f.adapter.findOffers({ after: null, first: 201 }), f.counter, "billing");
    });
  });
}
