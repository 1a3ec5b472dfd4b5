import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import type * as billing from "../../adapters/billing/port.js";
import { graphqlEnum } from "../kit/enums.js";
import { personal } from "../kit/mask.js";
import { LocalDate, SafeInt } from "../kit/scalars.js";

const PaymentMethod = graphqlEnum("PaymentMethod", ["CASH", "BANK_DEBIT", "PREPAID", "AGENT"] satisfies billing.PaymentMethod[]);
const AccountStatus = graphqlEnum("AccountStatus", ["ACTIVE", "CLOSED"] satisfies billing.AccountStatus[]);
const BillState = graphqlEnum("BillState", ["UNPAID", "PARTLY_PAID", "PAID"] satisfies billing.BillState[]);
const BillItemType = graphqlEnum("BillItemType", ["BASIC_FEE", "LOCAL_CALLS", "LONG_DISTANCE", "DATA", "VALUE_ADDED", "DISCOUNT"] satisfies billing.BillItemType[]);
const PaymentChannel = graphqlEnum("PaymentChannel", ["HALL", "BANK", "WEB", "PREPAID_DEDUCTION"] satisfies billing.PaymentChannel[]);
const DunningMethod = graphqlEnum("DunningMethod", ["AUTOMATIC", "MANUAL"] satisfies billing.DunningMethod[]);
const DunningResult = graphqlEnum("DunningResult", ["REACHED", "FAILED"] satisfies billing.DunningResult[]);

@ObjectType()
export class BankDebit {
  @Field(() => String) id!: string;
  @Field(() => String, { description: "The bank account number. Personal data: masked without the PII right." }) account!: string;
}

@ObjectType()
export class BillItem {
  @Field(() => BillItemType) type!: billing.BillItemType;
  @Field(() => String) serviceNo!: string;
  @Field(() => SafeInt, { description: "Negative for discounts." }) amountFen!: number;
}

@ObjectType({ description: "One month's bill of an account." })
export class Bill {
  @Field(() => String) billNo!: string;
  @Field(() => String, { description: "The billing cycle, YYYY-MM." }) month!: string;
  @Field(() => SafeInt) amountFen!: number;
  @Field(() => SafeInt) paidFen!: number;
  @Field(() => LocalDate) dueDate!: string;
  @Field(() => BillState) state!: billing.BillState;
}

@ObjectType()
export class Payment {
  @Field(() => String) paymentId!: string;
  @Field(() => String, { nullable: true }) billNo!: string | null;
  @Field(() => SafeInt) amountFen!: number;
  @Field(() => LocalDate) paidOn!: string;
  @Field(() => PaymentChannel) channel!: billing.PaymentChannel;
}

@ObjectType({ description: "One attempt to collect a month's unpaid bill." })
export class DunningAction {
  @Field(() => String) month!: string;
  @Field(() => DunningMethod) method!: billing.DunningMethod;
  @Field(() => Int) attempt!: number;
  @Field(() => LocalDate) date!: string;
  @Field(() => DunningResult) result!: billing.DunningResult;
}

/** The customer as billing references it; the profile subgraph owns the rest. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: "A billing account (帐户)." })
@Directive('@key(fields: "accountNo")')
export class Account {
  @Field(() => ID) accountNo!: string;
  @Field(() => String) name!: string;
  @Field(() => PaymentMethod) paymentMethod!: billing.PaymentMethod;
  @Field(() => BankDebit, { nullable: true, description: "Set when the account is paid by bank debit." }) bank!: BankDebit | null;
  @Field(() => SafeInt) creditLimitFen!: number;
  @Field(() => SafeInt) balanceFen!: number;
  @Field(() => AccountStatus) status!: billing.AccountStatus;
  @Field(() => LocalDate) openedOn!: string;
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
