import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import type * as billing from "../../adapters/billing/port.js";
import { graphqlEnum } from "../kit/enums.js";
import { personal } from "../kit/mask.js";
import { LocalDate, SafeInt } from "../kit/scalars.js";
import { PaymentPlace } from "./payment-place.types.js";

const PaymentMethod = graphqlEnum("PaymentMethod", ["CASH", "BANK_DEBIT", "PREPAID", "AGENT"] satisfies billing.PaymentMethod[], "How an account pays, from billing (ACCT.PAY_METHOD: C cash at the hall, B bank debit, P prepaid, A through an agent).");
const AccountStatus = graphqlEnum("AccountStatus", ["ACTIVE", "CLOSED"] satisfies billing.AccountStatus[], "An account's state in billing (ACCT.STATE: A active, X closed).");
const BillState = graphqlEnum("BillState", ["UNPAID", "PARTLY_PAID", "PAID"] satisfies billing.BillState[], "Whether a bill is paid, from billing (BILL.STATE: U, A, P), checked against what ACCT_ITEM_OWE still owes.");
export const BillItemType = graphqlEnum("BillItemType", ["BASIC_FEE", "LOCAL_CALLS", "LONG_DISTANCE", "DATA", "VALUE_ADDED", "DISCOUNT"] satisfies billing.BillItemType[], "A bill item's type (帐目), from billing (ACCT_ITEM.ACCT_ITEM_TYPE_ID: BF, LC, LD, DT, VA, DS).");
export const PaymentChannel = graphqlEnum("PaymentChannel", ["HALL", "BANK", "WEB", "PREPAID_DEDUCTION"] satisfies billing.PaymentChannel[], "Where a payment came in, from billing (PAYMENT.PAY_CHANNEL: H hall, B bank, W web, P deducted from a prepaid balance).");
export const DunningMethod = graphqlEnum("DunningMethod", ["AUTOMATIC", "MANUAL"] satisfies billing.DunningMethod[], "How billing tried to collect (DUNNING.DUN_METHOD: A automatic, M manual).");
export const BillingProduct = graphqlEnum("BillingProduct", ["FIXED_LINE", "MOBILE", "BROADBAND", "LEASED_LINE"] satisfies billing.Product[], "The kind of service as billing keeps it (SERV.PRODUCT_ID: 10 fixed line, 20 mobile, 30 broadband, 40 leased line).");
const BillingServiceStatus = graphqlEnum("BillingServiceStatus", ["ACTIVE", "BARRED", "REMOVED"] satisfies billing.ServiceStatus[], "A service's state in billing's own copy of it (SERV.STATE: F0A in use, F0T barred, F0X removed).");
const BarringLevel = graphqlEnum("BarringLevel", ["NONE", "SINGLE", "DOUBLE"] satisfies billing.Barring[], "Billing's barring of a service: single barring (单停, outgoing barred) or double barring (双停, both directions); from SERV.STOP_FLAG and SERV_STOP.");
const CreditStainKind = graphqlEnum("CreditStainKind", ["ARREARS_SINGLE", "ARREARS_DOUBLE", "ILLEGAL_USE", "FACILITY_DAMAGE"] satisfies billing.SuspensionReason[], "Why billing stopped a service (SERV_STOP.STOP_TYPE: 1 single barring for arrears, 2 double barring for arrears, 3 illegal use, 4 facility damage): the seed's credit stains (污点行为).");
export const DunningResult = graphqlEnum("DunningResult", ["REACHED", "FAILED"] satisfies billing.DunningResult[], "Whether a dunning attempt reached the customer, from billing (DUNNING.DUN_RESULT: S, F).");

@ObjectType({ description: "The bank mandate an account is debited through, from billing (ACCT.BANK_ID, ACCT.BANK_ACCT)." })
export class BankDebit {
  @Field(() => String, { description: "The bank's id (ACCT.BANK_ID)." }) id!: string;
  @Field(() => String, { description: "The bank account number. Personal data: masked without the PII right." }) account!: string;
}

@ObjectType({ description: "One item of a bill (帐目), from billing (ACCT_ITEM)." })
export class BillItem {
  @Field(() => BillItemType, { description: "From billing (ACCT_ITEM_TYPE_ID)." }) type!: billing.BillItemType;
  @Field(() => String, { description: "The service the item is charged to (SERV.ACC_NBR through ACCT_ITEM.SERV_ID)." }) serviceNo!: string;
  @Field(() => SafeInt, { description: "In fen, from billing (ACCT_ITEM.AMOUNT); negative for discounts." }) amountFen!: number;
}

@ObjectType({ description: "Money of the account that billing's write-off run (销帐) applied to a bill, from billing (WRITE_OFF): when and how much of the bill was recovered." })
export class Settlement {
  @Field(() => LocalDate, { description: "The write-off run's date (WRITE_OFF.WRITE_OFF_DATE)." }) on!: string;
  @Field(() => SafeInt, { description: "The amount applied to the bill, in fen (WRITE_OFF.AMOUNT)." }) amountFen!: number;
}

@ObjectType({ description: "One month's bill of an account, from billing (BILL)." })
export class Bill {
  @Field(() => String, { description: "Billing's bill number (BILL.BILL_ID)." }) billNo!: string;
  @Field(() => String, { description: "The billing cycle, YYYY-MM (BILL.BILLING_CYCLE_ID)." }) month!: string;
  @Field(() => SafeInt, { description: "What the bill charges, in fen (BILL.BILL_AMOUNT)." }) amountFen!: number;
  @Field(() => SafeInt, { description: "What is paid of it, in fen: the amount less what ACCT_ITEM_OWE still owes." }) paidFen!: number;
  @Field(() => LocalDate, { description: "When it falls due (BILL.DUE_DATE)." }) dueDate!: string;
  @Field(() => BillState, { description: "From billing (BILL.STATE)." }) state!: billing.BillState;
}

@ObjectType({ description: "Money received on an account, from billing (PAYMENT)." })
export class Payment {
  @Field(() => String, { description: "Billing's payment id (PAYMENT.PAYMENT_ID)." }) paymentId!: string;
  @Field(() => String, { nullable: true, description: "The bill it was allocated to (PAYMENT.BILL_ID); null for a payment on the account." }) billNo!: string | null;
  @Field(() => SafeInt, { description: "In fen (PAYMENT.AMOUNT)." }) amountFen!: number;
  @Field(() => LocalDate, { description: "When it was paid (PAYMENT.PAY_DATE)." }) paidOn!: string;
  @Field(() => PaymentChannel, { description: "From billing (PAYMENT.PAY_CHANNEL)." }) channel!: billing.PaymentChannel;
  @Field(() => PaymentPlace, {
    nullable: true,
    description: "Where it was paid (交费地点): the business hall, agent point or bank branch that took it, from billing's collection points (PAYMENT.SITE_ID, COLLECT_SITE); null for web payments, prepaid deductions and payments billing recorded no place for.",
  })
  place!: billing.PaymentPlace | null;
}

@ObjectType({ description: "One attempt to collect a month's unpaid bill, from billing (DUNNING)." })
export class DunningAction {
  @Field(() => String, { description: "The billing cycle dunned, YYYY-MM (DUNNING.BILLING_CYCLE_ID)." }) month!: string;
  @Field(() => DunningMethod, { description: "From billing (DUNNING.DUN_METHOD)." }) method!: billing.DunningMethod;
  @Field(() => Int, { description: "Which attempt for that month, from 1 (DUNNING.ATTEMPT_NO)." }) attempt!: number;
  @Field(() => LocalDate, { description: "When it was made (DUNNING.DUN_DATE)." }) date!: string;
  @Field(() => DunningResult, { description: "From billing (DUNNING.DUN_RESULT)." }) result!: billing.DunningResult;
}

/** The hall's line, referenced by its number; the profile subgraph (and network management) resolve it. */
@ObjectType("ServiceSubscription")
@Directive('@key(fields: "serviceNo", resolvable: false)')
export class SubscriptionRef {
  @Field(() => String) serviceNo!: string;
}

@ObjectType({ description: "A service an account pays for, from billing's account–service link (SERV_ACCT, links in force) and its own copy of the service (SERV)." })
export class AccountService {
  @Field(() => String, { description: "The service number (SERV.ACC_NBR)." }) serviceNo!: string;
  @Field(() => String, { description: "The item group (帐目组) the account pays for (SERV_ACCT.ITEM_GROUP): 00 all the service's items; another code when the service's items are split over accounts." }) itemGroup!: string;
  @Field(() => Boolean, { description: "True when this account pays for all the service's items (item group 00), false when it pays for one group of a split service." }) wholeService!: boolean;
  @Field(() => BillingProduct, { description: "From billing (SERV.PRODUCT_ID)." }) product!: billing.Product;
  @Field(() => BillingServiceStatus, { description: "From billing (SERV.STATE)." }) status!: billing.ServiceStatus;
  @Field(() => BarringLevel, { description: "From billing (SERV.STOP_FLAG)." }) barring!: billing.Barring;
  @Field(() => LocalDate, { description: "When billing started charging for it (SERV.COMPLETED_DATE)." }) startedOn!: string;
  @Field(() => SubscriptionRef, { nullable: true, description: "The business hall's line of the same number (its product as sold, status, holder, network line); null when the hall cannot be read or has no such line." })
  subscription!: SubscriptionRef;
}

@ObjectType({ description: "A stop of one of the customer's services, from billing (SERV_STOP): the seed's credit stains (barring for arrears, illegal use, damage to facilities)." })
export class CreditStain {
  @Field(() => String, { description: "The service stopped (SERV.ACC_NBR)." }) serviceNo!: string;
  @Field(() => CreditStainKind, { description: "Why it was stopped (SERV_STOP.STOP_TYPE)." }) kind!: billing.SuspensionReason;
  @Field(() => LocalDate, { description: "When it was stopped (SERV_STOP.STOP_DATE)." }) from!: string;
  @Field(() => LocalDate, { nullable: true, description: "When it was resumed (SERV_STOP.RESUME_DATE); null while still stopped." }) until!: string | null;
  @Field(() => SubscriptionRef, { nullable: true, description: "The business hall's line of the same number; null when the hall cannot be read." }) subscription!: SubscriptionRef;
}

/** The customer as billing references it; the profile subgraph owns the rest. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: "A billing account (帐户), from billing (ACCT)." })
@Directive('@key(fields: "accountNo")')
export class Account {
  @Field(() => ID, { description: "Billing's account number (ACCT.ACCT_NBR): 88 + 12 digits." }) accountNo!: string;
  @Field(() => String, { description: "The account's serial number (账户序列号): billing's own internal key of the account (ACCT.ACCT_ID), as decimal text so that it stays exact beyond 2^53." }) serialNo!: string;
  @Field(() => String, { description: "The account's name (ACCT.ACCT_NAME)." }) name!: string;
  @Field(() => PaymentMethod, { description: "From billing (ACCT.PAY_METHOD)." }) paymentMethod!: billing.PaymentMethod;
  @Field(() => BankDebit, { nullable: true, description: "Set when the account is paid by bank debit." }) bank!: BankDebit | null;
  @Field(() => SafeInt, { description: "The credit limit, in fen (ACCT.CREDIT_LIMIT)." }) creditLimitFen!: number;
  @Field(() => SafeInt, { description: "The balance, in fen (ACCT.BALANCE); a prepaid account's credit left." }) balanceFen!: number;
  @Field(() => AccountStatus, { description: "From billing (ACCT.STATE)." }) status!: billing.AccountStatus;
  @Field(() => LocalDate, { description: "When the account was opened (ACCT.CREATED_DATE)." }) openedOn!: string;
  @Field(() => Customer, { nullable: true, description: "Null when the business hall cannot be read." }) customer!: Customer;
}

/** The account as this caller may see it: the bank account number masked unless the caller has the PII right. */
export function toAccount(a: billing.Account, pii: boolean): Account {
  return {
    accountNo: a.accountNo,
    serialNo: a.serialNo,
    name: a.name,
    paymentMethod: a.paymentMethod,
    bank: a.bank && { id: a.bank.id, account: personal(a.bank.account, pii) },
    creditLimitFen: a.creditLimitFen,
    balanceFen: a.balanceFen,
    status: a.status,
    openedOn: a.openedOn,
    customer: { id: a.customerId },
  };
}

export function toAccountService(s: billing.AccountService): AccountService {
  return {
    serviceNo: s.serviceNo,
    itemGroup: s.itemGroup,
    wholeService: s.itemGroup === "00",
    product: s.product,
    status: s.status,
    barring: s.barring,
    startedOn: s.startedOn,
    subscription: { serviceNo: s.serviceNo },
  };
}
