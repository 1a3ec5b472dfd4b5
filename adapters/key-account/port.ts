import type { OrMalformed } from "../errors.js";
import type { SourceHealth } from "../health.js";
import type { Written } from "../kit/idempotency.js";

/**
 * What the graph needs from the key-account system (大客户), in the graph's own terms. Every read takes
 * many ids and costs one round trip. Single-record maps leave out ids the system does not know; list maps
 * give every asked id a list, empty when there is nothing (or no such id). A record that cannot be read is
 * its id's MALFORMED_RECORD error, the other ids are served (`OrMalformed`, ../errors.ts).
 */

/** The id checks of a key account (DK + 10 digits) and an account manager (JL + local network + 4 digits), so subgraphs check arguments against the port. */
export { KEY_ACCOUNT_ID, MANAGER_ID } from "./ids.js";
/** The check of a write's idempotency key, and what a keyed write answers. */
export { IDEMPOTENCY_KEY, type Written } from "../kit/idempotency.js";

/** The key-account system's own number, "DK" + 10 digits. */
export type KeyAccountId = string;
/** "JL" + local network + 4 digits. */
export type ManagerId = string;
/** The hall's customer number, 12 digits "LLLLNNNNNNNN". */
export type CustomerId = string;

export type KeyAccountType = "INDIVIDUAL" | "ENTERPRISE";
export type KeyAccountLevel = "NATIONAL" | "PROVINCIAL" | "MUNICIPAL";
/** Buy-out (买断型): the carrier serves the account on agreed terms; cooperative (合作双赢型): shared development. */
export type Relationship = "BUY_OUT" | "COOPERATIVE";

export interface KeyAccount {
  id: KeyAccountId;
  customerId: CustomerId;
  name: string;
  type: KeyAccountType;
  level: KeyAccountLevel;
  relationship: Relationship;
  /** The account manager responsible for the account. */
  managerId: ManagerId;
  /** When the customer was recognised as a key account. */
  recognisedOn: string;
  /** False once the recognition is revoked. */
  active: boolean;
}

export interface AccountManager {
  id: ManagerId;
  name: string;
  phone: string;
  /** The local network the manager works in, "LLLL". */
  regionCode: string;
  /** False once the manager has left the post. */
  active: boolean;
}

export type ContractStatus = "ACTIVE" | "EXPIRED" | "TERMINATED";

export interface Contract {
  contractNo: string;
  keyAccountId: KeyAccountId;
  title: string;
  signedOn: string;
  expiresOn: string;
  amountFen: number;
  status: ContractStatus;
}

export type VisitMethod = "ON_SITE" | "PHONE" | "MEETING";

export interface Visit {
  visitId: string;
  keyAccountId: KeyAccountId;
  managerId: ManagerId;
  date: string;
  method: VisitMethod;
  notes: string;
}

export interface NewVisit {
  keyAccountId: KeyAccountId;
  managerId: ManagerId;
  /** ISO date of the visit: today or earlier. */
  date: string;
  method: VisitMethod;
  /** At most 400 characters. */
  notes: string;
  /** Stored with the visit; a replay with the same key returns the first visit. */
  idempotencyKey: string;
}

export interface KeyAccountPort {
  /** Customers that are (or were) key accounts; a customer is recognised at most once. */
  getKeyAccountsByCustomer(customerIds: readonly CustomerId[]): Promise<Map<CustomerId, OrMalformed<KeyAccount>>>;
  getKeyAccounts(ids: readonly KeyAccountId[]): Promise<Map<KeyAccountId, OrMalformed<KeyAccount>>>;
  getManagers(managerIds: readonly ManagerId[]): Promise<Map<ManagerId, OrMalformed<AccountManager>>>;
  /** Each manager's portfolio, revoked accounts included (see `active`); every asked id gets a list. */
  getKeyAccountsByManager(managerIds: readonly ManagerId[]): Promise<Map<ManagerId, OrMalformed<KeyAccount[]>>>;
  /** Newest signature first; every asked id gets a list. */
  getContracts(keyAccountIds: readonly KeyAccountId[]): Promise<Map<KeyAccountId, OrMalformed<Contract[]>>>;
  /** Newest first; every asked id gets a list. */
  getVisits(keyAccountIds: readonly KeyAccountId[]): Promise<Map<KeyAccountId, OrMalformed<Visit[]>>>;
  /** Records a visit made to a key account; a replay with the same key returns the first visit. */
  recordVisit(visit: NewVisit): Promise<Written<Visit>>;
  /**
   * What the computed judgements need from the key-account system about each customer, in one round
   * trip. Every asked id gets an entry; a customer who is no key account has isKeyAccount false. As of
   * `query.asOf` when given: recognised by then, and the contracts in force on that date.
   */
  getKeyAccountFacts(customerIds: readonly CustomerId[], query?: FactsQuery): Promise<Map<CustomerId, OrMalformed<KeyAccountFacts>>>;
  /** The system's circuit breaker state, for /readyz; costs no round trip. */
  health(): SourceHealth;
  close(): Promise<void>;
}

/** A customer's key-account standing as the judgements read it (insights subgraph). */
export interface FactsQuery {
  /** The reference date, ISO "YYYY-MM-DD": the facts as they stood on it, as far as the system's dates tell. */
  asOf?: string;
}

export interface KeyAccountFacts {
  /** Recognised (and not revoked) as a key account. */
  isKeyAccount: boolean;
  level: KeyAccountLevel | null;
  relationship: Relationship | null;
  activeContracts: number;
  /** Sum of the active contracts' amounts. */
  contractValueFen: number;
  /** Dates of the manager's visits, newest first (the judgement decides which window counts). */
  visitDates: string[];
}


/** The facts of a customer the key-account system does not recognise (a fresh object: callers may fill it). */
export function notAKeyAccount(): KeyAccountFacts {
  return { isKeyAccount: false, level: null, relationship: null, activeContracts: 0, contractValueFen: 0, visitDates: [] };
}
