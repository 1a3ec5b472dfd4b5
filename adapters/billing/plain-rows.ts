import { ACCOUNT_NO, SERVICE_NO, productOfServiceNo } from "../kit/canonical-ids.js";
import { plainCode, plainDate, plainDateOrNone, plainInteger, plainList, plainText } from "../kit/plain-values.js";
import { BILL_NO, customerIdOf } from "./ids.js";
import { PLACE_KINDS, SITE_TYPE } from "./place-rows.js";
import type { Account, Bill, DunningAction, ManualCreditGrade, PaymentChannel, PaymentPlace, ServiceBilling, ServiceNo, Settlement, Suspension } from "./port.js";
import {
  ACCT_STATE,
  BILL_STATE,
  CREDIT_GRADE,
  DUN_METHOD,
  DUN_RESULT,
  LIST_TYPE,
  PAY_CHANNEL,
  PAY_METHOD,
  PRODUCT_ID,
  SERV_STATE,
  STOP_FLAG,
  STOP_TYPE,
  billContradiction,
  serviceContradiction,
  type accountRow,
  type paymentRow,
} from "./rows.js";
import { COMPACT, monthOfCycle } from "./values.js";

/**
 * Billing's records read by hand, for the batch facts (a thousand customers' records per statement), each
 * exactly as its schema in rows.ts reads it, output key order included (the snapshot digests the facts as
 * JSON). Each answers undefined for a record it does not find plainly valid, which the caller then reads
 * with the schema, so a record that cannot be read is rejected with the schema's own message.
 * plain-rows.test.ts holds each reader to its schema over valid records and every kind of spoiled one.
 */

type Raw = Record<string, unknown>;

const NO_DATE = "00000000";
/** `bigintId` as text: decimal digits, unpadded. */
const DIGITS = /^\d+$/;
const present = (value: unknown) => value !== null && value !== undefined;
const cycle = (value: unknown) => (typeof value === "string" ? (monthOfCycle(value.trim()) ?? undefined) : undefined);
const billNo = (value: unknown) => plainText(value, BILL_NO);
const customerId = (value: unknown) => (typeof value === "string" ? (customerIdOf(value) ?? undefined) : undefined);

export function plainAccount(raw: Raw): ReturnType<typeof accountRow.parse> | undefined {
  const accountNo = plainText(raw.ACCT_NBR, ACCOUNT_NO);
  const serialNo = plainText(raw.ACCT_ID, DIGITS);
  const owner = present(raw.CUST_CODE) ? customerId(raw.CUST_CODE) : undefined;
  const name = typeof raw.ACCT_NAME === "string" ? raw.ACCT_NAME.trim() : "";
  const paymentMethod = plainCode(PAY_METHOD, raw.PAY_METHOD);
  const { BANK_ID: bankId, BANK_ACCT: bankAccount } = raw;
  const creditLimitFen = plainInteger(raw.CREDIT_LIMIT);
  const balanceFen = plainInteger(raw.BALANCE);
  const status = plainCode(ACCT_STATE, raw.STATE);
  const openedOn = plainDate(raw.CREATED_DATE, COMPACT);
  if (
    accountNo === undefined ||
    serialNo === undefined ||
    owner === undefined ||
    name === "" ||
    paymentMethod === undefined ||
    typeof bankId !== "string" ||
    typeof bankAccount !== "string" ||
    creditLimitFen === undefined ||
    creditLimitFen < 0 ||
    balanceFen === undefined ||
    status === undefined ||
    openedOn === undefined ||
    (bankId.trim() === "") !== (bankAccount.trim() === "")
  ) {
    return undefined;
  }
  const bank = bankId.trim() === "" ? null : { id: bankId.trim(), account: bankAccount.trim() };
  return { accountNo, serialNo, customerId: owner, name, paymentMethod, bank, creditLimitFen, balanceFen, status, openedOn } satisfies Account;
}

export function plainBillWithServices(raw: Raw): (Bill & { serviceNos: ServiceNo[] }) | undefined {
  const billNumber = billNo(raw.BILL_ID);
  const accountNo = plainText(raw.ACCT_NBR, ACCOUNT_NO);
  const month = cycle(raw.BILLING_CYCLE_ID);
  const amountFen = plainInteger(raw.BILL_AMOUNT);
  const dueDate = plainDate(raw.DUE_DATE, COMPACT);
  const state = plainCode(BILL_STATE, raw.STATE);
  const owed = raw.OWED === null ? 0 : plainInteger(raw.OWED);
  const serviceNos = plainList(raw.SERV_NBRS, SERVICE_NO);
  if (
    billNumber === undefined ||
    accountNo === undefined ||
    month === undefined ||
    amountFen === undefined ||
    amountFen < 0 ||
    dueDate === undefined ||
    state === undefined ||
    owed === undefined ||
    serviceNos === undefined ||
    billContradiction(amountFen, owed, state) !== null
  ) {
    return undefined;
  }
  return { billNo: billNumber, accountNo, month, amountFen, paidFen: amountFen - owed, dueDate, state, serviceNos };
}

export function plainPayment(raw: Raw): ReturnType<typeof paymentRow.parse> | undefined {
  const paymentId = plainText(raw.PAYMENT_ID, /^\d+$/);
  const accountNo = plainText(raw.ACCT_NBR, ACCOUNT_NO);
  const bill = raw.BILL_ID === null ? null : billNo(raw.BILL_ID);
  const amountFen = plainInteger(raw.AMOUNT);
  const paidOn = plainDate(raw.PAY_DATE, COMPACT);
  const channel = plainCode(PAY_CHANNEL, raw.PAY_CHANNEL);
  const place = channel === undefined ? undefined : plainPlace(raw, channel);
  if (paymentId === undefined || accountNo === undefined || bill === undefined || amountFen === undefined || amountFen <= 0 || paidOn === undefined || place === undefined) {
    return undefined;
  }
  return { paymentId, accountNo, billNo: bill, amountFen, paidOn, channel: channel as PaymentChannel, place };
}

/** placeOf (place-rows.ts) by hand: no place when every place column is null, else a point of a kind the channel takes money at. */
function plainPlace(raw: Raw, channel: PaymentChannel): PaymentPlace | null | undefined {
  const columns = [raw.SITE_FOUND, raw.SITE_LATN_ID, raw.SITE_TYPE, raw.SITE_NAME, raw.SITE_BANK_ID];
  if (raw.SITE_ID === null) return columns.every((value) => value === null) ? null : undefined;
  if (typeof raw.SITE_ID !== "string" || typeof raw.SITE_FOUND !== "string" || typeof raw.SITE_NAME !== "string" || typeof raw.SITE_LATN_ID !== "string") return undefined;
  const kind = plainCode(SITE_TYPE, raw.SITE_TYPE);
  const bank = raw.SITE_BANK_ID === null ? "" : typeof raw.SITE_BANK_ID === "string" ? raw.SITE_BANK_ID.trim() : undefined;
  const name = raw.SITE_NAME.trim();
  const localNetwork = raw.SITE_LATN_ID.trim();
  if (kind === undefined || !PLACE_KINDS[channel].includes(kind) || bank === undefined || (kind === "BANK_BRANCH") !== (bank !== "")) return undefined;
  if (name === "" || !/^\d{4}$/.test(localNetwork)) return undefined;
  return { code: raw.SITE_FOUND.trim(), name, kind, localNetwork, bankId: bank === "" ? null : bank };
}

export function plainService(raw: Raw): ServiceBilling | undefined {
  const serviceNo = plainText(raw.ACC_NBR, SERVICE_NO);
  const owner = present(raw.CUST_CODE) ? customerId(raw.CUST_CODE) : undefined;
  const product = plainCode(PRODUCT_ID, raw.PRODUCT_ID);
  const status = plainCode(SERV_STATE, raw.STATE);
  const barring = plainCode(STOP_FLAG, raw.STOP_FLAG);
  const startedOn = plainDate(raw.COMPLETED_DATE, COMPACT);
  const accountNos = plainList(raw.ACCT_NBRS, ACCOUNT_NO);
  const badLinks = raw.BAD_LINK_STATES;
  if (
    serviceNo === undefined ||
    owner === undefined ||
    product === undefined ||
    status === undefined ||
    barring === undefined ||
    startedOn === undefined ||
    accountNos === undefined ||
    !Array.isArray(badLinks) ||
    badLinks.length > 0 ||
    productOfServiceNo(serviceNo) !== product ||
    serviceContradiction(status, barring) !== null
  ) {
    return undefined;
  }
  return { serviceNo, customerId: owner, product, status, barring, startedOn, accountNos };
}

export function plainSuspension(raw: Raw): Suspension | undefined {
  const serviceNo = plainText(raw.ACC_NBR, SERVICE_NO);
  const reason = plainCode(STOP_TYPE, raw.STOP_TYPE);
  const from = plainDate(raw.STOP_DATE, COMPACT);
  const until = plainDateOrNone(raw.RESUME_DATE, COMPACT, NO_DATE);
  if (serviceNo === undefined || reason === undefined || from === undefined || until === undefined || (until !== null && until < from)) return undefined;
  return { serviceNo, reason, from, until };
}

export function plainDunning(raw: Raw): DunningAction | undefined {
  const accountNo = plainText(raw.ACCT_NBR, ACCOUNT_NO);
  const month = cycle(raw.BILLING_CYCLE_ID);
  const method = plainCode(DUN_METHOD, raw.DUN_METHOD);
  const attempt = plainInteger(raw.ATTEMPT_NO);
  const date = plainDate(raw.DUN_DATE, COMPACT);
  const result = plainCode(DUN_RESULT, raw.DUN_RESULT);
  if (accountNo === undefined || month === undefined || method === undefined || attempt === undefined || attempt < 1 || date === undefined || result === undefined) {
    return undefined;
  }
  return { accountNo, month, method, attempt, date, result };
}

export function plainWriteOff(raw: Raw): Settlement | undefined {
  const id = plainText(raw.WRITE_OFF_ID, /^\d+$/);
  const on = plainDate(raw.WRITE_OFF_DATE, COMPACT);
  const amountFen = plainInteger(raw.AMOUNT);
  if (id === undefined || on === undefined || amountFen === undefined || amountFen <= 0) return undefined;
  return { on, amountFen };
}

export function plainCreditGrade(raw: Raw): ManualCreditGrade | undefined {
  const id = plainText(raw.GRADE_HIS_ID, DIGITS);
  const level = plainCode(CREDIT_GRADE, raw.CREDIT_GRADE);
  const list = plainCode(LIST_TYPE, raw.LIST_TYPE);
  const reason = typeof raw.REASON === "string" ? raw.REASON.trim() : "";
  const setBy = typeof raw.STAFF_CODE === "string" ? raw.STAFF_CODE.trim() : "";
  const setOn = plainDate(raw.SET_DATE, COMPACT);
  if (id === undefined || level === undefined || list === undefined || reason === "" || setBy === "" || setOn === undefined || (level === null && list !== null)) {
    return undefined;
  }
  return { level, list, reason, setBy, setOn };
}
