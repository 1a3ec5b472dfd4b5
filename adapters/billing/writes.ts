import { AdapterError } from "../kit/errors.js";
import { checkIdempotencyKey, type Written } from "../kit/idempotency.js";
import { recordParser } from "../kit/parse.js";
import type { SqlSource } from "../kit/sql.js";
import { checkAccountNos } from "./ids.js";
import { PAYMENT_PLACE_CODE, PLACE_KINDS, SITE_TYPE, placeSelect } from "./place-rows.js";
import type { DunningAction, NewDunningContact, NewPayment, Payment, PaymentPlaceKind } from "./port.js";
import { DUN_METHOD, DUN_RESULT, PAY_CHANNEL, dunningRow, paymentRow } from "./rows.js";
import { dunningSelect, paymentSelect } from "./selects.js";

type Row = Record<string, unknown>;

const parse = recordParser("billing");
/** Keyed at the source (a unique index on OUT_SERIAL_NBR): a retry answers with the first record. */
const KEYED_WRITE = { write: true, idempotent: true } as const;

/** What billing's writes need: its SQL source and its clock. */
export interface BillingWriter {
  source: SqlSource;
  /** Today as an ISO date in the carrier's time zone. */
  today: () => string;
}

const codeOf = <V extends string>(table: Record<string, V>, value: V): string | undefined =>
  Object.keys(table).find((code) => table[code] === value);

/**
 * Records the money as received on the account, allocated to no bill, with the collection point that took it
 * when one is given: a point of billing's code table (COLLECT_SITE) in the account's local network, of a kind
 * the channel takes money at. Whether it also settles arrears (ACCT_ITEM_OWE, BILL.STATE) is billing's own
 * write-off run and out of scope here.
 */
export async function recordPayment({ source, today }: BillingWriter, payment: NewPayment): Promise<Written<Payment>> {
  const [accountNo] = checkAccountNos([payment.accountNo]);
  const key = checkIdempotencyKey(payment.idempotencyKey, "billing");
  if (!Number.isSafeInteger(payment.amountFen) || payment.amountFen <= 0) {
    throw new AdapterError("BAD_USER_INPUT", "billing", `amountFen must be a positive integer, got ${payment.amountFen}`);
  }
  const channelCode = codeOf(PAY_CHANNEL, payment.channel);
  if (channelCode === undefined) {
    throw new AdapterError("BAD_USER_INPUT", "billing", `unknown payment channel ${JSON.stringify(payment.channel)}`);
  }
  const place = checkPlace(payment);
  const s = source.schema;
  // One statement inserts the payment, or finds the one an earlier call stored under the same key; a point that is
  // not one of the account's local network of a kind the channel takes money at leaves nothing to insert.
  const rows = await source.query<Row>(
    `WITH acct AS (
       SELECT a."ACCT_ID" FROM ${s}."ACCT" a LEFT JOIN ${s}."CUST" c ON c."CUST_ID" = a."CUST_ID"
       WHERE a."ACCT_NBR" = $1 AND ($6::text IS NULL OR EXISTS (
         SELECT 1 FROM ${s}."COLLECT_SITE" st WHERE st."SITE_ID" = $6::text AND st."LATN_ID" = c."LATN_ID" AND trim(st."SITE_TYPE") = ANY($7::text[])))
     ),
     fresh AS (
       INSERT INTO ${s}."PAYMENT" ("PAYMENT_ID", "ACCT_ID", "BILL_ID", "AMOUNT", "PAY_DATE", "PAY_CHANNEL", "OUT_SERIAL_NBR", "SITE_ID")
       SELECT nextval('${s}."SEQ_PAYMENT_ID"'), "ACCT_ID", NULL, $2, $3, $4, $5, $6 FROM acct
       ON CONFLICT ("OUT_SERIAL_NBR") DO NOTHING
       RETURNING "PAYMENT_ID", "ACCT_ID", "BILL_ID", "AMOUNT", "PAY_DATE", "PAY_CHANNEL", "SITE_ID"
     )
     SELECT f."PAYMENT_ID", a."ACCT_NBR", f."BILL_ID", f."AMOUNT", f."PAY_DATE", f."PAY_CHANNEL", ${placeSelect("f", "st")}, false AS "REPLAYED"
     FROM fresh f LEFT JOIN ${s}."ACCT" a ON a."ACCT_ID" = f."ACCT_ID" LEFT JOIN ${s}."COLLECT_SITE" st ON st."SITE_ID" = f."SITE_ID"
     UNION ALL
     SELECT p.*, true AS "REPLAYED" FROM (${paymentSelect(s)} WHERE p."OUT_SERIAL_NBR" = $5) p`,
    [accountNo, payment.amountFen, today().replaceAll("-", ""), channelCode, key, place.code, place.types],
    KEYED_WRITE,
  );
  const stored =
    rows[0] ??
    (await readBack(
      source,
      "PAYMENT_ID",
      `${paymentSelect(s)} WHERE p."OUT_SERIAL_NBR" = $2`,
      [accountNo, key, place.code],
      (found) => {
        if (found.ACCOUNT_FOUND === false) return new AdapterError("BAD_USER_INPUT", "billing", `no account ${accountNo}`);
        if (place.code !== null) {
          const refused = placeRefusal(place.code, payment.channel, payment.accountNo, found);
          if (refused) return refused;
        }
        return new AdapterError("SOURCE_UNAVAILABLE", "billing", `payment ${key} was neither recorded nor found`);
      },
      `, (SELECT c."LATN_ID" FROM ${s}."ACCT" a JOIN ${s}."CUST" c ON c."CUST_ID" = a."CUST_ID" WHERE a."ACCT_NBR" = $1) AS "ACCT_LATN_ID",
         (SELECT st."LATN_ID" FROM ${s}."COLLECT_SITE" st WHERE st."SITE_ID" = $3::text) AS "PLACE_LATN_ID",
         (SELECT st."SITE_TYPE" FROM ${s}."COLLECT_SITE" st WHERE st."SITE_ID" = $3::text) AS "PLACE_TYPE"`,
    ));
  const recorded = parse(paymentRow, stored, `PAYMENT ${stored.PAYMENT_ID}`);
  const samePlace = (recorded.place?.code ?? null) === place.code;
  if (recorded.accountNo !== accountNo || recorded.amountFen !== payment.amountFen || recorded.channel !== payment.channel || !samePlace) {
    throw new AdapterError(
      "CONFLICT",
      "billing",
      `idempotency key ${key} was already used for payment ${recorded.paymentId} of ${recorded.amountFen} fen to ${recorded.accountNo}`,
    );
  }
  return { record: recorded, replayed: stored.REPLAYED === true };
}

/** The point's code as given, and the SITE_TYPE codes of the kinds the channel takes money at; a channel that takes none refuses one. */
function checkPlace(payment: NewPayment): { code: string | null; types: string[] } {
  const kinds = PLACE_KINDS[payment.channel];
  const types = Object.keys(SITE_TYPE).filter((type) => kinds.includes(SITE_TYPE[type] as PaymentPlaceKind));
  const given = payment.placeCode ?? null;
  if (given === null) return { code: null, types };
  if (typeof given !== "string" || !PAYMENT_PLACE_CODE.test(given)) {
    throw new AdapterError("BAD_USER_INPUT", "billing", `placeCode must be a collection point's code (1 to 10 capitals and digits), got ${JSON.stringify(given).slice(0, 40)}`);
  }
  if (kinds.length === 0) throw new AdapterError("BAD_USER_INPUT", "billing", `a ${payment.channel} payment is taken at no collection point, got placeCode ${given}`);
  return { code: given, types };
}

/** Why billing refused the point: not in its code table, of a kind the channel does not take money at, or in another local network. */
function placeRefusal(code: string, channel: NewPayment["channel"], accountNo: string, found: Row): AdapterError | null {
  const bad = (message: string) => new AdapterError("BAD_USER_INPUT", "billing", message);
  if (found.PLACE_LATN_ID === null || found.PLACE_LATN_ID === undefined) return bad(`no collection point ${code} in billing's code table (COLLECT_SITE)`);
  const kind = SITE_TYPE[String(found.PLACE_TYPE).trim()];
  const kinds = PLACE_KINDS[channel];
  if (kind === undefined || !kinds.includes(kind)) return bad(`collection point ${code} is of kind ${kind ?? "unknown"}; a ${channel} payment is taken at a ${kinds.join(" or ")}`);
  if (String(found.PLACE_LATN_ID).trim() !== String(found.ACCT_LATN_ID ?? "").trim()) {
    return bad(`collection point ${code} belongs to local network ${String(found.PLACE_LATN_ID).trim()}, account ${accountNo} to ${String(found.ACCT_LATN_ID ?? "none").trim()}`);
  }
  return null;
}

/**
 * Records a contact made to collect a month's arrears, dated today, as that cycle's next attempt. Only a
 * month the account still owes on (ACCT_ITEM_OWE) can be dunned. ATTEMPT_NO is counted in the same
 * statement; billing's column has no uniqueness, so two different contacts written at the same instant
 * may share a number, while a replay never adds one.
 */
export async function recordDunningContact({ source, today }: BillingWriter, contact: NewDunningContact): Promise<Written<DunningAction>> {
  const [accountNo] = checkAccountNos([contact.accountNo]);
  const key = checkIdempotencyKey(contact.idempotencyKey, "billing");
  const match = typeof contact.month === "string" ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(contact.month) : null;
  if (match === null) throw new AdapterError("BAD_USER_INPUT", "billing", `month must be a billing cycle YYYY-MM, got ${JSON.stringify(contact.month)}`);
  const cycle = `${match[1]}${match[2]}`;
  const methodCode = codeOf(DUN_METHOD, contact.method);
  if (methodCode === undefined) throw new AdapterError("BAD_USER_INPUT", "billing", `unknown dunning method ${JSON.stringify(contact.method)}`);
  const resultCode = codeOf(DUN_RESULT, contact.result);
  if (resultCode === undefined) throw new AdapterError("BAD_USER_INPUT", "billing", `unknown dunning result ${JSON.stringify(contact.result)}`);
  const s = source.schema;
  const owing = (acct: string) =>
    `EXISTS (SELECT 1 FROM ${s}."ACCT_ITEM_OWE" o WHERE o."ACCT_ID" = ${acct} AND o."BILLING_CYCLE_ID" = $2 AND o."OWE_AMOUNT" > 0)`;
  const rows = await source.query<Row>(
    `WITH acct AS (SELECT a."ACCT_ID" FROM ${s}."ACCT" a WHERE a."ACCT_NBR" = $1 AND ${owing(`a."ACCT_ID"`)}),
     fresh AS (
       INSERT INTO ${s}."DUNNING" ("DUNNING_ID", "ACCT_ID", "BILLING_CYCLE_ID", "DUN_METHOD", "ATTEMPT_NO", "DUN_DATE", "DUN_RESULT", "OUT_SERIAL_NBR")
       SELECT nextval('${s}."SEQ_DUNNING_ID"'), acct."ACCT_ID", $2, $3,
              (SELECT coalesce(max(d."ATTEMPT_NO"), 0) + 1 FROM ${s}."DUNNING" d WHERE d."ACCT_ID" = acct."ACCT_ID" AND d."BILLING_CYCLE_ID" = $2),
              $4, $5, $6
       FROM acct
       ON CONFLICT ("OUT_SERIAL_NBR") DO NOTHING
       RETURNING "DUNNING_ID", "ACCT_ID", "BILLING_CYCLE_ID", "DUN_METHOD", "ATTEMPT_NO", "DUN_DATE", "DUN_RESULT"
     )
     SELECT f."DUNNING_ID", a."CUST_ID", a."ACCT_NBR", f."BILLING_CYCLE_ID", f."DUN_METHOD", f."ATTEMPT_NO", f."DUN_DATE", f."DUN_RESULT",
            false AS "REPLAYED"
     FROM fresh f JOIN ${s}."ACCT" a ON a."ACCT_ID" = f."ACCT_ID"
     UNION ALL
     SELECT d.*, true AS "REPLAYED" FROM (${dunningSelect(s)} WHERE d."OUT_SERIAL_NBR" = $6) d`,
    [accountNo, cycle, methodCode, today().replaceAll("-", ""), resultCode, key],
    KEYED_WRITE,
  );
  const stored =
    rows[0] ??
    (await readBack(
      source,
      "DUNNING_ID",
      `${dunningSelect(s)} WHERE d."OUT_SERIAL_NBR" = $3`,
      [accountNo, cycle, key],
      (found) => {
        if (found.ACCOUNT_FOUND === false) return new AdapterError("BAD_USER_INPUT", "billing", `no account ${accountNo}`);
        if (found.OWING === false) return new AdapterError("BAD_USER_INPUT", "billing", `account ${accountNo} owes nothing for cycle ${cycle}`);
        return new AdapterError("SOURCE_UNAVAILABLE", "billing", `dunning contact ${key} was neither recorded nor found`);
      },
      `, EXISTS (SELECT 1 FROM ${s}."ACCT" a WHERE a."ACCT_NBR" = $1 AND ${owing(`a."ACCT_ID"`)}) AS "OWING"`,
    ));
  const recorded = parse(dunningRow, stored, `DUNNING ${stored.DUNNING_ID}`);
  if (recorded.accountNo !== accountNo || recorded.month !== contact.month || recorded.method !== contact.method || recorded.result !== contact.result) {
    throw new AdapterError(
      "CONFLICT",
      "billing",
      `idempotency key ${key} was already used for dunning ${stored.DUNNING_ID} of ${recorded.accountNo} for ${recorded.month}`,
    );
  }
  return { record: recorded, replayed: stored.REPLAYED === true };
}

/**
 * The record stored under the key when the write's own statement returned nothing: a concurrent call with
 * the same key committed after that statement's snapshot was taken (its insert then did nothing), or the
 * write was refused. A fresh read tells which; `$1` is the account number, and `refusal` explains the rest.
 */
async function readBack(
  source: SqlSource,
  id: string,
  keyed: string,
  values: unknown[],
  refusal: (found: Row) => AdapterError,
  extra = "",
): Promise<Row> {
  const [found] = await source.query<Row>(
    `SELECT EXISTS (SELECT 1 FROM ${source.schema}."ACCT" WHERE "ACCT_NBR" = $1) AS "ACCOUNT_FOUND"${extra}, r.*, true AS "REPLAYED"
     FROM (SELECT 1) one LEFT JOIN (${keyed}) r ON true`,
    values,
  );
  if (found?.[id] !== null && found?.[id] !== undefined) return found;
  throw refusal(found ?? {});
}
