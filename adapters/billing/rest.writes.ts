import { z } from "zod";
import { AdapterError } from "../kit/errors.js";
import { checkIdempotencyKey, type Written } from "../kit/idempotency.js";
import { parseRecord } from "../kit/parse.js";
import { checkAccountNos, checkCustomerIds } from "./ids.js";
import { PAYMENT_PLACE_CODE, PLACE_KINDS } from "./place-rows.js";
import { MAX_CREDIT_REASON, type CustomerId, type DunningAction, type ManualCreditGrade, type NewCreditGrade, type NewDunningContact, type NewPayment, type Payment } from "./port.js";
import { creditGradeRecord, dunningRecord, paymentRecord } from "./rest.records.js";
import type { BillingRestSource } from "./rest.source.js";

const CHANNELS = ["HALL", "BANK", "WEB", "PREPAID_DEDUCTION"];
const LEVELS = [null, "VERY_HIGH", "HIGH", "MEDIUM", "LOW", "VERY_LOW"];
const LISTS = [null, "RED", "GREY", "BLACK"];
/** Modern billing keeps who set a grade in up to 200 characters, as the legacy STAFF_CODE. */
const MAX_SET_BY = 200;

const bad = (message: string) => new AdapterError("BAD_USER_INPUT", "billing", message);

/**
 * Billing's writes through modern billing's service: the arguments checked as the SQL adapter checks them, before any
 * round trip; the service stores each record under the caller's key and answers a replay with the first record, which
 * must be the same data or the key was reused (CONFLICT).
 */
export class RestWrites {
  constructor(private readonly source: BillingRestSource) {}

  async recordPayment(payment: NewPayment): Promise<Written<Payment>> {
    const [accountNo] = checkAccountNos([payment.accountNo]) as [string];
    const key = checkIdempotencyKey(payment.idempotencyKey, "billing");
    if (!Number.isSafeInteger(payment.amountFen) || payment.amountFen <= 0) throw bad(`amountFen must be a positive integer, got ${payment.amountFen}`);
    if (!CHANNELS.includes(payment.channel)) throw bad(`unknown payment channel ${JSON.stringify(payment.channel)}`);
    const placeCode = payment.placeCode ?? null;
    if (placeCode !== null) {
      if (typeof placeCode !== "string" || !PAYMENT_PLACE_CODE.test(placeCode)) {
        throw bad(`placeCode must be a collection point's code (1 to 10 capitals and digits), got ${JSON.stringify(placeCode).slice(0, 40)}`);
      }
      if (PLACE_KINDS[payment.channel].length === 0) throw bad(`a ${payment.channel} payment is taken at no collection point, got placeCode ${placeCode}`);
    }
    const stored = await this.source.write("/v1/payments", { accountNo, amountFen: payment.amountFen, channel: payment.channel, placeCode }, key);
    const recorded = parseRecord(paymentRecord, stored.record, "billing", `payment ${String(stored.record.paymentId ?? "?")}`);
    if (recorded.accountNo !== accountNo || recorded.amountFen !== payment.amountFen || recorded.channel !== payment.channel || (recorded.place?.code ?? null) !== placeCode) {
      throw new AdapterError("CONFLICT", "billing", `idempotency key ${key} was already used for payment ${recorded.paymentId} of ${recorded.amountFen} fen to ${recorded.accountNo}`);
    }
    return { record: recorded, replayed: stored.replayed };
  }

  async recordDunningContact(contact: NewDunningContact): Promise<Written<DunningAction>> {
    const [accountNo] = checkAccountNos([contact.accountNo]) as [string];
    const key = checkIdempotencyKey(contact.idempotencyKey, "billing");
    if (typeof contact.month !== "string" || !/^\d{4}-(0[1-9]|1[0-2])$/.test(contact.month)) {
      throw bad(`month must be a billing cycle YYYY-MM, got ${JSON.stringify(contact.month)}`);
    }
    if (contact.method !== "AUTOMATIC" && contact.method !== "MANUAL") throw bad(`unknown dunning method ${JSON.stringify(contact.method)}`);
    if (contact.result !== "REACHED" && contact.result !== "FAILED") throw bad(`unknown dunning result ${JSON.stringify(contact.result)}`);
    const stored = await this.source.write("/v1/dunning-actions", { accountNo, month: contact.month, method: contact.method, result: contact.result }, key);
    const recorded = parseRecord(dunningRecord, stored.record, "billing", `dunning action ${String(stored.record.dunningId ?? "?")}`);
    if (recorded.accountNo !== accountNo || recorded.month !== contact.month || recorded.method !== contact.method || recorded.result !== contact.result) {
      throw new AdapterError("CONFLICT", "billing", `idempotency key ${key} was already used for dunning ${String(stored.record.dunningId)} of ${recorded.accountNo} for ${recorded.month}`);
    }
    return { record: recorded, replayed: stored.replayed };
  }

  async setCreditGrade(grade: NewCreditGrade): Promise<Written<ManualCreditGrade & { customerId: CustomerId }>> {
    const [customerId] = checkCustomerIds([grade.customerId]) as [string];
    const key = checkIdempotencyKey(grade.idempotencyKey, "billing");
    if (!LEVELS.includes(grade.level)) throw bad(`unknown credit level ${JSON.stringify(grade.level)}`);
    if (!LISTS.includes(grade.list)) throw bad(`unknown credit list ${JSON.stringify(grade.list)}`);
    if (grade.level === null && grade.list !== null) throw bad("a list cannot be set while lifting the grade set by hand");
    const reason = typeof grade.reason === "string" ? grade.reason.trim() : "";
    if (reason === "" || reason.length > MAX_CREDIT_REASON) throw bad(`reason must be 1 to ${MAX_CREDIT_REASON} characters`);
    const setBy = typeof grade.setBy === "string" ? grade.setBy.trim() : "";
    if (setBy === "" || setBy.length > MAX_SET_BY) throw bad(`setBy must be 1 to ${MAX_SET_BY} characters`);
    const stored = await this.source.write("/v1/credit-grades", { customerId, level: grade.level, list: grade.list, reason, setBy }, key);
    const recorded = parseRecord(creditGradeRecord, stored.record, "billing", `credit grade ${String(stored.record.gradeId ?? "?")}`);
    const owner = z.string().safeParse(stored.record.customerId).data ?? null;
    if (owner !== customerId || recorded.level !== grade.level || recorded.list !== grade.list || recorded.reason !== reason || recorded.setBy !== setBy) {
      throw new AdapterError("CONFLICT", "billing", `idempotency key ${key} was already used for credit grade ${String(stored.record.gradeId)} of customer ${owner ?? "?"}`);
    }
    return { record: { ...recorded, customerId }, replayed: stored.replayed };
  }
}
