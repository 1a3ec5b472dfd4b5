import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import type * as billing from "../../adapters/billing/port.js";
import { graphqlEnum } from "../kit/enums.js";
import { personal } from "../kit/mask.js";
import { LocalDate, SafeInt } from "../kit/scalars.js";

const PaymentMethod = graphqlEnum("PaymentMethod", ["CASH", "BANK_DEBIT", "PREPAID", "AGENT"] satisfies billing.PaymentMethod[], "How an account pays, from billing (ACCT.PAY_METHOD: C cash at the hall, B bank debit, P prepaid, A through an agent).");
const AccountStatus = graphqlEnum("AccountStatus", ["ACTIVE", "CLOSED"] satisfies billing.AccountStatus[], "An account's state in billing (ACCT.STATE: A active, X closed).");
const BillState = graphqlEnum("BillState", ["UNPAID", "PARTLY_PAID", "PAID"] satisfies billing.BillState[], "Whether a bill is paid, from billing (BILL.STATE: U, A, P), checked against what ACCT_ITEM_OWE still owes.");
const BillItemType = graphqlEnum("BillItemType", ["BASIC_FEE", "LOCAL_CALLS", "LONG_DISTANCE", "DATA", "VALUE_ADDED", "DISCOUNT"] satisfies billing.BillItemType[], "A bill item's type (帐目), from billing (ACCT_ITEM.ACCT_ITEM_TYPE_ID: BF, LC, LD, DT, VA, DS).");
export const PaymentChannel = graphqlEnum("PaymentChannel", ["HALL", "BANK", "WEB", "PREPAID_DEDUCTION"] satisfies billing.PaymentChannel[], "Where a payment came in, from billing (PAYMENT.PAY_CHANNEL: H hall, B bank, W web, P deducted from a prepaid balance).");
export const DunningMethod = graphqlEnum("DunningMethod", ["AUTOMATIC", "MANUAL"] satisfies billing.DunningMethod[], "How billing tried to collect (DUNNING.DUN_METHOD: A automatic, M manual).");
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
}

@ObjectType({ description: "One attempt to collect a month's unpaid bill, from billing (DUNNING)." })
export class DunningAction {
  @Field(() => String, { description: "The billing cycle dunned, YYYY-MM (DUNNING.BILLING_CYCLE_ID)." }) month!: string;
  @Field(() => DunningMethod, { description: "From billing (DUNNING.DUN_METHOD)." }) method!: billing.DunningMethod;
  @Field(() => Int, { description: "Which attempt for that month, from 1 (DUNNING.ATTEMPT_NO)." }) attempt!: number;
  @Field(() => LocalDate, { description: "When it was made (DUNNING.DUN_DATE)." }) date!: string;
  @Field(() => DunningResult, { description: "From billing (DUNNING.DUN_RESULT)." }) result!: billing.DunningResult;
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
