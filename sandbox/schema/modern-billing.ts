import { modernCallRecordsView } from "./modern-billing-records.js";

/**
 * Modern billing: the billing system that is to replace the 97-era one (billing.ts), with its own store in clean
 * names. Dates are ISO "YYYY-MM-DD", billing cycles "YYYY-MM", money integer fen, statuses spelled out:
 * accounts.payment_method CASH · BANK_DEBIT · PREPAID · AGENT; accounts.status ACTIVE · CLOSED;
 * services.product FIXED_LINE · MOBILE · BROADBAND · LEASED_LINE; services.status ACTIVE · BARRED · REMOVED;
 * services.barring NONE · SINGLE · DOUBLE; account_services.link_status IN_FORCE · ENDED; bills.status UNPAID ·
 * PARTLY_PAID · PAID; bill_items.type BASIC_FEE · LOCAL_CALLS · LONG_DISTANCE · DATA · VALUE_ADDED · DISCOUNT;
 * payments.channel HALL · BANK · WEB · PREPAID_DEDUCTION; collection_points.kind BUSINESS_HALL · AGENT_POINT ·
 * BANK_BRANCH; dunning_actions.method AUTOMATIC · MANUAL, result REACHED · FAILED; suspensions.reason
 * ARREARS_SINGLE · ARREARS_DOUBLE · ILLEGAL_USE · FACILITY_DAMAGE (until_date null while still stopped);
 * credit_grades.level VERY_HIGH · HIGH · MEDIUM · LOW · VERY_LOW (null lifts the grade set by hand), list RED · GREY ·
 * BLACK (null: none given); usage_months.call_class LOCAL · LONG_DISTANCE · INTERNATIONAL · DATA · VALUE_ADDED (what rating
 * summed per service and cycle, `outgoing` and `peak` counting records); offers.method PERCENT_OFF · FIXED_REDUCTION ·
 * FREE_MINUTES (value the percent, fen or minutes), term_months null for as long as the offer runs, valid_to null for no end.
 * call_records is the detail records of each usage month, made on read as the legacy CDR view makes them
 * (modern-billing-records.ts): the same records, so that both systems answer alike.
 *
 * The initial load (sandbox/modern-billing/load.ts) converts every legacy value it can; one it cannot (a code outside
 * the legacy code table, a date that is no date) is carried over verbatim, as a migration's load keeps what it cannot
 * convert for the owners to clean, so a reader meets it and rejects that record. A reference the legacy rows leave
 * dangling is null here (an account of a customer billing does not hold, an item of a service it does not hold).
 * Every table keeps the legacy key as `id` (bills' and payments' numbers are those keys), which also orders ties.
 * load_runs says from which legacy schema (by its oid: generating again makes a new one) the store was loaded.
 */
export function modernBillingTables(s: string): string {
  return `
CREATE TABLE ${s}.customers (id BIGINT PRIMARY KEY, customer_id TEXT NOT NULL, name TEXT NOT NULL, local_network TEXT NOT NULL);
CREATE TABLE ${s}.accounts (id BIGINT PRIMARY KEY, account_no TEXT NOT NULL, customer_id TEXT, name TEXT NOT NULL,
  payment_method TEXT NOT NULL, bank_id TEXT, bank_account TEXT, credit_limit_fen BIGINT NOT NULL, balance_fen BIGINT NOT NULL,
  status TEXT NOT NULL, opened_on TEXT NOT NULL);
CREATE TABLE ${s}.services (id BIGINT PRIMARY KEY, service_no TEXT NOT NULL, customer_id TEXT, product TEXT NOT NULL,
  status TEXT NOT NULL, barring TEXT NOT NULL, started_on TEXT NOT NULL);
CREATE TABLE ${s}.account_services (account_id BIGINT NOT NULL, service_id BIGINT NOT NULL, account_no TEXT, service_no TEXT,
  item_group TEXT NOT NULL, link_status TEXT NOT NULL);
CREATE TABLE ${s}.bills (id BIGINT PRIMARY KEY, account_no TEXT NOT NULL, month TEXT NOT NULL, amount_fen BIGINT NOT NULL,
  owed_fen BIGINT, due_date TEXT NOT NULL, status TEXT NOT NULL);
CREATE TABLE ${s}.bill_items (id BIGINT NOT NULL, bill_id BIGINT NOT NULL, type TEXT NOT NULL, service_id BIGINT NOT NULL, service_no TEXT,
  amount_fen BIGINT NOT NULL, offer_id BIGINT, offer_code TEXT);
CREATE TABLE ${s}.collection_points (code TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, local_network TEXT NOT NULL,
  bank_id TEXT);
CREATE TABLE ${s}.payments (id BIGINT PRIMARY KEY, account_no TEXT NOT NULL, bill_id BIGINT, amount_fen BIGINT NOT NULL,
  paid_on TEXT NOT NULL, channel TEXT NOT NULL, place_code TEXT, idempotency_key TEXT UNIQUE);
CREATE TABLE ${s}.settlements (id BIGINT PRIMARY KEY, bill_id BIGINT NOT NULL, amount_fen BIGINT NOT NULL, settled_on TEXT NOT NULL);
CREATE TABLE ${s}.dunning_actions (id BIGINT PRIMARY KEY, account_no TEXT NOT NULL, month TEXT NOT NULL, method TEXT NOT NULL,
  attempt INTEGER NOT NULL, date TEXT NOT NULL, result TEXT NOT NULL, idempotency_key TEXT UNIQUE);
CREATE TABLE ${s}.suspensions (id BIGINT PRIMARY KEY, service_no TEXT NOT NULL, customer_id TEXT, reason TEXT NOT NULL,
  from_date TEXT NOT NULL, until_date TEXT);
CREATE TABLE ${s}.credit_grades (id BIGINT PRIMARY KEY, customer_id TEXT NOT NULL, level TEXT, list TEXT, reason TEXT NOT NULL,
  set_by TEXT NOT NULL, set_on TEXT NOT NULL, idempotency_key TEXT UNIQUE);
CREATE TABLE ${s}.usage_months (service_id BIGINT NOT NULL, service_no TEXT NOT NULL, month TEXT NOT NULL, call_class TEXT NOT NULL,
  records INTEGER NOT NULL, outgoing INTEGER NOT NULL, peak INTEGER NOT NULL, seconds BIGINT NOT NULL, volume_kb BIGINT NOT NULL,
  fee_fen BIGINT NOT NULL);
CREATE TABLE ${s}.local_networks (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE ${s}.offer_purposes (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE ${s}.offers (id BIGINT PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, purpose_code TEXT NOT NULL, product TEXT NOT NULL,
  method TEXT NOT NULL, value BIGINT NOT NULL, term_months INTEGER, target TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT);
CREATE TABLE ${s}.offer_regions (offer_id BIGINT NOT NULL, local_network TEXT NOT NULL);
CREATE TABLE ${s}.load_runs (source_schema TEXT NOT NULL, source_oid BIGINT NOT NULL, rows JSONB NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL DEFAULT now());
${modernCallRecordsView(s)}
`;
}

/** Indexes after the load; sequences for the store's own records start above every loaded key. */
export function modernBillingIndexes(s: string): string {
  return `
CREATE UNIQUE INDEX ON ${s}.customers (customer_id);
CREATE UNIQUE INDEX ON ${s}.accounts (account_no);
CREATE INDEX ON ${s}.accounts (customer_id);
CREATE UNIQUE INDEX ON ${s}.services (service_no);
CREATE INDEX ON ${s}.services (customer_id);
CREATE INDEX ON ${s}.account_services (account_no);
CREATE INDEX ON ${s}.account_services (service_id);
CREATE INDEX ON ${s}.bills (account_no, month);
CREATE INDEX ON ${s}.bill_items (bill_id);
CREATE INDEX ON ${s}.bill_items (offer_id, service_id) WHERE offer_id IS NOT NULL;
CREATE INDEX ON ${s}.usage_months (service_no, month);
CREATE UNIQUE INDEX ON ${s}.offers (code);
CREATE INDEX ON ${s}.offer_regions (local_network);
CREATE INDEX ON ${s}.payments (account_no);
CREATE INDEX ON ${s}.settlements (bill_id);
CREATE INDEX ON ${s}.dunning_actions (account_no);
CREATE INDEX ON ${s}.suspensions (service_no);
CREATE INDEX ON ${s}.suspensions (customer_id);
CREATE INDEX ON ${s}.credit_grades (customer_id);
CREATE SEQUENCE ${s}.payment_ids;
SELECT setval('${s}.payment_ids', GREATEST((SELECT max(id) FROM ${s}.payments), 1));
CREATE SEQUENCE ${s}.dunning_ids;
SELECT setval('${s}.dunning_ids', GREATEST((SELECT max(id) FROM ${s}.dunning_actions), 1));
CREATE SEQUENCE ${s}.credit_grade_ids;
SELECT setval('${s}.credit_grade_ids', GREATEST((SELECT max(id) FROM ${s}.credit_grades), 1));
`;
}

/** The modern billing store's schema beside the legacy ones (schemaNames): a prefix isolates test runs. */
export function modernBillingSchema(prefix = ""): string {
  if (!/^[a-z0-9_]*$/.test(prefix)) throw new Error(`schema prefix must match [a-z0-9_]*, got "${prefix}"`);
  return `${prefix}modern_billing`;
}
