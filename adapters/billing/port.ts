import type { OrMalformed } from "../errors.js";
import type { SourceHealth } from "../health.js";
import type { Written } from "../kit/idempotency.js";
import type { OfferPort } from "./offers-port.js";
import type { UsagePort } from "./usage-port.js";

/** Usage and fees: their types, and the check of an itemised-list request, so subgraphs check arguments against the port. */
export * from "./usage-port.js";
export { checkRequest as checkUsageRecordRequest } from "./usage.js";
/** Offers: the catalogue, where and when each applies, and what each took off the bills. */
export * from "./offers-port.js";
export { OFFER_CODE } from "../kit/canonical-ids.js";

/**
 * What the graph needs from billing (帐务), in the graph's own terms. Every read takes many ids and
 * costs one round trip. Single-record maps leave out ids billing does not know; list maps give every
 * asked id a list, empty when there is nothing (or no such id). A record that cannot be read is its id's
 * MALFORMED_RECORD error, the other ids are served (`OrMalformed`, ../errors.ts).
 */

/** The canonical id check, so subgraphs validate arguments against the port, not the adapters' kit. */
export { ACCOUNT_NO, CUSTOMER_ID } from "../kit/canonical-ids.js";
/** The check of a write's idempotency key, and what a keyed write answers. */
export { IDEMPOTENCY_KEY, type Written } from "../kit/idempotency.js";
/** A collection point's code as the graph accepts it, and the kinds of point each payment channel takes money at. */
export { PAYMENT_PLACE_CODE, PLACE_KINDS } from "./place-rows.js";

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
  /** Billing's own internal key of the account (ACCT.ACCT_ID) as decimal text: exact beyond 2^53. */
  serialNo: string;
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
  /** The offer a discount item came from (its OFFER_CODE); null on other items and on discounts no offer made. */
  offerCode: string | null;
}

export type PaymentChannel = "HALL" | "BANK" | "WEB" | "PREPAID_DEDUCTION";
export type PaymentPlaceKind = "BUSINESS_HALL" | "AGENT_POINT" | "BANK_BRANCH";

/** A collection point of billing's code table (收费点): where payments are taken. */
export interface PaymentPlace {
  /** The point's code in billing (COLLECT_SITE.SITE_ID). */
  code: string;
  name: string;
  kind: PaymentPlaceKind;
  /** The local network (本地网, LATN) the point belongs to, 4 digits. */
  localNetwork: string;
  /** A bank branch's bank, as `BankDebit.id` names banks; null for halls and agent points. */
  bankId: string | null;
}

export interface Payment {
  paymentId: string;
  accountNo: AccountNo;
  /** The bill the payment was allocated to, when the system allocated it to one. */
  billNo: BillNo | null;
  amountFen: number;
  paidOn: string;
  channel: PaymentChannel;
  /** Where it was paid (交费地点): a hall or agent point for HALL, a bank branch for BANK; null for WEB and PREPAID_DEDUCTION. */
  place: PaymentPlace | null;
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

/**
 * A service an account pays for (SERV_ACCT, a link in force), as billing sees the service. One service may be
 * split over accounts by item group (帐目组): the account pays for the service's items of its group only.
 */
export interface AccountService {
  accountNo: AccountNo;
  serviceNo: ServiceNo;
  /** The item group the account pays for (SERV_ACCT.ITEM_GROUP), two digits; "00" all the service's items. */
  itemGroup: string;
  product: Product;
  status: ServiceStatus;
  barring: Barring;
  startedOn: string;
}

export type SuspensionReason = "ARREARS_SINGLE" | "ARREARS_DOUBLE" | "ILLEGAL_USE" | "FACILITY_DAMAGE";

export interface Suspension {
  serviceNo: ServiceNo;
  reason: SuspensionReason;
  from: string;
  /** null while the service is still stopped. */
  until: string | null;
}

/** The levels of a credit grade, the judgements' five on the cut points 95 / 80 / 60 / 40. */
export type CreditLevel = "VERY_HIGH" | "HIGH" | "MEDIUM" | "LOW" | "VERY_LOW";
export type CreditList = "RED" | "GREY" | "BLACK";

/** A credit grade set by hand in billing's credit control (信控, CREDIT_GRADE_HIS). */
export interface ManualCreditGrade {
  /** The level set; null for a row that lifts the grade set by hand, so the computed one applies again. */
  level: CreditLevel | null;
  /** The list set with it; null when none was given (the list then follows the level). */
  list: CreditList | null;
  reason: string;
  /** Who set it: the subject of the caller who set it through the graph, or credit control's staff code. */
  setBy: string;
  setOn: string;
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
  /**
   * The collection point that took the money (PAYMENT_PLACE_CODE), of the account's local network and of a kind the
   * channel takes payments at (PLACE_KINDS); absent or null when not known. WEB takes none.
   */
  placeCode?: string | null;
  /** Stored with the payment; a replay with the same key returns the first payment. */
  idempotencyKey: string;
}

/** The longest reason credit control keeps with a grade set by hand, in characters (UTF-16 units). */
export const MAX_CREDIT_REASON = 200;

/** A credit grade to be set by hand in billing's credit control, for a customer. */
export interface NewCreditGrade {
  customerId: CustomerId;
  /** Null lifts the grade set by hand. */
  level: CreditLevel | null;
  list: CreditList | null;
  reason: string;
  /** The caller's subject, stored as who set it. */
  setBy: string;
  /** Stored with the grade; a replay with the same key returns the first grade. */
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

/** Usage and fees (usage-port.ts) and offers (offers-port.ts) are billing reads too. */
export interface BillingPort extends UsagePort, OfferPort {
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
  /** The suspensions of every service billing holds for each customer, newest first. */
  getSuspensionsByCustomer(customerIds: readonly CustomerId[]): Promise<Map<CustomerId, OrMalformed<Suspension[]>>>;
  /** The services each account pays for (SERV_ACCT links in force), by service number. */
  getServicesByAccount(accountNos: readonly AccountNo[]): Promise<Map<AccountNo, OrMalformed<AccountService[]>>>;
  /** The write-offs (销帐) that settled each bill, oldest first. */
  getSettlements(billNos: readonly BillNo[]): Promise<Map<BillNo, OrMalformed<Settlement[]>>>;
  /** Each customer's credit grades set by hand, newest first (the first is in force). */
  getCreditGrades(customerIds: readonly CustomerId[]): Promise<Map<CustomerId, OrMalformed<ManualCreditGrade[]>>>;
  /**
   * Everything the computed judgements need about each customer's billing, in one round trip:
   * accounts, the last 12 billing months of bills (and older ones still owing) with their write-offs, services,
   * suspensions and the dunning record. Customers billing does not know are absent; a customer with any
   * record that cannot be read gets that record's error.
   */
  getBillingFacts(customerIds: readonly CustomerId[], query?: FactsQuery): Promise<Map<CustomerId, OrMalformed<BillingFacts>>>;
  /**
   * The same facts of each account alone, in one round trip: the account, its bills with their write-offs, the
   * services it pays for (links in force) and their suspensions, its dunning record. Accounts billing does not
   * know are absent.
   */
  getAccountFacts(accountNos: readonly AccountNo[], query?: FactsQuery): Promise<Map<AccountNo, OrMalformed<AccountBillingFacts>>>;
  /** Records money received on an account, dated today; a replay with the same key returns the first payment. */
  recordPayment(payment: NewPayment): Promise<Written<Payment>>;
  /**
   * Records a dunning contact on a month the account still owes, dated today, as the cycle's next attempt;
   * a replay with the same key returns the first record.
   */
  recordDunningContact(contact: NewDunningContact): Promise<Written<DunningAction>>;
  /** Sets (or lifts) a customer's credit grade by hand, dated today; a replay with the same key returns the first grade. */
  setCreditGrade(grade: NewCreditGrade): Promise<Written<ManualCreditGrade & { customerId: CustomerId }>>;
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
  /**
   * The credit grades billing's credit control set by hand, newest first, those set on or before the as-of
   * date (FactsQuery): the first, when it sets a level, takes precedence over the computed one.
   */
  manualCredit: ManualCreditGrade[];
}

/**
 * One account's billing as the account-level credit reads it: the account (`accounts` holds it alone), its
 * bills, the services it pays for and their suspensions, its dunning, as `BillingFacts` carries them. Credit
 * grades set by hand are the customer's, so `manualCredit` is always empty here.
 */
export interface AccountBillingFacts extends BillingFacts {
  accountNo: AccountNo;
  /** Whose account it is: the scope of what is judged from it. */
  customerId: CustomerId;
}

