import { z } from "zod";
import { ACCOUNT_NO, SERVICE_NO, productOfServiceNo } from "../kit/canonical-ids.js";
import { integer, isCalendarDate } from "../kit/values.js";
import { BILL_NO } from "./ids.js";
import { PLACE_KINDS } from "./place-rows.js";
import type {
  Account,
  AccountService,
  Bill,
  BillItem,
  DunningAction,
  ManualCreditGrade,
  Payment,
  PaymentPlace,
  ServiceBilling,
  Settlement,
  Suspension,
} from "./port.js";
import { ITEM_GROUP, billContradiction, serviceContradiction } from "./rows.js";

/**
 * Modern billing's records as its REST service sends them (sandbox/modern-billing), checked before they are believed:
 * the same rules the SQL adapter's rows.ts applies to the legacy rows, on the modern spellings (ISO dates, statuses
 * spelled out, money as decimal text or numbers).
 */

const accountNo = z.string().regex(ACCOUNT_NO, "not an account number (88 + 12 digits)");
const serviceNo = z.string().refine((s) => SERVICE_NO.test(s), "not a service number");
const billNo = z.string().regex(BILL_NO, "not a bill number");
const customerId = z.string().regex(/^\d{12}$/, "not a customer id (12 digits)");
const isoDate = z.string().refine(isCalendarDate, "not an ISO calendar date");
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "not a billing cycle YYYY-MM");
const nonNegative = integer.refine((n) => n >= 0, "must not be negative");
const positive = integer.refine((n) => n > 0, "must be positive");
/** A reference the store could not resolve arrives as null. */
const present = <S extends z.ZodType>(schema: S, what: string) =>
  z.union([schema, z.null()]).refine((value) => value !== null, `dangling reference: no ${what}`).transform((value) => value as z.output<S>);

const PRODUCTS = ["FIXED_LINE", "MOBILE", "BROADBAND", "LEASED_LINE"] as const;
const SERVICE_STATUSES = ["ACTIVE", "BARRED", "REMOVED"] as const;
const BARRINGS = ["NONE", "SINGLE", "DOUBLE"] as const;

export const accountRecord = z
  .object({
    accountNo,
    serialNo: z.string().regex(/^\d+$/),
    customerId: present(customerId, "customer"),
    name: z.string().trim().min(1),
    paymentMethod: z.enum(["CASH", "BANK_DEBIT", "PREPAID", "AGENT"]),
    bankId: z.string().trim().nullable(),
    bankAccount: z.string().trim().nullable(),
    creditLimitFen: nonNegative,
    balanceFen: integer,
    status: z.enum(["ACTIVE", "CLOSED"]),
    openedOn: isoDate,
  })
  .superRefine((r, ctx) => {
    // Both bank fields or neither: half a bank mandate cannot be debited.
    if (!r.bankId !== !r.bankAccount) ctx.addIssue({ code: "custom", path: ["bankAccount"], message: "bank id and bank account must be both set or both empty" });
  })
  .transform(
    (r): Account => ({
      accountNo: r.accountNo,
      serialNo: r.serialNo,
      customerId: r.customerId,
      name: r.name,
      paymentMethod: r.paymentMethod,
      bank: r.bankId && r.bankAccount ? { id: r.bankId, account: r.bankAccount } : null,
      creditLimitFen: r.creditLimitFen,
      balanceFen: r.balanceFen,
      status: r.status,
      openedOn: r.openedOn,
    }),
  );

export const billRecord = z
  .object({
    billNo,
    accountNo,
    month,
    amountFen: nonNegative,
    dueDate: isoDate,
    status: z.enum(["UNPAID", "PARTLY_PAID", "PAID"]),
    /** What is still owed on the bill; null when nothing is. */
    owedFen: integer.nullable(),
  })
  .transform((r, ctx): Bill => {
    const owed = r.owedFen ?? 0;
    const problem = billContradiction(r.amountFen, owed, r.status);
    if (problem) ctx.addIssue({ code: "custom", path: ["status"], message: problem });
    return { billNo: r.billNo, accountNo: r.accountNo, month: r.month, amountFen: r.amountFen, paidFen: r.amountFen - owed, dueDate: r.dueDate, state: r.status };
  });

export const billItemRecord = z
  .object({
    billNo,
    type: z.enum(["BASIC_FEE", "LOCAL_CALLS", "LONG_DISTANCE", "DATA", "VALUE_ADDED", "DISCOUNT"]),
    serviceNo: present(serviceNo, "service"),
    amountFen: integer,
    /** Whether the item names an offer; `offerCode` is null when the offer it names is not in the catalogue. */
    fromOffer: z.boolean(),
    offerCode: z.string().trim().nullable(),
  })
  .superRefine((r, ctx) => {
    if (!r.fromOffer) return;
    if (r.offerCode === null) ctx.addIssue({ code: "custom", path: ["offerCode"], message: "dangling reference: no offer" });
    if (r.type !== "DISCOUNT") ctx.addIssue({ code: "custom", path: ["offerCode"], message: `an offer on a ${r.type} item` });
  })
  .transform((r): BillItem => ({ billNo: r.billNo, type: r.type, serviceNo: r.serviceNo, amountFen: r.amountFen, offerCode: r.fromOffer ? r.offerCode : null }));

const placeRecord = z.object({
  code: z.string().trim(),
  name: z.string().trim().min(1),
  kind: z.enum(["BUSINESS_HALL", "AGENT_POINT", "BANK_BRANCH"]),
  localNetwork: z.string().regex(/^\d{4}$/, "not a local network (4 digits)"),
  bankId: z.string().trim().nullable(),
});

export const paymentRecord = z
  .object({
    paymentId: z.string().regex(/^\d+$/),
    accountNo,
    billNo: billNo.nullable(),
    amountFen: positive,
    paidOn: isoDate,
    channel: z.enum(["HALL", "BANK", "WEB", "PREPAID_DEDUCTION"]),
    placeCode: z.string().nullable(),
    place: placeRecord.nullable(),
  })
  .transform((r, ctx): Payment => {
    let place: PaymentPlace | null = null;
    if (r.placeCode !== null) {
      if (r.place === null) ctx.addIssue({ code: "custom", path: ["placeCode"], message: `dangling reference: no collection point ${JSON.stringify(r.placeCode)}` });
      else {
        if (!PLACE_KINDS[r.channel].includes(r.place.kind)) {
          ctx.addIssue({ code: "custom", path: ["placeCode"], message: `a point of kind ${r.place.kind} for a payment by channel ${r.channel}` });
        }
        const bank = r.place.bankId ?? "";
        if ((r.place.kind === "BANK_BRANCH") !== (bank !== "")) {
          ctx.addIssue({ code: "custom", path: ["place", "bankId"], message: `a point of kind ${r.place.kind} ${bank === "" ? "without" : "with"} a bank` });
        }
        place = { ...r.place, bankId: bank === "" ? null : bank };
      }
    }
    return { paymentId: r.paymentId, accountNo: r.accountNo, billNo: r.billNo, amountFen: r.amountFen, paidOn: r.paidOn, channel: r.channel, place };
  });

/** Money the service applied to a bill; a settlement of nothing, or a negative one, would hide a reversal. */
export const billSettlementRecord = z.object({ on: isoDate, amountFen: positive }).transform((r): Settlement => ({ on: r.on, amountFen: r.amountFen }));

/** A settlement with its bill and what the bill says was paid (null when there is no such bill), to check them together. */
export const settlementRecord = z
  .object({ billNo, on: isoDate, amountFen: positive, billPaidFen: integer.nullable() })
  .transform((r): Settlement & { billPaidFen: number | null } => ({ on: r.on, amountFen: r.amountFen, billPaidFen: r.billPaidFen }));

export const dunningRecord = z
  .object({
    accountNo,
    month,
    method: z.enum(["AUTOMATIC", "MANUAL"]),
    attempt: integer.refine((n) => n >= 1, "must be 1 or more"),
    date: isoDate,
    result: z.enum(["REACHED", "FAILED"]),
  })
  .transform((r): DunningAction => ({ accountNo: r.accountNo, month: r.month, method: r.method, attempt: r.attempt, date: r.date, result: r.result }));

const serviceFields = {
  product: z.enum(PRODUCTS),
  status: z.enum(SERVICE_STATUSES),
  barring: z.enum(BARRINGS),
  startedOn: isoDate,
};

/** The product a number's shape says, and a status its barring allows: as rows.ts checks them. */
function checkService(r: { serviceNo: string; product: ServiceBilling["product"]; status: ServiceBilling["status"]; barring: ServiceBilling["barring"] }, ctx: z.RefinementCtx) {
  const shape = productOfServiceNo(r.serviceNo);
  if (shape !== r.product) ctx.addIssue({ code: "custom", path: ["product"], message: `product ${r.product} but the number is a ${shape}` });
  const problem = serviceContradiction(r.status, r.barring);
  if (problem) ctx.addIssue({ code: "custom", path: ["barring"], message: problem });
}

export const serviceRecord = z
  .object({
    serviceNo,
    customerId: present(customerId, "customer"),
    ...serviceFields,
    /** Accounts linked in force; a null is a link to an account the store does not hold. */
    accountNos: z.array(accountNo.nullable()),
    unknownLinkStatuses: z.array(z.string()),
  })
  .transform((r, ctx): ServiceBilling => {
    checkService(r, ctx);
    if (r.unknownLinkStatuses.length > 0) ctx.addIssue({ code: "custom", path: ["links", "status"], message: `unknown statuses ${r.unknownLinkStatuses.join(", ")}` });
    if (r.accountNos.includes(null)) ctx.addIssue({ code: "custom", path: ["links", "accountNo"], message: "dangling reference: no account" });
    return {
      serviceNo: r.serviceNo,
      customerId: r.customerId,
      product: r.product,
      status: r.status,
      barring: r.barring,
      startedOn: r.startedOn,
      accountNos: r.accountNos.filter((n): n is string => n !== null),
    };
  });

/** A link of an account to a service, ended ones too (`inForce` tells them apart). */
export const accountServiceRecord = z
  .object({
    accountNo,
    serviceNo: present(serviceNo, "service"),
    itemGroup: z.string().regex(ITEM_GROUP, "not an item group (two digits)"),
    linkStatus: z.enum(["IN_FORCE", "ENDED"]),
    ...serviceFields,
  })
  .transform((r, ctx): AccountService & { inForce: boolean } => {
    checkService(r, ctx);
    return {
      accountNo: r.accountNo,
      serviceNo: r.serviceNo,
      itemGroup: r.itemGroup,
      product: r.product,
      status: r.status,
      barring: r.barring,
      startedOn: r.startedOn,
      inForce: r.linkStatus === "IN_FORCE",
    };
  });

export const suspensionRecord = z
  .object({
    serviceNo,
    reason: z.enum(["ARREARS_SINGLE", "ARREARS_DOUBLE", "ILLEGAL_USE", "FACILITY_DAMAGE"]),
    from: isoDate,
    until: isoDate.nullable(),
  })
  .transform((r, ctx): Suspension => {
    if (r.until !== null && r.until < r.from) ctx.addIssue({ code: "custom", path: ["until"], message: "resumed before it was stopped" });
    return { serviceNo: r.serviceNo, reason: r.reason, from: r.from, until: r.until };
  });

export const creditGradeRecord = z
  .object({
    level: z.enum(["VERY_HIGH", "HIGH", "MEDIUM", "LOW", "VERY_LOW"]).nullable(),
    list: z.enum(["RED", "GREY", "BLACK"]).nullable(),
    reason: z.string().trim().min(1, "must not be blank"),
    setBy: z.string().trim().min(1, "must not be blank"),
    setOn: isoDate,
  })
  .transform((r, ctx): ManualCreditGrade => {
    if (r.level === null && r.list !== null) ctx.addIssue({ code: "custom", path: ["list"], message: `list ${r.list} on a grade that lifts the one set by hand` });
    return { level: r.level, list: r.list, reason: r.reason, setBy: r.setBy, setOn: r.setOn };
  });

/** A list answer's page: the records stay raw, each is read (and may fail) on its own. */
export const pageEnvelope = z.object({ records: z.array(z.record(z.string(), z.unknown())), nextPageToken: z.string().nullable() });

/** A write's answer: the record stored under the key, and whether it was there already. */
export const writtenEnvelope = z.object({ record: z.record(z.string(), z.unknown()), replayed: z.boolean() });

export const errorEnvelope = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

