import { Directive, Field, ID, ObjectType } from "type-graphql";
import type * as ka from "../../adapters/key-account/port.js";
import { graphqlEnum } from "../kit/enums.js";
import { personal } from "../kit/mask.js";
import { LocalDate, SafeInt } from "../kit/scalars.js";

export const KeyAccountType = graphqlEnum("KeyAccountType", ["INDIVIDUAL", "ENTERPRISE"] satisfies ka.KeyAccountType[], "Individual (个人大客户) or enterprise (企业大客户) key account, from the key-account system (DKH_KHXX.KHLX).");
export const KeyAccountLevel = graphqlEnum("KeyAccountLevel", ["NATIONAL", "PROVINCIAL", "MUNICIPAL"] satisfies ka.KeyAccountLevel[], "An enterprise key account's level, 全国级 / 省级 / 地市级, from the key-account system (DKH_KHXX.KHJB).");
export const Relationship = graphqlEnum("Relationship", ["BUY_OUT", "COOPERATIVE"] satisfies ka.Relationship[], "The relationship type, buy-out 买断型 or cooperative 合作双赢型, from the key-account system (DKH_KHXX.GXLX).");
const ContractStatus = graphqlEnum("ContractStatus", ["ACTIVE", "EXPIRED", "TERMINATED"] satisfies ka.ContractStatus[], "A contract's status in the key-account system (DKH_HT.ZT).");
export const VisitMethod = graphqlEnum("VisitMethod", ["ON_SITE", "PHONE", "MEETING"] satisfies ka.VisitMethod[], "How a manager visited the account, from the key-account system (DKH_BFJL.BFFS).");

@ObjectType({ description: "A contract with a key account, from the key-account system (DKH_HT)." })
export class Contract {
  @Field(() => String, { description: "The key-account system's contract number (HTBH)." }) contractNo!: string;
  @Field(() => String, { description: "The contract's title (HTMC)." }) title!: string;
  @Field(() => LocalDate, { description: "When it was signed (QSRQ)." }) signedOn!: string;
  @Field(() => LocalDate, { description: "When it runs out (DQRQ)." }) expiresOn!: string;
  @Field(() => SafeInt, { description: "The contract's value in fen (HTJE)." }) amountFen!: number;
  @Field(() => ContractStatus, { description: "From the key-account system (ZT)." }) status!: ka.ContractStatus;
}

@ObjectType({ description: "A manager's visit to a key account, from the key-account system (DKH_BFJL)." })
export class Visit {
  @Field(() => String, { description: "The key-account system's visit number (BFBH)." }) visitId!: string;
  @Field(() => LocalDate, { description: "When the visit took place (BFRQ)." }) date!: string;
  @Field(() => VisitMethod, { description: "From the key-account system (BFFS)." }) method!: ka.VisitMethod;
  @Field(() => String, { description: "What the manager recorded (BFNR)." }) notes!: string;
  managerId!: string;
}

@ObjectType({ description: "An account manager (客户经理), responsible for a portfolio of key accounts, from the key-account system (DKH_KHJL)." })
@Directive('@key(fields: "id")')
export class KeyAccountManager {
  @Field(() => ID, { description: "The key-account system's manager number (JLBH): JL + local network + 4 digits." }) id!: string;
  @Field(() => String, { description: "The manager's name (XM)." }) name!: string;
  @Field(() => String, { description: "Personal data: masked without the PII right." }) phone!: string;
  @Field(() => String, { description: "The local network the manager works in (SSQY)." }) regionCode!: string;
  @Field(() => Boolean, { description: "False once the manager has left (ZT)." }) active!: boolean;
}

/** The customer as the key-account system references it. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: "A key account (大客户) as the key-account system records it (DKH_KHXX)." })
export class KeyAccount {
  @Field(() => ID, { description: "The key-account system's number (KHBH): DK + 10 digits." }) id!: string;
  @Field(() => String, { description: "The account's name in the key-account system (KHMC)." }) name!: string;
  @Field(() => KeyAccountType, { description: "From the key-account system (KHLX)." }) type!: ka.KeyAccountType;
  @Field(() => KeyAccountLevel, { description: "From the key-account system (KHJB)." }) level!: ka.KeyAccountLevel;
  @Field(() => Relationship, { description: "From the key-account system (GXLX)." }) relationship!: ka.Relationship;
  @Field(() => LocalDate, { description: "When the customer was recognised as a key account (RWRQ)." }) recognisedOn!: string;
  @Field(() => Boolean, { description: "False once the recognition is revoked." }) active!: boolean;
  @Field(() => Customer, { nullable: true, description: "Null when the business hall cannot be read." }) customer!: Customer;
  managerId!: string;
}

export function toKeyAccount(k: ka.KeyAccount): KeyAccount {
  return {
    id: k.id,
    name: k.name,
    type: k.type,
    level: k.level,
    relationship: k.relationship,
    recognisedOn: k.recognisedOn,
    active: k.active,
    customer: { id: k.customerId },
    managerId: k.managerId,
  };
}

/** The manager as this caller may see them: the phone masked unless the caller has the PII right. */
export function toManager(m: ka.AccountManager, pii: boolean): KeyAccountManager {
  return { ...m, phone: personal(m.phone, pii) };
}

@ObjectType({ description: "The caller, as the token the gateway checked says." })
export class Me {
  @Field(() => String, { description: "The token's subject (sub)." }) subject!: string;
  @Field(() => [String], { description: "The token's roles (docs/security.md)." }) roles!: string[];
  @Field(() => String, { description: "HQ, a province (2 digits) or a local network (4 digits)." }) region!: string;
  @Field(() => Boolean, { description: "Whether personal data is shown unmasked." }) pii!: boolean;
  managerId!: string | null;
}
