import type { SourceHealth } from "../health.js";
import { AdapterError } from "../kit/errors.js";
import { byKey, groupBy } from "../kit/group.js";
import { checkIdempotencyKey } from "../kit/idempotency.js";
import { recordParser, recordReader, type OrMalformed } from "../kit/parse.js";
import type { SystemPolicyConfig } from "../kit/policies/config.js";
import type { RoundTripCounter } from "../kit/round-trips.js";
import { SqlSource } from "../kit/sql.js";
import { carrierToday, isCalendarDate } from "../kit/values.js";
import { FACT_MONTHS, billingFactsOf, billingFactsQuery } from "./facts.js";
import { checkAccountNos, checkBillNos, checkCustomerIds, checkServiceNos, custCodeOf } from "./ids.js";
import type {
  Account,
  AccountNo,
  Bill,
  BillingFacts,
  BillingPort,
  BillItem,
  BillNo,
  BillQuery,
  CustomerId,
  DunningAction,
  NewPayment,
  Payment,
  PaymentQuery,
  ServiceBilling,
  ServiceNo,
  Suspension,
} from "./port.js";
import { PAY_CHANNEL, accountRow, billItemRow, billRow, dunningRow, paymentRow, serviceRow, suspensionRow } from "./rows.js";
import { accountSelect, billSelect, dunningSelect, paymentSelect, serviceSelect, suspensionSelect } from "./selects.js";

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

const parse = recordParser("billing");
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
    const lastMonths = query.lastMonths;
    if (lastMonths !== undefined && !(Number.isSafeInteger(lastMonths) && lastMonths > 0)) {
      throw new AdapterError("BAD_USER_INPUT", "billing", `lastMonths must be a positive integer, got ${lastMonths}`);
    }
    if (ids.length === 0) return new Map();
    // Unpaid keeps every bill that is not plainly settled, so a PAID bill that still owes is seen and rejected.
    const rows = await this.source.query<Row>(
      `SELECT * FROM (${billSelect(this.s, `a."ACCT_NBR" = ANY($1::text[])`, `($2::int IS NULL OR b."RECENCY" <= $2::int)`)}) b
       WHERE NOT $3::boolean OR b."STATE" <> 'P' OR COALESCE(b."OWED", 0) <> 0
       ORDER BY b."ACCT_NBR", b."BILLING_CYCLE_ID" DESC, b."BILL_ID" DESC`,
      [ids, lastMonths ?? null, query.unpaidOnly === true],
    );
    return groupBy(ids, rows.map((row) => [row.ACCT_NBR as string, read(billRow, row, `BILL ${row.BILL_ID}`)] as const));
  }

  async getBillItems(billNos: readonly BillNo[]): Promise<Map<BillNo, OrMalformed<BillItem[]>>> {
    const ids = checkBillNos(billNos);
    if (ids.length === 0) return new Map();
    const rows = await this.source.query<Row>(
      `SELECT i."ACCT_ITEM_ID", i."BILL_ID", i."ACCT_ITEM_TYPE_ID", i."AMOUNT", sv."ACC_NBR"
       FROM ${this.s}."ACCT_ITEM" i LEFT JOIN ${this.s}."SERV" sv ON sv."SERV_ID" = i."SERV_ID"
       WHERE i."BILL_ID" = ANY($1::bigint[])
       ORDER BY i."BILL_ID", i."ACCT_ITEM_ID"`,
      [ids],
    );
    return groupBy(ids, rows.map((row) => [String(row.BILL_ID), read(billItemRow, row, `ACCT_ITEM ${row.ACCT_ITEM_ID}`)] as const));
  }

  async getPayments(accountNos: readonly AccountNo[], query: PaymentQuery = {}): Promise<Map<AccountNo, OrMalformed<Payment[]>>> {
    const ids = checkAccountNos(accountNos);
    if (query.since !== undefined && !isCalendarDate(query.since)) {
      throw new AdapterError("BAD_USER_INPUT", "billing", `since must be an ISO date YYYY-MM-DD, got ${JSON.stringify(query.since)}`);
    }
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

  async getBillingFacts(customerIds: readonly CustomerId[]): Promise<Map<CustomerId, OrMalformed<BillingFacts>>> {
    const ids = checkCustomerIds(customerIds);
    if (ids.length === 0) return new Map();
    const asked = new Map(ids.map((id) => [custCodeOf(id), id]));
    const rows = await this.source.query<Row>(billingFactsQuery(this.s), [[...asked.keys()], FACT_MONTHS]);
    return byKey(ids, rows.map((row) => [asked.get(row.CUST_CODE as string), billingFactsOf(row)] as const));
  }

  /**
   * Records the money as received on the account, allocated to no bill. Whether it also settles arrears
   * (ACCT_ITEM_OWE, BILL.STATE) is billing's own write-off run and out of scope here.
   */
  async recordPayment(payment: NewPayment): Promise<Payment> {
    const [accountNo] = checkAccountNos([payment.accountNo]);
    const key = checkIdempotencyKey(payment.idempotencyKey, "billing");
    if (!Number.isSafeInteger(payment.amountFen) || payment.amountFen <= 0) {
      throw new AdapterError("BAD_USER_INPUT", "billing", `amountFen must be a positive integer, got ${payment.amountFen}`);
    }
    const channelCode = Object.keys(PAY_CHANNEL).find((code) => PAY_CHANNEL[code] === payment.channel);
    if (channelCode === undefined) {
      throw new AdapterError("BAD_USER_INPUT", "billing", `unknown payment channel ${JSON.stringify(payment.channel)}`);
    }
    // One statement inserts the payment, or finds the one an earlier call stored under the same key.
    const rows = await this.source.query<Row>(
      `WITH acct AS (SELECT "ACCT_ID" FROM ${this.s}."ACCT" WHERE "ACCT_NBR" = $1),
       fresh AS (
         INSERT INTO ${this.s}."PAYMENT" ("PAYMENT_ID", "ACCT_ID", "BILL_ID", "AMOUNT", "PAY_DATE", "PAY_CHANNEL", "OUT_SERIAL_NBR")
         SELECT nextval('${this.s}."SEQ_PAYMENT_ID"'), "ACCT_ID", NULL, $2, $3, $4, $5 FROM acct
         ON CONFLICT ("OUT_SERIAL_NBR") DO NOTHING
         RETURNING "PAYMENT_ID", "ACCT_ID", "BILL_ID", "AMOUNT", "PAY_DATE", "PAY_CHANNEL"
       )
       SELECT f."PAYMENT_ID", a."ACCT_NBR", f."BILL_ID", f."AMOUNT", f."PAY_DATE", f."PAY_CHANNEL"
       FROM fresh f LEFT JOIN ${this.s}."ACCT" a ON a."ACCT_ID" = f."ACCT_ID"
       UNION ALL
       ${paymentSelect(this.s)} WHERE p."OUT_SERIAL_NBR" = $5`,
      [accountNo, payment.amountFen, this.today().replaceAll("-", ""), channelCode, key],
      { write: true },
    );
    let stored = rows[0];
    if (stored === undefined) {
      // A concurrent call with the same key committed after this statement's snapshot was taken (the
      // insert then did nothing), or the account does not exist: a fresh read tells which.
      const [found] = await this.source.query<Row>(
        `SELECT EXISTS (SELECT 1 FROM ${this.s}."ACCT" WHERE "ACCT_NBR" = $1) AS "ACCOUNT_FOUND", p.*
         FROM (SELECT 1) one LEFT JOIN (${paymentSelect(this.s)} WHERE p."OUT_SERIAL_NBR" = $2) p ON true`,
        [accountNo, key],
      );
      if (found?.PAYMENT_ID !== null && found?.PAYMENT_ID !== undefined) stored = found;
      else if (found?.ACCOUNT_FOUND === false) {
        throw new AdapterError("BAD_USER_INPUT", "billing", `no account ${accountNo}`);
      } else {
        throw new AdapterError("SOURCE_UNAVAILABLE", "billing", `payment ${key} was neither recorded nor found`);
      }
    }
    const recorded = parse(paymentRow, stored, `PAYMENT ${stored.PAYMENT_ID}`);
    if (recorded.accountNo !== accountNo || recorded.amountFen !== payment.amountFen || recorded.channel !== payment.channel) {
      throw new AdapterError(
        "CONFLICT",
        "billing",
        `idempotency key ${key} was already used for payment ${recorded.paymentId} of ${recorded.amountFen} fen to ${recorded.accountNo}`,
      );
    }
    return recorded;
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

