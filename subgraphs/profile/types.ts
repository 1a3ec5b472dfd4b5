import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { COMPLAINT_TYPES } from "../../adapters/business-hall/port.js";
import type * as hall from "../../adapters/business-hall/port.js";
import type { AdapterError } from "../../adapters/errors.js";
import { graphqlEnum } from "../kit/enums.js";
import { maskAddress, personal } from "../kit/mask.js";
import { DateTime, LocalDate } from "../kit/scalars.js";
import { SnapshotAsOf } from "./snapshot-types.js";

export const CustomerKind = graphqlEnum("CustomerKind", ["RESIDENTIAL", "BUSINESS", "INDIVIDUAL_KEY_ACCOUNT", "ENTERPRISE_KEY_ACCOUNT"] satisfies hall.CustomerKind[], "Residential (住宅), business unit (单位), individual or enterprise key account (大客户), from the business hall (CustType 01–04).");
const Gender = graphqlEnum("Gender", ["MALE", "FEMALE"] satisfies hall.Gender[], "A person's gender as the business hall records it (Gender M, F).");
export const Education = graphqlEnum("Education", ["PRIMARY", "JUNIOR_SECONDARY", "SENIOR_SECONDARY", "UNDERGRADUATE", "POSTGRADUATE"] satisfies hall.Education[], "Education as the business hall records it (Education 1–5).");
const CustomerCategory = graphqlEnum("CustomerCategory", ["ORDINARY", "APARTMENT", "VILLA"] satisfies hall.CustomerCategory[], "The detailed category (ordinary / apartment / villa), from the business hall (DetailType 01–03).");
const IdDocumentKind = graphqlEnum("IdDocumentKind", ["ID_CARD", "BUSINESS_LICENCE"] satisfies hall.IdDocumentKind[], "The identity document registered, from the business hall (CertType 1 ID card, 2 business licence).");
export const ProductCode = graphqlEnum("ProductCode", ["FIXED_LINE", "MOBILE", "BROADBAND", "LEASED_LINE"] satisfies hall.ProductCode[], "The kind of service, from the business hall (ProductCode GH, YD, KD, ZX).");
const SubscriptionStatus = graphqlEnum("SubscriptionStatus", ["ACTIVE", "SINGLE_BARRED", "DOUBLE_BARRED", "REMOVED"] satisfies hall.SubscriptionStatus[], "A service's state in the business hall (Status 1 active, 2 single barring 单停, 3 double barring 双停, 4 removed 拆机).");
export const ComplaintType = graphqlEnum("ComplaintType", COMPLAINT_TYPES, "What a complaint is about, from the business hall (ComplaintType 01–05).");
const ComplaintStatus = graphqlEnum("ComplaintStatus", ["ACCEPTED", "IN_PROGRESS", "CLOSED"] satisfies hall.ComplaintStatus[], "Where a complaint stands in the business hall (Status 0 accepted, 1 in progress, 2 closed).");

// Object types here take simpleResolvers: their fields are plain properties with no middleware, so
// graphql-js reads them itself instead of calling one type-graphql wrapper per field, and a BI page of
// 1,000 customers has some 25,000 fields. Fields with a @FieldResolver keep theirs.
@ObjectType({ simpleResolvers: true, description: "The customer's local network, from the business hall (RegionCode, RegionName): province (2 digits) + local network (2 digits)." })
export class Region {
  @Field(() => String, { description: "Province + local network, 4 digits, e.g. 3201 (RegionCode)." }) code!: string;
  @Field(() => String, { description: "The local network's name (RegionName)." }) name!: string;
}

@ObjectType({ simpleResolvers: true, description: "The customer's industry, from the business hall (IndustryCode, IndustryName)." })
export class Industry {
  @Field(() => String, { description: "The hall's industry code (IndustryCode)." }) code!: string;
  @Field(() => String, { description: "The industry's name (IndustryName)." }) name!: string;
}

@ObjectType({ simpleResolvers: true, description: "A contact person of a customer, from the business hall (QueryContactList)." })
export class Contact {
  @Field(() => ID, { description: "The hall's contact id (ContactId)." }) contactId!: string;
  @Field(() => String, { description: "The contact's name (ContactName)." }) name!: string;
  @Field(() => String, { description: "The contact's position at the customer (Position)." }) position!: string;
  @Field(() => String, { description: "Personal data: masked without the PII right." }) phone!: string;
}

@ObjectType({ simpleResolvers: true, description: "A complaint the customer made, from the business hall (QueryComplaintList)." })
export class Complaint {
  @Field(() => String, { description: "The hall's complaint number (ComplaintNo)." }) complaintNo!: string;
  @Field(() => String, { nullable: true, description: "The service complained about (ServNo); null for a complaint about the customer as a whole." }) serviceNo!: string | null;
  @Field(() => ComplaintType, { description: "From the business hall (ComplaintType)." }) type!: hall.ComplaintType;
  @Field(() => String, { description: "What the customer said (Content)." }) content!: string;
  @Field(() => DateTime, { description: "When the hall accepted it (AcceptTime)." }) acceptedAt!: string;
  @Field(() => ComplaintStatus, { description: "From the business hall (Status)." }) status!: hall.ComplaintStatus;
}

/** A customer as the business hall (the master of customers) knows them; other subgraphs add to it. */
@ObjectType({ simpleResolvers: true, description: "A person or organisation (客户): residential, business unit, or key account. The business hall (QueryCustInfo) is its master; billing, network management, the key-account system and insights add fields." })
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID, { description: "The business hall's customer number, 12 digits." }) id!: string;
  @Field(() => String, { description: "The customer's name, from the business hall (CustName)." }) name!: string;
  @Field(() => CustomerKind, { description: "From the business hall (CustType)." }) kind!: hall.CustomerKind;
  @Field(() => Gender, { nullable: true, description: "From the business hall (Gender); null for units and when not recorded." }) gender!: hall.Gender | null;
  @Field(() => Int, { nullable: true, description: "From the business hall (BirthYear); null when not recorded." }) birthYear!: number | null;
  @Field(() => Region, { description: "The local network the customer belongs to, from the business hall (RegionCode, RegionName)." }) region!: Region;
  @Field(() => String, { description: "Personal data: masked without the PII right." }) address!: string;
  @Field(() => String, { description: "Personal data: masked without the PII right." }) phone!: string;
  @Field(() => String, { description: "ID card (persons) or business licence (units) number. Personal data: masked without the PII right." }) idCardNumber!: string;
  @Field(() => IdDocumentKind, { description: "From the business hall (CertType)." }) idDocumentKind!: hall.IdDocumentKind;
  @Field(() => String, { nullable: true, description: "From the business hall (Occupation); null when not recorded." }) occupation!: string | null;
  @Field(() => Industry, { nullable: true, description: "From the business hall (IndustryCode, IndustryName); null when not recorded." }) industry!: Industry | null;
  @Field(() => Education, { nullable: true, description: "From the business hall (Education); null when not recorded." }) education!: hall.Education | null;
  @Field(() => CustomerCategory, { description: "From the business hall (DetailType)." }) category!: hall.CustomerCategory;
  @Field(() => DateTime, { description: "When the hall opened the customer record (CreateTime)." }) createdAt!: string;
}

/**
 * A service instance (用户): a phone line, mobile, broadband or leased line. Named ServiceSubscription in
 * GraphQL because federation reads a type called Subscription as the subscription root type.
 */
@ObjectType("ServiceSubscription", { simpleResolvers: true, description: "A service instance (用户) identified by its service number, from the business hall (QueryUserList); network management adds its line." })
@Directive('@key(fields: "serviceNo")')
export class Subscription {
  @Field(() => String, { description: "The service (access) number the customer knows, e.g. the phone number (ServNo)." }) serviceNo!: string;
  @Field(() => String, { description: "The tariff package as sold, e.g. 宽带 300M." }) product!: string;
  @Field(() => ProductCode, { description: "From the business hall (ProductCode)." }) productCode!: hall.ProductCode;
  @Field(() => LocalDate, { description: "When the service started (StartDate)." }) startDate!: string;
  @Field(() => SubscriptionStatus, { description: "From the business hall (Status)." }) status!: hall.SubscriptionStatus;
  /** Whose line it is: network management @requires it to scope what it says about the line. */
  @Field(() => ID)
  @Directive("@inaccessible")
  customerId!: string;
}

@ObjectType({ simpleResolvers: true, description: "Where a page of a connection ends (Relay)." })
export class PageInfo {
  @Field(() => Boolean, { description: "Whether another page follows." }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: "The cursor of the page's last edge, for the next page's after; null for an empty page." }) endCursor!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "One customer of a page, with its place in the listing." })
export class CustomerEdge {
  @Field(() => String, { description: "Opaque: the customer's place in the listing, for a page's after." }) cursor!: string;
  /** An error here is raised by GraphQL at the node's own path, so the rest of the page is served. */
  @Field(() => Customer, { nullable: true, description: "Null, with a MALFORMED_RECORD error, when the hall's record of the customer cannot be read." })
  node!: Customer | AdapterError;
}

@ObjectType({ simpleResolvers: true, description: "A page of customers (Relay connection), from the business hall (QueryCustPage) or the judgement snapshot (snapshotAsOf says which)." })
export class CustomerConnection {
  @Field(() => [CustomerEdge], { description: "The page's customers, in the listing's order." }) edges!: CustomerEdge[];
  @Field(() => PageInfo, { description: "Whether another page follows, and where to ask for it." }) pageInfo!: PageInfo;
  @Field(() => SnapshotAsOf, {
    nullable: true,
    description: "The judgement snapshot the page was read from, when the filter or order needs one; null when the business hall served the page live.",
  })
  snapshotAsOf!: SnapshotAsOf | null;
  /** Counts every customer matching; called only by the totalCount field. */
  count!: () => Promise<number>;
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
