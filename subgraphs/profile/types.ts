import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { COMPLAINT_TYPES } from "../../adapters/business-hall/port.js";
import type * as hall from "../../adapters/business-hall/port.js";
import type { AdapterError } from "../../adapters/errors.js";
import { graphqlEnum } from "../kit/enums.js";
import { maskAddress, personal } from "../kit/mask.js";
import { DateTime, LocalDate } from "../kit/scalars.js";

const CustomerKind = graphqlEnum("CustomerKind", ["RESIDENTIAL", "BUSINESS", "INDIVIDUAL_KEY_ACCOUNT", "ENTERPRISE_KEY_ACCOUNT"] satisfies hall.CustomerKind[]);
const Gender = graphqlEnum("Gender", ["MALE", "FEMALE"] satisfies hall.Gender[]);
const Education = graphqlEnum("Education", ["PRIMARY", "JUNIOR_SECONDARY", "SENIOR_SECONDARY", "UNDERGRADUATE", "POSTGRADUATE"] satisfies hall.Education[]);
const CustomerCategory = graphqlEnum("CustomerCategory", ["ORDINARY", "APARTMENT", "VILLA"] satisfies hall.CustomerCategory[]);
const IdDocumentKind = graphqlEnum("IdDocumentKind", ["ID_CARD", "BUSINESS_LICENCE"] satisfies hall.IdDocumentKind[]);
const ProductCode = graphqlEnum("ProductCode", ["FIXED_LINE", "MOBILE", "BROADBAND", "LEASED_LINE"] satisfies hall.ProductCode[]);
const SubscriptionStatus = graphqlEnum("SubscriptionStatus", ["ACTIVE", "SINGLE_BARRED", "DOUBLE_BARRED", "REMOVED"] satisfies hall.SubscriptionStatus[]);
const ComplaintType = graphqlEnum("ComplaintType", COMPLAINT_TYPES);
const ComplaintStatus = graphqlEnum("ComplaintStatus", ["ACCEPTED", "IN_PROGRESS", "CLOSED"] satisfies hall.ComplaintStatus[]);

@ObjectType({ description: "Province (2 digits) + local network (2 digits)." })
export class Region {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType()
export class Industry {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType()
export class Contact {
  @Field(() => ID) contactId!: string;
  @Field(() => String) name!: string;
  @Field(() => String) position!: string;
  @Field(() => String, { description: "Personal data: masked without the PII right." }) phone!: string;
}

@ObjectType()
export class Complaint {
  @Field(() => String) complaintNo!: string;
  @Field(() => String, { nullable: true }) serviceNo!: string | null;
  @Field(() => ComplaintType) type!: hall.ComplaintType;
  @Field(() => String) content!: string;
  @Field(() => DateTime) acceptedAt!: string;
  @Field(() => ComplaintStatus) status!: hall.ComplaintStatus;
}

/** A customer as the business hall (the master of customers) knows them; other subgraphs add to it. */
@ObjectType({ description: "A person or organisation: residential, business unit, or key account." })
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID, { description: "The business hall's customer number, 12 digits." }) id!: string;
  @Field(() => String) name!: string;
  @Field(() => CustomerKind) kind!: hall.CustomerKind;
  @Field(() => Gender, { nullable: true }) gender!: hall.Gender | null;
  @Field(() => Int, { nullable: true }) birthYear!: number | null;
  @Field(() => Region) region!: Region;
  @Field(() => String, { description: "Personal data: masked without the PII right." }) address!: string;
  @Field(() => String, { description: "Personal data: masked without the PII right." }) phone!: string;
  @Field(() => String, { description: "ID card (persons) or business licence (units) number. Personal data: masked without the PII right." }) idCardNumber!: string;
  @Field(() => IdDocumentKind) idDocumentKind!: hall.IdDocumentKind;
  @Field(() => String, { nullable: true }) occupation!: string | null;
  @Field(() => Industry, { nullable: true }) industry!: Industry | null;
  @Field(() => Education, { nullable: true }) education!: hall.Education | null;
  @Field(() => CustomerCategory) category!: hall.CustomerCategory;
  @Field(() => DateTime) createdAt!: string;
}

/**
 * A service instance (用户): a phone line, mobile, broadband or leased line. Named ServiceSubscription in
 * GraphQL because federation reads a type called Subscription as the subscription root type.
 */
@ObjectType("ServiceSubscription", { description: "A service instance (用户) identified by its service number." })
@Directive('@key(fields: "serviceNo")')
export class Subscription {
  @Field(() => String) serviceNo!: string;
  @Field(() => String, { description: "The tariff package as sold, e.g. 宽带 300M." }) product!: string;
  @Field(() => ProductCode) productCode!: hall.ProductCode;
  @Field(() => LocalDate) startDate!: string;
  @Field(() => SubscriptionStatus) status!: hall.SubscriptionStatus;
  /** Whose line it is: network management @requires it to scope what it says about the line. */
  @Field(() => ID)
  @Directive("@inaccessible")
  customerId!: string;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType()
export class CustomerEdge {
  @Field(() => String) cursor!: string;
  /** An error here is raised by GraphQL at the node's own path, so the rest of the page is served. */
  @Field(() => Customer, { nullable: true, description: "Null, with a MALFORMED_RECORD error, when the hall's record of the customer cannot be read." })
  node!: Customer | AdapterError;
}

@ObjectType()
export class CustomerConnection {
  @Field(() => [CustomerEdge]) edges!: CustomerEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: "All customers matching, not only this page." }) totalCount!: number;
}

/** The customer as this caller may see it: personal data masked unless the caller has the PII right. */
export function toCustomer(c: hall.Customer, pii: boolean): Customer {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    gender: c.gender,
    birthYear: c.birthYear,
    region: c.region,
    address: personal(c.address, pii, maskAddress),
    phone: personal(c.phone, pii),
    idCardNumber: personal(c.idDocument.number, pii),
    idDocumentKind: c.idDocument.kind,
    occupation: c.occupation,
    industry: c.industry,
    education: c.education,
    category: c.category,
    createdAt: c.createdAt,
  };
}

export function toSubscription(s: hall.Subscription): Subscription {
  return { serviceNo: s.serviceNo, product: s.product.name, productCode: s.product.code, startDate: s.startDate, status: s.status, customerId: s.customerId };
}

export function toContact(c: hall.Contact, pii: boolean): Contact {
  return { contactId: c.id, name: c.name, position: c.position, phone: personal(c.phone, pii) };
}
