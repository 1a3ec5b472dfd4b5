import type { SourceHealth } from "../health.js";
import { AdapterError, isAdapterError } from "../kit/errors.js";
import { byKey, groupBy } from "../kit/group.js";
import type { OrMalformed } from "../kit/parse.js";
import { checkAccountNos, checkBillNos, checkCustomerIds, checkServiceNos } from "./ids.js";
import type {
  Account,
  AccountNo,
  AccountService,
  Bill,
  BillingPort,
  BillItem,
  BillNo,
  BillQuery,
  CustomerId,
  DunningAction,
  ManualCreditGrade,
  Payment,
  PaymentQuery,
  ServiceBilling,
  ServiceNo,
  Settlement,
  Suspension,
} from "./port.js";
import {
  accountRecord,
  accountServiceRecord,
  billItemRecord,
  billRecord,
  creditGradeRecord,
  dunningRecord,
  paymentRecord,
  serviceRecord,
  settlementRecord,
  suspensionRecord,
} from "./rest.records.js";
import { BillingRestSource, type BillingRestSourceOptions, type RecordKind } from "./rest.source.js";
import { RestFacts } from "./rest.facts.js";
import { RestOffers } from "./rest.offers.js";
import { RestUsage } from "./rest.usage.js";
import { RestWrites } from "./rest.writes.js";
import { checkBillQuery, checkPaymentQuery } from "./requests.js";

export type BillingRestAdapterOptions = BillingRestSourceOptions;

type Raw = Record<string, unknown>;
const named = (what: string, field: string) => (raw: Raw) => `${what} ${String(raw[field] ?? "?")}`;

const ACCOUNT = { schema: accountRecord, keyField: "accountNo", name: named("account", "accountNo") } satisfies RecordKind<Account>;
const ACCOUNT_BY_CUSTOMER = { ...ACCOUNT, keyField: "customerId" } satisfies RecordKind<Account>;
const BILL = { schema: billRecord, keyField: "accountNo", name: named("bill", "billNo") } satisfies RecordKind<Bill>;
const ITEM = { schema: billItemRecord, keyField: "billNo", name: named("bill item", "itemId") } satisfies RecordKind<BillItem>;
const PAYMENT = { schema: paymentRecord, keyField: "accountNo", name: named("payment", "paymentId") } satisfies RecordKind<Payment>;
const DUNNING = { schema: dunningRecord, keyField: "accountNo", name: named("dunning action", "dunningId") } satisfies RecordKind<DunningAction>;
const SERVICE = { schema: serviceRecord, keyField: "serviceNo", name: named("service", "serviceNo") } satisfies RecordKind<ServiceBilling>;
const SERVICE_BY_CUSTOMER = { ...SERVICE, keyField: "customerId" } satisfies RecordKind<ServiceBilling>;
const LINK = {
  schema: accountServiceRecord,
  keyField: "accountNo",
  name: (raw: Raw) => `account service ${String(raw.accountNo ?? "?")}/${String(raw.serviceNo ?? "?")}`,
} satisfies RecordKind<AccountService & { inForce: boolean }>;
const SUSPENSION = { schema: suspensionRecord, keyField: "serviceNo", name: named("suspension", "suspensionId") } satisfies RecordKind<Suspension>;
const SUSPENSION_BY_CUSTOMER = { ...SUSPENSION, keyField: "customerId" } satisfies RecordKind<Suspension>;
const SETTLEMENT = { schema: settlementRecord, keyField: "billNo", name: named("settlement", "settlementId") } satisfies RecordKind<Settlement & { billPaidFen: number | null }>;
const GRADE = { schema: creditGradeRecord, keyField: "customerId", name: named("credit grade", "gradeId") } satisfies RecordKind<ManualCreditGrade>;

/**
 * Billing's port over modern billing's REST/JSON service (sandbox/modern-billing): one batch request per batch (more only
 * past the service's key limit or page size), every record checked by rest.records.ts before it is believed, the same
 * domain answers as the SQL adapter over the legacy tables for the same population.
 */
export class BillingRestAdapter implements BillingPort {
  private readonly source: BillingRestSource;
  private readonly writes: RestWrites;
  private readonly facts: RestFacts;
  private readonly usage: RestUsage;
  private readonly offers: RestOffers;

  constructor(options: BillingRestAdapterOptions) {
    this.source = new BillingRestSource(options);
    this.writes = new RestWrites(this.source);
    this.facts = new RestFacts(this.source);
    this.usage = new RestUsage(this.source);
    this.offers = new RestOffers(this.source);
  }

  async getAccounts(accountNos: readonly AccountNo[]): Promise<Map<AccountNo, OrMalformed<Account>>> {
    const ids = checkAccountNos(accountNos);
    if (ids.length === 0) return new Map();
    return byKey(ids, await this.source.read("/v1/accounts:batchGet", "accountNos", ids, {}, ACCOUNT));
  }

  async getAccountsByCustomer(customerIds: readonly CustomerId[]): Promise<Map<CustomerId, OrMalformed<Account[]>>> {
    const ids = checkCustomerIds(customerIds);
    if (ids.length === 0) return new Map();
    return groupBy(ids, await this.source.read("/v1/accounts:search", "customerIds", ids, {}, ACCOUNT_BY_CUSTOMER));
  }

  async getBills(accountNos: readonly AccountNo[], query: BillQuery = {}): Promise<Map<AccountNo, OrMalformed<Bill[]>>> {
    const ids = checkAccountNos(accountNos);
    const { lastMonths, asOf } = checkBillQuery(query);
    if (ids.length === 0) return new Map();
    const filter = { unpaidOnly: query.unpaidOnly === true, ...(lastMonths === undefined ? {} : { lastMonths }), ...(asOf === undefined ? {} : { asOf }) };
    return groupBy(ids, await this.source.read("/v1/bills:search", "accountNos", ids, filter, BILL));
  }

  async getBillItems(billNos: readonly BillNo[]): Promise<Map<BillNo, OrMalformed<BillItem[]>>> {
    const ids = checkBillNos(billNos);
    if (ids.length === 0) return new Map();
    return groupBy(ids, await this.source.read("/v1/bill-items:search", "billNos", ids, {}, ITEM));
  }

  async getPayments(accountNos: readonly AccountNo[], query: PaymentQuery = {}): Promise<Map<AccountNo, OrMalformed<Payment[]>>> {
    const ids = checkAccountNos(accountNos);
    checkPaymentQuery(query);
    if (ids.length === 0) return new Map();
    const filter = query.since === undefined ? {} : { since: query.since };
    return groupBy(ids, await this.source.read("/v1/payments:search", "accountNos", ids, filter, PAYMENT));
  }

  async getDunningActions(accountNos: readonly AccountNo[]): Promise<Map<AccountNo, OrMalformed<DunningAction[]>>> {
    const ids = checkAccountNos(accountNos);
    if (ids.length === 0) return new Map();
    return groupBy(ids, await this.source.read("/v1/dunning-actions:search", "accountNos", ids, {}, DUNNING));
  }

  async getServices(serviceNos: readonly ServiceNo[]): Promise<Map<ServiceNo, OrMalformed<ServiceBilling>>> {
    const ids = checkServiceNos(serviceNos);
    if (ids.length === 0) return new Map();
    return byKey(ids, await this.source.read("/v1/services:batchGet", "serviceNos", ids, {}, SERVICE));
  }

  async getServicesByCustomer(customerIds: readonly CustomerId[]): Promise<Map<CustomerId, OrMalformed<ServiceBilling[]>>> {
    const ids = checkCustomerIds(customerIds);
    if (ids.length === 0) return new Map();
    return groupBy(ids, await this.source.read("/v1/services:search", "customerIds", ids, {}, SERVICE_BY_CUSTOMER));
  }

  async getSuspensions(serviceNos: readonly ServiceNo[]): Promise<Map<ServiceNo, OrMalformed<Suspension[]>>> {
    const ids = checkServiceNos(serviceNos);
    if (ids.length === 0) return new Map();
    return groupBy(ids, await this.source.read("/v1/suspensions:search", "serviceNos", ids, {}, SUSPENSION));
  }

  async getSuspensionsByCustomer(customerIds: readonly CustomerId[]): Promise<Map<CustomerId, OrMalformed<Suspension[]>>> {
    const ids = checkCustomerIds(customerIds);
    if (ids.length === 0) return new Map();
    return groupBy(ids, await this.source.read("/v1/suspensions:search", "customerIds", ids, {}, SUSPENSION_BY_CUSTOMER));
  }

  async getServicesByAccount(accountNos: readonly AccountNo[]): Promise<Map<AccountNo, OrMalformed<AccountService[]>>> {
    const ids = checkAccountNos(accountNos);
    if (ids.length === 0) return new Map();
    // Ended links are read too, so that a link whose status the service does not document is seen and rejected.
    const links = groupBy(ids, await this.source.read("/v1/account-services:search", "accountNos", ids, {}, LINK));
    return new Map(
      [...links].map(([id, list]) => [id, isAdapterError(list) ? list : list.filter((l) => l.inForce).map(({ inForce: _, ...service }) => service)]),
    );
  }

  async getSettlements(billNos: readonly BillNo[]): Promise<Map<BillNo, OrMalformed<Settlement[]>>> {
    const ids = checkBillNos(billNos);
    if (ids.length === 0) return new Map();
    const found = groupBy(ids, await this.source.read("/v1/settlements:search", "billNos", ids, {}, SETTLEMENT));
    // Settled beyond what the bill says was paid: one of the two records is wrong (as in the billing facts).
    return new Map(
      [...found].map(([billNo, list]): [BillNo, OrMalformed<Settlement[]>] => {
        if (isAdapterError(list) || list.length === 0) return [billNo, list];
        const settled = list.reduce((sum, s) => sum + s.amountFen, 0);
        const limit = list[0]!.billPaidFen;
        if (limit !== null && settled <= limit) return [billNo, list.map(({ on, amountFen }) => ({ on, amountFen }))];
        const record = `bill ${billNo}`;
        const why = limit === null ? "settled but there is no such bill" : `settlements of ${settled} fen exceed the ${limit} fen paid on it`;
        return [billNo, new AdapterError("MALFORMED_RECORD", "billing", `malformed record ${record}: ${why}`, record)];
      }),
    );
  }

  async getCreditGrades(customerIds: readonly CustomerId[]): Promise<Map<CustomerId, OrMalformed<ManualCreditGrade[]>>> {
    const ids = checkCustomerIds(customerIds);
    if (ids.length === 0) return new Map();
    return groupBy(ids, await this.source.read("/v1/credit-grades:search", "customerIds", ids, {}, GRADE));
  }

  getBillingFacts: BillingPort["getBillingFacts"] = (customerIds, query) => this.facts.getBillingFacts(customerIds, query);
  getAccountFacts: BillingPort["getAccountFacts"] = (accountNos, query) => this.facts.getAccountFacts(accountNos, query);
  getUsageSummaries: BillingPort["getUsageSummaries"] = (serviceNos) => this.usage.getUsageSummaries(serviceNos);
  getFeeTrends: BillingPort["getFeeTrends"] = (accountNos) => this.usage.getFeeTrends(accountNos);
  getUsageRecords: BillingPort["getUsageRecords"] = (requests) => this.usage.getUsageRecords(requests);
  getOffers: BillingPort["getOffers"] = (offerCodes) => this.offers.getOffers(offerCodes);
  findOffers: BillingPort["findOffers"] = (search) => this.offers.findOffers(search);
  getOffersInForce: BillingPort["getOffersInForce"] = (customerIds, on) => this.offers.getOffersInForce(customerIds, on);
  getOfferEffects: BillingPort["getOfferEffects"] = (offerCodes, query) => this.offers.getOfferEffects(offerCodes, query);
  getServiceOfferDiscounts: BillingPort["getServiceOfferDiscounts"] = (keys, query) => this.offers.getServiceOfferDiscounts(keys, query);
  recordPayment: BillingPort["recordPayment"] = (payment) => this.writes.recordPayment(payment);
  recordDunningContact: BillingPort["recordDunningContact"] = (contact) => this.writes.recordDunningContact(contact);
  setCreditGrade: BillingPort["setCreditGrade"] = (grade) => this.writes.setCreditGrade(grade);

  health(): SourceHealth {
    return this.source.health;
  }

  async close(): Promise<void> {}
}
