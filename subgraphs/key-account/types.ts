import { Directive, Field, ID, ObjectType } from "type-graphql";
import type * as ka from "../../adapters/key-account/port.js";
import { graphqlEnum } from "../kit/enums.js";
import { personal } from "../kit/mask.js";
import { LocalDate, SafeInt } from "../kit/scalars.js";

const KeyAccountType = graphqlEnum("KeyAccountType", ["INDIVIDUAL", "ENTERPRISE"] satisfies ka.KeyAccountType[]);
const KeyAccountLevel = graphqlEnum("KeyAccountLevel", ["NATIONAL", "PROVINCIAL", "MUNICIPAL"] satisfies ka.KeyAccountLevel[], "全国级 / 省级 / 地市级");
const Relationship = graphqlEnum("Relationship", ["BUY_OUT", "COOPERATIVE"] satisfies ka.Relationship[], "买断型 / 合作双赢型");
const ContractStatus = graphqlEnum("ContractStatus", ["ACTIVE", "EXPIRED", "TERMINATED"] satisfies ka.ContractStatus[]);
const VisitMethod = graphqlEnum("VisitMethod", ["ON_SITE", "PHONE", "MEETING"] satisfies ka.VisitMethod[]);

@ObjectType()
export class Contract {
  @Field(() => String) contractNo!: string;
  @Field(() => String) title!: string;
  @Field(() => LocalDate) signedOn!: string;
  @Field(() => LocalDate) expiresOn!: string;
  @Field(() => SafeInt) amountFen!: number;
  @Field(() => ContractStatus) status!: ka.ContractStatus;
}

@ObjectType()
export class Visit {
  @Field(() => String) visitId!: string;
  @Field(() => LocalDate) date!: string;
  @Field(() => VisitMethod) method!: ka.VisitMethod;
  @Field(() => String) notes!: string;
  managerId!: string;
}

@ObjectType({ description: "An account manager (客户经理), responsible for a portfolio of key accounts." })
@Directive('@key(fields: "id")')
export class KeyAccountManager {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: "Personal data: masked without the PII right." }) phone!: string;
  @Field(() => String, { description: "The local network the manager works in." }) regionCode!: string;
  @Field(() => Boolean) active!: boolean;
}

/** The customer as the key-account system references it. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: "A key account (大客户) as the key-account system records it." })
export class KeyAccount {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => KeyAccountType) type!: ka.KeyAccountType;
  @Field(() => KeyAccountLevel) level!: ka.KeyAccountLevel;
  @Field(() => Relationship) relationship!: ka.Relationship;
  @Field(() => LocalDate) recognisedOn!: string;
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
  @Field(() => String) subject!: string;
  @Field(() => [String]) roles!: string[];
  @Field(() => String, { description: "HQ, a province (2 digits) or a local network (4 digits)." }) region!: string;
  @Field(() => Boolean, { description: "Whether personal data is shown unmasked." }) pii!: boolean;
  managerId!: string | null;
}
