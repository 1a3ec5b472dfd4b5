import type { SourceHealth } from "../health.js";
import { AdapterError, isAdapterError } from "../kit/errors.js";
import { byKey, groupBy } from "../kit/group.js";
import type { Written } from "../kit/idempotency.js";
import { recordReader, type OrMalformed } from "../kit/parse.js";
import type { SystemPolicyConfig } from "../kit/policies/config.js";
import type { RoundTripCounter } from "../kit/round-trips.js";
import { SqlSource } from "../kit/sql.js";
import { carrierToday, checkAsOf } from "../kit/values.js";
import { setCreditGrade } from "./credit-grade.write.js";
import { recordDunningContact, recordPayment } from "./writes.js";
import { feeTrends, usageRecords, usageSummaries } from "./usage.js";
import { findOffers, offerEffects, offersByCode, offersInForce, serviceOfferDiscounts } from "./offers.js";
import type { Offer, OfferEffect, OfferEffectQuery, OfferPage, OfferSearch, ServiceOfferDiscount } from "./offers-port.js";
import type { FeeLine, UsageRecordPage, UsageRecordRequest, UsageSummary } from "./usage-port.js";
import { FACT_MONTHS, accountFactsOf, accountFactsQuery, billingFactsOf, billingFactsQuery } from "./facts.js";
import { checkAccountNos, checkBillNos, checkCustomerIds, checkServiceNos, custCodeOf } from "./ids.js";
import { cycleBefore } from "./values.js";
import type {
  Account,
  AccountBillingFacts,
  AccountNo,
  AccountService,
  Bill,
  BillingFacts,
  BillingPort,
  BillItem,
  BillNo,
  BillQuery,
  CustomerId,
  DunningAction,
  FactsQuery,
  ManualCreditGrade,
  NewCreditGrade,
  NewDunningContact,
  NewPayment,
  Payment,
  PaymentQuery,
  ServiceBilling,
  ServiceNo,
  Settlement,
  Suspension,
} from "./port.js";
import {
  accountRow,
  accountServiceRow,
  billItemRow,
  billRow,
  creditGradeRow,
  dunningRow,
  paymentRow,
  serviceRow,
  suspensionRow,
  writeOffRow,
} from "./rows.js";
import { checkBillQuery, checkPaymentQuery } from "./requests.js";
import {
  accountSelect,
  accountServiceSelect,
  billSelect,
  creditGradeSelect,
  dunningSelect,
  paymentSelect,
  serviceSelect,
  suspensionSelect,
  writeOffSelect,
} from "./selects.js";

export interface BillingSqlAdapterOptions {
  connectionString: string;
  /** The schema holding billing's tables. */
  schema: string;
  counter: RoundTripCounter;
  /** Billing's policies (config/resilience.json); the shipped ones when absent. */
  resilience?: SystemPolicyConfig;
  /** Overrides the policies' per-attempt budget. */
  timeoutMs?: number;
  poolSize?: number;
  /** Today as an ISO date in the carrier's time zone, stamped on recorded payments. */
  today?: () => string;
}

type Row = Record<string, unknown>;

const read = recordReader("billing");

/**
 * Billing's own tables read over SQL: one query per batch call, each row checked before it is believed.
 * Each row is tied to the asked id it was selected by, so that one that cannot be read costs that id only.
 */
export class BillingSqlAdapter implements BillingPort {
  private readonly source: SqlSource;
  private readonly today: () => string;

  constructor(options: BillingSqlAdapterOptions) {
    this.source = new SqlSource({
      system: "billing",
      connectionString: options.connectionString,
      schema: options.schema,
      counter: options.counter,
      resilience: options.resilience,
      timeoutMs: options.timeoutMs,
      poolSize: options.poolSize,
    });
    this.today = options.today ?? (() => carrierToday());
  }

  private get s(): string {
    return this.source.schema;
  }

  async getAccounts(accountNos: readonly AccountNo[]): Promise<Map<AccountNo, OrMalformed<Account>>> {
    const ids = checkAccountNos(accountNos);
    if (ids.length === 0) return new Map();
    const rows = await this.source.query<Row>(`${accountSelect(this.s)} WHERE a."ACCT_NBR" = ANY($1::text[])`, [ids]);
    return byKey(ids, rows.map((row) => [row.ACCT_NBR as string, readAccount(row)] as const));
  }

  async getAccountsByCustomer(customerIds: readonly CustomerId[]): Promise<Map<CustomerId, OrMalformed<Account[]>>> {
    const ids = checkCustomerIds(customerIds);
    if (ids.length === 0) return new Map();
    const asked = new Map(ids.map((id) => [custCodeOf(id), id]));
    const rows = await this.source.query<Row>(
      `${accountSelect(this.s)} WHERE c."CUST_CODE" = ANY($1::text[]) ORDER BY a."ACCT_NBR"`,
      [[...asked.keys()]],
    );
    return groupBy(ids, rows.map((row) => [asked.get(row.CUST_CODE as string), readAccount(row)] as const));
  }

  async getBills(accountNos: readonly AccountNo[], query: BillQuery = {}): Promise<Map<AccountNo, OrMalformed<Bill[]>>> {
    const ids = checkAccountNos(accountNos);
    const { lastMonths, asOf } = checkBillQuery(query);
    if (ids.length === 0) return new Map();
    // With a reference date, the cycles before its month ($2) and, with lastMonths, from the first of them ($4);
    // without one, the account's own newest $2 cycles.
    const window =
      asOf === undefined
        ? `($2::int IS NULL OR b."RECENCY" <= $2::int)`
        : `b."BILLING_CYCLE_ID"::text < $2::text AND ($4::text IS NULL OR b."BILLING_CYCLE_ID"::text >= $4::text)`;
    const cycles = asOf === undefined ? [lastMonths ?? null] : [cycleBefore(asOf, 0)];
    const from = asOf === undefined ? [] : [lastMonths === undefined ? null : cycleBefore(asOf, lastMonths)];
    // Unpaid keeps every bill that is not plainly settled, so a PAID bill that still owes is seen and rejected.
    const rows = await this.source.query<Row>(
      `SELECT * FROM (${billSelect(this.s, `a."ACCT_NBR" = ANY($1::text[])`, window)}) b
       WHERE NOT $3::boolean OR b."STATE" <> 'P' OR COALESCE(b."OWED", 0) <> 0
       ORDER BY b."ACCT_NBR", b."BILLING_CYCLE_ID" DESC, b."BILL_ID" DESC`,
      [ids, ...cycles, query.unpaidOnly === true, ...from],
    );
    return groupBy(ids, rows.map((row) => [row.ACCT_NBR as string, read(billRow, row, `BILL ${row.BILL_ID}`)] as const));
  }

  async getBillItems(billNos: readonly BillNo[]): Promise<Map<BillNo, OrMalformed<BillItem[]>>> {
    const ids = checkBillNos(billNos);
    if (ids.length === 0) return new Map();
    const rows = await this.source.query<Row>(
      `SELECT i."ACCT_ITEM_ID", i."BILL_ID", i."ACCT_ITEM_TYPE_ID", i."AMOUNT", sv."ACC_NBR", i."OFFER_ID", o."OFFER_CODE"
       FROM ${this.s}."ACCT_ITEM" i LEFT JOIN ${this.s}."SERV" sv ON sv."SERV_ID" = i."SERV_ID"
       LEFT JOIN ${this.s}."OFFER" o ON o."OFFER_ID" = i."OFFER_ID"
       WHERE i."BILL_ID" = ANY($1::bigint[])
       ORDER BY i."BILL_ID", i."ACCT_ITEM_ID"`,
      [ids],
    );
    return groupBy(ids, rows.map((row) => [String(row.BILL_ID), read(billItemRow, row, `ACCT_ITEM ${row.ACCT_ITEM_ID}`)] as const));
  }

  async getPayments(accountNos: readonly AccountNo[], query: PaymentQuery = {}): Promise<Map<AccountNo, OrMalformed<Payment[]>>> {
    const ids = checkAccountNos(accountNos);
    checkPaymentQuery(query);
    if (ids.length === 0) return new Map();
    const rows = await this.source.query<Row>(
      `${paymentSelect(this.s)}
       WHERE a."ACCT_NBR" = ANY($1::text[]) AND ($2::text IS NULL OR p."PAY_DATE"::text >= $2::text)
       ORDER BY a."ACCT_NBR", p."PAY_DATE" DESC, p."PAYMENT_ID" DESC`,
      [ids, query.since?.replaceAll("-", "") ?? null],
    );
    return groupBy(ids, rows.map((row) => [row.ACCT_NBR as string, read(paymentRow, row, `PAYMENT ${row.PAYMENT_ID}`)] as const));
  }

  async getDunningActions(accountNos: readonly AccountNo[]): Promise<Map<AccountNo, OrMalformed<DunningAction[]>>> {
    const ids = checkAccountNos(accountNos);
    if (ids.length === 0) return new Map();
    const rows = await this.source.query<Row>(
      `${dunningSelect(this.s)}
       WHERE a."ACCT_NBR" = ANY($1::text[])
       ORDER BY a."ACCT_NBR", d."DUN_DATE", d."BILLING_CYCLE_ID", d."ATTEMPT_NO", d."DUNNING_ID"`,
      [ids],
    );
    return groupBy(ids, rows.map((row) => [row.ACCT_NBR as string, read(dunningRow, row, `DUNNING ${row.DUNNING_ID}`)] as const));
  }

  async getServices(serviceNos: readonly ServiceNo[]): Promise<Map<ServiceNo, OrMalformed<ServiceBilling>>> {
    const ids = checkServiceNos(serviceNos);
    if (ids.length === 0) return new Map();
    const rows = await this.source.query<Row>(`${serviceSelect(this.s)} WHERE sv."ACC_NBR" = ANY($1::text[])`, [ids]);
    return byKey(ids, rows.map((row) => [row.ACC_NBR as string, readService(row)] as const));
  }

  async getServicesByCustomer(customerIds: readonly CustomerId[]): Promise<Map<CustomerId, OrMalformed<ServiceBilling[]>>> {
    const ids = checkCustomerIds(customerIds);
    if (ids.length === 0) return new Map();
    const asked = new Map(ids.map((id) => [custCodeOf(id), id]));
    const rows = await this.source.query<Row>(
      `${serviceSelect(this.s)} WHERE c."CUST_CODE" = ANY($1::text[]) ORDER BY sv."ACC_NBR"`,
      [[...asked.keys()]],
    );
    return groupBy(ids, rows.map((row) => [asked.get(row.CUST_CODE as string), readService(row)] as const));
  }

  async getSuspensions(serviceNos: readonly ServiceNo[]): Promise<Map<ServiceNo, OrMalformed<Suspension[]>>> {
    const ids = checkServiceNos(serviceNos);
    if (ids.length === 0) return new Map();
    const rows = await this.source.query<Row>(
      `${suspensionSelect(this.s)}
       WHERE sv."ACC_NBR" = ANY($1::text[])
       ORDER BY sv."ACC_NBR", st."STOP_DATE" DESC, st."STOP_ID" DESC`,
      [ids],
    );
    return groupBy(ids, rows.map((row) => [row.ACC_NBR as string, read(suspensionRow, row, `SERV_STOP ${row.STOP_ID}`)] as const));
  }

  async getSuspensionsByCustomer(customerIds: readonly CustomerId[]): Promise<Map<CustomerId, OrMalformed<Suspension[]>>> {
    const ids = checkCustomerIds(customerIds);
    if (ids.length === 0) return new Map();
    const asked = new Map(ids.map((id) => [custCodeOf(id), id]));
    const rows = await this.source.query<Row>(
      `SELECT c."CUST_CODE", x.* FROM ${this.s}."CUST" c JOIN (${suspensionSelect(this.s)}) x ON x."CUST_ID" = c."CUST_ID"
       WHERE c."CUST_CODE" = ANY($1::text[])
       ORDER BY c."CUST_CODE", x."STOP_DATE" DESC, x."ACC_NBR", x."STOP_ID" DESC`,
      [[...asked.keys()]],
    );
    return groupBy(ids, rows.map((row) => [asked.get(row.CUST_CODE as string), read(suspensionRow, row, `SERV_STOP ${row.STOP_ID}`)] as const));
  }

  async getServicesByAccount(accountNos: readonly AccountNo[]): Promise<Map<AccountNo, OrMalformed<AccountService[]>>> {
    const ids = checkAccountNos(accountNos);
    if (ids.length === 0) return new Map();
    // Ended links are read too, so that a link whose state billing does not document is seen and rejected.
    const rows = await this.source.query<Row>(
      `${accountServiceSelect(this.s)} WHERE a."ACCT_NBR" = ANY($1::text[]) ORDER BY a."ACCT_NBR", sv."ACC_NBR", sa."ITEM_GROUP", sa."SERV_ID"`,
      [ids],
    );
    const links = groupBy(ids, rows.map((row) => [row.ACCT_NBR as string, read(accountServiceRow, row, `SERV_ACCT ${row.ACCT_ID}/${row.SERV_ID}`)] as const));
    return new Map(
      [...links].map(([id, list]) => [id, isAdapterError(list) ? list : list.filter((l) => l.inForce).map(({ inForce: _, ...service }) => service)]),
    );
  }

  async getSettlements(billNos: readonly BillNo[]): Promise<Map<BillNo, OrMalformed<Settlement[]>>> {
    const ids = checkBillNos(billNos);
    if (ids.length === 0) return new Map();
    const rows = await this.source.query<Row>(
      `${writeOffSelect(this.s)} WHERE w."BILL_ID" = ANY($1::bigint[]) ORDER BY w."BILL_ID", w."WRITE_OFF_DATE", w."WRITE_OFF_ID"`,
      [ids],
    );
    const found = groupBy(ids, rows.map((row) => [String(row.BILL_ID), read(writeOffRow, row, `WRITE_OFF ${row.WRITE_OFF_ID}`)] as const));
    // Written off beyond what the bill says was paid: one of the two records is wrong (as in the billing facts).
    const paid = new Map(rows.map((row) => [String(row.BILL_ID), row.PAID === null ? null : Number(row.PAID)]));
    return new Map(
      [...found].map(([billNo, list]) => {
        if (isAdapterError(list) || list.length === 0) return [billNo, list];
        const settled = list.reduce((sum, w) => sum + w.amountFen, 0);
        const limit = paid.get(billNo);
        if (limit !== null && limit !== undefined && settled <= limit) return [billNo, list];
        const record = `BILL ${billNo}`;
        const why = limit === null || limit === undefined ? "written off but there is no such bill" : `write-offs of ${settled} fen exceed the ${limit} fen paid on it`;
        return [billNo, new AdapterError("MALFORMED_RECORD", "billing", `malformed record ${record}: ${why}`, record)];
      }),
    );
  }

  async getCreditGrades(customerIds: readonly CustomerId[]): Promise<Map<CustomerId, OrMalformed<ManualCreditGrade[]>>> {
    const ids = checkCustomerIds(customerIds);
    if (ids.length === 0) return new Map();
    const asked = new Map(ids.map((id) => [custCodeOf(id), id]));
    const rows = await this.source.query<Row>(
      `${creditGradeSelect(this.s)} WHERE c."CUST_CODE" = ANY($1::text[]) ORDER BY c."CUST_CODE", g."SET_DATE" DESC, g."GRADE_HIS_ID" DESC`,
      [[...asked.keys()]],
    );
    return groupBy(ids, rows.map((row) => [asked.get(row.CUST_CODE as string), read(creditGradeRow, row, `CREDIT_GRADE_HIS ${row.GRADE_HIS_ID}`)] as const));
  }

  async getBillingFacts(customerIds: readonly CustomerId[], query: FactsQuery = {}): Promise<Map<CustomerId, OrMalformed<BillingFacts>>> {
    const ids = checkCustomerIds(customerIds);
    const asOf = checkAsOf(query.asOf, "billing");
    if (ids.length === 0) return new Map();
    const asked = new Map(ids.map((id) => [custCodeOf(id), id]));
    const window = asOf === undefined ? [FACT_MONTHS] : [cycleBefore(asOf, FACT_MONTHS), cycleBefore(asOf, 0), asOf.replaceAll("-", "")];
    const rows = await this.source.query<Row>(billingFactsQuery(this.s, { asOf: asOf !== undefined }), [[...asked.keys()], ...window]);
    return byKey(ids, rows.map((row) => [asked.get(row.CUST_CODE as string), billingFactsOf(row)] as const));
  }

  async getAccountFacts(accountNos: readonly AccountNo[], query: FactsQuery = {}): Promise<Map<AccountNo, OrMalformed<AccountBillingFacts>>> {
    const ids = checkAccountNos(accountNos);
    const asOf = checkAsOf(query.asOf, "billing");
    if (ids.length === 0) return new Map();
    const window = asOf === undefined ? [FACT_MONTHS] : [cycleBefore(asOf, FACT_MONTHS), cycleBefore(asOf, 0), asOf.replaceAll("-", "")];
    const rows = await this.source.query<Row>(accountFactsQuery(this.s, { asOf: asOf !== undefined }), [ids, ...window]);
    return byKey(ids, rows.map((row) => [row.ACCT_NBR as string, accountFactsOf(row)] as const));
  }

  getUsageSummaries(serviceNos: readonly ServiceNo[]): Promise<Map<ServiceNo, OrMalformed<UsageSummary[]>>> {
    return usageSummaries(this.source, serviceNos);
  }

  getFeeTrends(accountNos: readonly AccountNo[]): Promise<Map<AccountNo, OrMalformed<FeeLine[]>>> {
    return feeTrends(this.source, accountNos);
  }

  getUsageRecords(requests: readonly UsageRecordRequest[]): Promise<Map<string, OrMalformed<UsageRecordPage>>> {
    return usageRecords(this.source, requests);
  }

  getOffers(offerCodes: readonly string[]): Promise<Map<string, OrMalformed<Offer>>> {
    return offersByCode(this.source, offerCodes);
  }

  findOffers(search: OfferSearch): Promise<OfferPage> {
    return findOffers(this.source, search);
  }

  getOffersInForce(customerIds: readonly CustomerId[], on: string): Promise<Map<CustomerId, OrMalformed<Offer[]>>> {
    return offersInForce(this.source, customerIds, on);
  }

  getOfferEffects(offerCodes: readonly string[], query: OfferEffectQuery): Promise<Map<string, OrMalformed<OfferEffect>>> {
    return offerEffects(this.source, offerCodes, query);
  }

  getServiceOfferDiscounts(keys: readonly string[], query?: { before?: string }): Promise<Map<string, OrMalformed<ServiceOfferDiscount>>> {
    return serviceOfferDiscounts(this.source, keys, query);
  }

  recordPayment(payment: NewPayment): Promise<Written<Payment>> {
    return recordPayment({ source: this.source, today: this.today }, payment);
  }

  recordDunningContact(contact: NewDunningContact): Promise<Written<DunningAction>> {
    return recordDunningContact({ source: this.source, today: this.today }, contact);
  }

  setCreditGrade(grade: NewCreditGrade): Promise<Written<ManualCreditGrade & { customerId: CustomerId }>> {
    return setCreditGrade({ source: this.source, today: this.today }, grade);
  }

  health(): SourceHealth {
    return this.source.health();
  }

  async close(): Promise<void> {
    await this.source.close();
  }
}

const readAccount = (row: Row) => read(accountRow, row, `ACCT ${row.ACCT_ID}`);
const readService = (row: Row) => read(serviceRow, row, `SERV ${row.SERV_ID}`);

