import type { SourceHealth } from "../health.js";
import { ACCOUNT_NO, CUSTOMER_ID } from "../kit/canonical-ids.js";
import { routedBatch, targetOf, type RouteTable } from "../kit/routing.js";
import type { BillingPort } from "./port.js";
import { usageRequestKey, type UsageRecordRequest } from "./usage-port.js";

/**
 * Billing's port over several billing adapters, each key served by the adapter of its region (adapters/kit/routing.ts):
 * a province can move to a new billing system before the others. Reads split each batch by adapter, one call each;
 * writes go to the adapter of the record's region. Keys that carry no region (bill numbers, offer codes, most service
 * numbers) and searches across regions go to the default adapter: during a move every adapter holds the same population.
 */

/** The billing adapters a deployment can choose between. */
export const BILLING_ADAPTERS = ["sql", "modern"] as const;
export type BillingAdapterName = (typeof BILLING_ADAPTERS)[number];

/** The local network a customer id carries: its first four digits. */
export const regionOfCustomerId = (customerId: string) => (CUSTOMER_ID.test(customerId) ? customerId.slice(0, 4) : null);
/** "88" + local network + eight digits. */
export const regionOfAccountNo = (accountNo: string) => (ACCOUNT_NO.test(accountNo) ? accountNo.slice(2, 6) : null);
/**
 * Only leased lines ("ZX" + local network) spell their region; a mobile number carries none, and a fixed line's area
 * code is the hall's knowledge, not billing's, so those go to the default adapter.
 */
export const regionOfServiceNo = (serviceNo: string) => (/^ZX\d{12}$/.test(serviceNo) ? serviceNo.slice(2, 6) : null);

const WORST: Record<SourceHealth["breaker"], number> = { closed: 0, "half-open": 1, open: 2 };

export class RoutedBillingPort implements BillingPort {
  private readonly names: BillingAdapterName[];

  constructor(
    private readonly adapters: Partial<Record<BillingAdapterName, BillingPort>>,
    private readonly table: RouteTable<BillingAdapterName>,
  ) {
    this.names = [table.fallback, ...Object.values(table.byRegion)].filter((name, i, all) => all.indexOf(name) === i);
    const missing = this.names.filter((name) => !adapters[name]);
    if (missing.length > 0) throw new Error(`billing routing names adapters that were not built: ${missing.join(", ")}`);
  }

  private adapter(name: string): BillingPort {
    return this.adapters[name as BillingAdapterName] as BillingPort;
  }

  private of(region: string | null): BillingPort {
    return this.adapter(targetOf(this.table, region));
  }

  /** One batch read split by the region `regionOf` finds in each key. */
  private split<K, V>(keys: readonly K[], regionOf: (key: K) => string | null, read: (port: BillingPort, keys: K[]) => Promise<Map<K, V>>) {
    return routedBatch(keys, (key) => targetOf(this.table, regionOf(key)), (name, group) => read(this.adapter(name), group));
  }

  private byAccount<V>(keys: readonly string[], read: (port: BillingPort, keys: string[]) => Promise<Map<string, V>>) {
    return this.split(keys, regionOfAccountNo, read);
  }

  private byCustomer<V>(keys: readonly string[], read: (port: BillingPort, keys: string[]) => Promise<Map<string, V>>) {
    return this.split(keys, regionOfCustomerId, read);
  }

  private byService<V>(keys: readonly string[], read: (port: BillingPort, keys: string[]) => Promise<Map<string, V>>) {
    return this.split(keys, regionOfServiceNo, read);
  }

  private get fallback(): BillingPort {
    return this.adapter(this.table.fallback);
  }

  getAccounts: BillingPort["getAccounts"] = (ids) => this.byAccount(ids, (p, k) => p.getAccounts(k));
  getAccountsByCustomer: BillingPort["getAccountsByCustomer"] = (ids) => this.byCustomer(ids, (p, k) => p.getAccountsByCustomer(k));
  getBills: BillingPort["getBills"] = (ids, query) => this.byAccount(ids, (p, k) => p.getBills(k, query));
  getBillItems: BillingPort["getBillItems"] = (ids) => this.fallback.getBillItems(ids);
  getPayments: BillingPort["getPayments"] = (ids, query) => this.byAccount(ids, (p, k) => p.getPayments(k, query));
  getDunningActions: BillingPort["getDunningActions"] = (ids) => this.byAccount(ids, (p, k) => p.getDunningActions(k));
  getServices: BillingPort["getServices"] = (ids) => this.byService(ids, (p, k) => p.getServices(k));
  getServicesByCustomer: BillingPort["getServicesByCustomer"] = (ids) => this.byCustomer(ids, (p, k) => p.getServicesByCustomer(k));
  getSuspensions: BillingPort["getSuspensions"] = (ids) => this.byService(ids, (p, k) => p.getSuspensions(k));
  getSuspensionsByCustomer: BillingPort["getSuspensionsByCustomer"] = (ids) => this.byCustomer(ids, (p, k) => p.getSuspensionsByCustomer(k));
  getServicesByAccount: BillingPort["getServicesByAccount"] = (ids) => this.byAccount(ids, (p, k) => p.getServicesByAccount(k));
  getSettlements: BillingPort["getSettlements"] = (ids) => this.fallback.getSettlements(ids);
  getCreditGrades: BillingPort["getCreditGrades"] = (ids) => this.byCustomer(ids, (p, k) => p.getCreditGrades(k));
  getBillingFacts: BillingPort["getBillingFacts"] = (ids, query) => this.byCustomer(ids, (p, k) => p.getBillingFacts(k, query));
  getAccountFacts: BillingPort["getAccountFacts"] = (ids, query) => this.byAccount(ids, (p, k) => p.getAccountFacts(k, query));
  getUsageSummaries: BillingPort["getUsageSummaries"] = (ids) => this.byService(ids, (p, k) => p.getUsageSummaries(k));
  getFeeTrends: BillingPort["getFeeTrends"] = (ids) => this.byAccount(ids, (p, k) => p.getFeeTrends(k));
  getUsageRecords: BillingPort["getUsageRecords"] = (requests) =>
    routedBatch(
      requests,
      (r: UsageRecordRequest) => targetOf(this.table, regionOfServiceNo(r.serviceNo)),
      (name, group) => this.adapter(name).getUsageRecords(group),
      usageRequestKey,
    );
  getOffers: BillingPort["getOffers"] = (codes) => this.fallback.getOffers(codes);
  /** A search within one province or local network goes to its adapter; one across regions to the default. */
  findOffers: BillingPort["findOffers"] = (search) => this.of(search.regionCode ?? null).findOffers(search);
  getOffersInForce: BillingPort["getOffersInForce"] = (ids, on) => this.byCustomer(ids, (p, k) => p.getOffersInForce(k, on));
  getOfferEffects: BillingPort["getOfferEffects"] = (codes, query) => this.fallback.getOfferEffects(codes, query);
  getServiceOfferDiscounts: BillingPort["getServiceOfferDiscounts"] = (keys, query) =>
    this.split(keys, (key) => regionOfServiceNo(key.split("|")[0] ?? ""), (p, k) => p.getServiceOfferDiscounts(k, query));

  recordPayment: BillingPort["recordPayment"] = (payment) => this.of(regionOfAccountNo(payment.accountNo)).recordPayment(payment);
  recordDunningContact: BillingPort["recordDunningContact"] = (contact) => this.of(regionOfAccountNo(contact.accountNo)).recordDunningContact(contact);
  setCreditGrade: BillingPort["setCreditGrade"] = (grade) => this.of(regionOfCustomerId(grade.customerId)).setCreditGrade(grade);

  /** The worst breaker of the adapters in use: billing is only as ready as its weakest region. */
  health(): SourceHealth {
    return this.names
      .map((name) => this.adapter(name).health())
      .reduce((worst, h) => (WORST[h.breaker] > WORST[worst.breaker] ? h : worst));
  }

  async close(): Promise<void> {
    await Promise.all(this.names.map((name) => this.adapter(name).close()));
  }
}
