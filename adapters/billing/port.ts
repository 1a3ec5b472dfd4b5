import type { OrMalformed } from "../errors.js";
import type { SourceHealth } from "../health.js";
import type { Written } from "../kit/idempotency.js";

/**
 * What the graph needs from billing (帐务), in the graph's own terms. Every read takes many ids and
 * costs one round trip. Single-record maps leave out ids billing does not know; list maps give every
 * asked id a list, empty when there is nothing (or no such id). A record that cannot be read is its id's
 * MALFORMED_RECORD error, the other ids are served (`OrMalformed`, ../errors.ts).
 */

/** The canonical id check, so subgraphs validate arguments against the port, not the adapters' kit. */
export { ACCOUNT_NO } from "../kit/canonical-ids.js";
/** The check of a write's idempotency key, and what a keyed write answers. */
export { IDEMPOTENCY_KEY, type Written } from "../kit/idempotency.js";

/** "88" + 12 digits. */
export type AccountNo = string;
/** The hall's customer number, 12 digits "LLLLNNNNNNNN". */
export type CustomerId = string;
/** The access number the customer knows (phone number, "AD…" broadband, "ZX…" leased line). */
export type ServiceNo = string;
/** Digits of the billing system's bill id. */
export type BillNo = string;

export type PaymentMethod = "CASH" | "BANK_DEBIT" | "PREPAID" | "AGENT";
export type AccountStatus = "ACTIVE" | "CLOSED";

export interface BankDebit {
  id: string;
  account: string;
}

export interface Account {
  accountNo: AccountNo;
  customerId: CustomerId;
  name: string;
  paymentMethod: PaymentMethod;
  /** The bank the account is debited from; null when the account is not paid by bank debit. */
  bank: BankDebit | null;
  creditLimitFen: number;
  balanceFen: number;
  status: AccountStatus;
  openedOn: string;
}

export type BillState = "UNPAID" | "PARTLY_PAID" | "PAID";

export interface Bill {
  billNo: BillNo;
  accountNo: AccountNo;
  /** The billing cycle, "YYYY-MM". */
  month: string;
  amountFen: number;
  /** What has been paid against the bill: its amount less the arrears still recorded for it. */
  paidFen: number;
  dueDate: string;
  state: BillState;
}

export type BillItemType = "BASIC_FEE" | "LOCAL_CALLS" | "LONG_DISTANCE" | "DATA" | "VALUE_ADDED" | "DISCOUNT";

export interface BillItem {
  billNo: BillNo;
  type: BillItemType;
  serviceNo: ServiceNo;
  /** Negative for discounts. */
  amountFen: number;
}

export type PaymentChannel = "HALL" | "BANK" | "WEB" | "PREPAID_DEDUCTION";

export interface Payment {
  paymentId: string;
  accountNo: AccountNo;
  /** The bill the payment was allocated to, when the system allocated it to one. */
  billNo: BillNo | null;
  amountFen: number;
  paidOn: string;
  channel: PaymentChannel;
}

/** Money the write-off run applied to a bill: the run's date and the amount. */
export interface Settlement {
  on: string;
  amountFen: number;
}

export type DunningMethod = "AUTOMATIC" | "MANUAL";
export type DunningResult = "REACHED" | "FAILED";

export interface DunningAction {
  accountNo: AccountNo;
  /** The billing cycle being dunned, "YYYY-MM". */
  month: string;
  method: DunningMethod;
  /** 1 for the first attempt on that cycle. */
  attempt: number;
  date: string;
  result: DunningResult;
}

export type Product = "FIXED_LINE" | "MOBILE" | "BROADBAND" | "LEASED_LINE";
export type ServiceStatus = "ACTIVE" | "BARRED" | "REMOVED";
/** SINGLE bars outgoing traffic, DOUBLE both directions. */
export type Barring = "NONE" | "SINGLE" | "DOUBLE";

/** A service as billing sees it: who owns it, its state and which accounts pay for it. */
export interface ServiceBilling {
  serviceNo: ServiceNo;
  customerId: CustomerId;
  product: Product;
  status: ServiceStatus;
  barring: Barring;
  startedOn: string;
  /** Accounts currently paying for the service (one service may be split over accounts). */
  accountNos: AccountNo[];
}

export type SuspensionReason = "ARREARS_SINGLE" | "ARREARS_DOUBLE" | "ILLEGAL_USE" | "FACILITY_DAMAGE";

export interface Suspension {
  serviceNo: ServiceNo;
  reason: SuspensionReason;
  from: string;
  /** null while the service is still stopped. */
  until: string | null;
}

export interface BillQuery {
  /** Only bills with money still owed. */
  unpaidOnly?: boolean;
  /**
   * Only the account's N most recent billing cycles: the N cycles before the month of `asOf` when it is
   * given, else the account's own newest N (an account that stopped being billed keeps its last history).
   */
  lastMonths?: number;
  /**
   * The reference date, ISO "YYYY-MM-DD": bills of its month or later (not yet billed on that date) are
   * left out, and `lastMonths` counts back from it, so a past date sees the bills of its own past.
   */
  asOf?: string;
}

export interface FactsQuery {
  /**
   * The reference date, ISO: the facts carry the 12 billing cycles before its month, older bills still owed
   * on that date, and no bill of a later cycle. When absent, each account's own newest 12 cycles.
   */
  asOf?: string;
}

export interface PaymentQuery {
  /** Only payments on or after this ISO date. */
  since?: string;
}

export interface NewPayment {
  accountNo: AccountNo;
  amountFen: number;
  channel: PaymentChannel;
  /** Stored with the payment; a replay with the same key returns the first payment. */
  idempotencyKey: string;
}

/** A contact made to collect a month's arrears (催缴), as the person who made it reports it. */
export interface NewDunningContact {
  accountNo: AccountNo;
  /** The billing cycle being dunned, "YYYY-MM": the account must still owe on that month's bill. */
  month: string;
  method: DunningMethod;
  result: DunningResult;
  /** Stored with the dunning record; a replay with the same key returns the first record. */
  idempotencyKey: string;
}

export interface BillingPort {
  getAccounts(accountNos: readonly AccountNo[]): Promise<Map<AccountNo, OrMalformed<Account>>>;
  getAccountsByCustomer(customerIds: readonly CustomerId[]): Promise<Map<CustomerId, OrMalformed<Account[]>>>;
  /** Newest cycle first. */
  getBills(accountNos: readonly AccountNo[], query?: BillQuery): Promise<Map<AccountNo, OrMalformed<Bill[]>>>;
  getBillItems(billNos: readonly BillNo[]): Promise<Map<BillNo, OrMalformed<BillItem[]>>>;
  /** Newest first. */
  getPayments(accountNos: readonly AccountNo[], query?: PaymentQuery): Promise<Map<AccountNo, OrMalformed<Payment[]>>>;
  /** Oldest first. */
  getDunningActions(accountNos: readonly AccountNo[]): Promise<Map<AccountNo, OrMalformed<DunningAction[]>>>;
  getServices(serviceNos: readonly ServiceNo[]): Promise<Map<ServiceNo, OrMalformed<ServiceBilling>>>;
  getServicesByCustomer(customerIds: readonly CustomerId[]): Promise<Map<CustomerId, OrMalformed<ServiceBilling[]>>>;
  /** Newest first. */
  getSuspensions(serviceNos: readonly ServiceNo[]): Promise<Map<ServiceNo, OrMalformed<Suspension[]>>>;
  /**
   * Everything the computed judgements need about each customer's billing, in one round trip:
   * accounts, the last 12 billing months of bills (and older ones still owing) with their write-offs, services,
   * suspensions and the dunning record. Customers billing does not know are absent; a customer with any
   * record that cannot be read gets that record's error.
   */
  getBillingFacts(customerIds: readonly CustomerId[], query?: FactsQuery): Promise<Map<CustomerId, OrMalformed<BillingFacts>>>;
  /** Records money received on an account, dated today; a replay with the same key returns the first payment. */
  recordPayment(payment: NewPayment): Promise<Written<Payment>>;
  /**
   * Records a dunning contact on a month the account still owes, dated today, as the cycle's next attempt;
   * a replay with the same key returns the first record.
   */
  recordDunningContact(contact: NewDunningContact): Promise<Written<DunningAction>>;
  /** The system's circuit breaker state, for /readyz; costs no round trip. */
  health(): SourceHealth;
  close(): Promise<void>;
}

/** A customer's billing as the judgements read it (insights subgraph). */
export interface BillingFacts {
  accounts: {
    accountNo: string;
    paymentMethod: PaymentMethod;
    creditLimitFen: number;
    balanceFen: number;
    status: AccountStatus;
  }[];
  /** Every bill of the last 12 billing cycles (FactsQuery), and any older bill still owed on the as-of date; newest first. */
  bills: {
    accountNo: string;
    billNo: string;
    month: string;
    amountFen: number;
    paidFen: number;
    dueDate: string;
    state: BillState;
    /**
     * What billing's write-off run (销帐) settled on this bill from the account's money, oldest first: each
     * run's date and amount. Payments are posted to the account, not to a bill, so when a bill was paid is
     * when it was settled. Empty when nothing was; `paidFen` may exceed their sum for money billing
     * records as paid without a write-off record.
     */
    settlements: Settlement[];
    /** Service numbers the bill's items are charged to, for arrears by service. */
    serviceNos: string[];
  }[];
  services: {
    serviceNo: string;
    product: Product;
    status: ServiceStatus;
    barring: Barring;
    startedOn: string;
  }[];
  /** Suspensions of the customer's services, any age. */
  suspensions: {
    serviceNo: string;
    reason: SuspensionReason;
    from: string;
    until: string | null;
  }[];
  /** The billing system's own dunning record, oldest first. */
  dunning: {
    accountNo: string;
    month: string;
    method: DunningMethod;
    attempt: number;
    date: string;
    result: DunningResult;
  }[];
}

