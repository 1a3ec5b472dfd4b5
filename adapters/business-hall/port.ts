import type { OrMalformed } from "../errors.js";
import type { SourceHealth } from "../health.js";
import type { Written } from "../kit/idempotency.js";

/**
 * What the graph needs from the business hall (营业受理, BOSS front office), the master of customers
 * and subscriptions. Ids are canonical: customer id = 12 digits "LLLLNNNNNNNN", service numbers as
 * billing's ACC_NBR. Dates are "YYYY-MM-DD"; timestamps ISO 8601 in the carrier's zone ("…+08:00").
 */

/** The canonical id checks, so subgraphs validate arguments against the port, not the adapters' kit. */
export { CUSTOMER_ID, OFFER_CODE, SERVICE_NO } from "../kit/canonical-ids.js";
/** The check of a write's idempotency key, and what a keyed write answers. */
export { IDEMPOTENCY_KEY, type Written } from "../kit/idempotency.js";

export type CustomerKind = "RESIDENTIAL" | "BUSINESS" | "INDIVIDUAL_KEY_ACCOUNT" | "ENTERPRISE_KEY_ACCOUNT";
export type Gender = "MALE" | "FEMALE";
/** Highest completed level: 大专 and 本科 both count as UNDERGRADUATE. */
export type Education = "PRIMARY" | "JUNIOR_SECONDARY" | "SENIOR_SECONDARY" | "UNDERGRADUATE" | "POSTGRADUATE";
/** The hall's detailed category of a customer's premises. */
export type CustomerCategory = "ORDINARY" | "APARTMENT" | "VILLA";
/** A person shows an ID card (身份证); a unit registers under its business licence (营业执照). */
export type IdDocumentKind = "ID_CARD" | "BUSINESS_LICENCE";

export interface Region {
  /** "LLLL": province (2 digits) + local network (2 digits). */
  code: string;
  name: string;
}

export interface Industry {
  code: string;
  name: string;
}

export interface Customer {
  id: string;
  name: string;
  kind: CustomerKind;
  /** Null for units. */
  gender: Gender | null;
  birthYear: number | null;
  region: Region;
  address: string;
  phone: string;
  /** Personal data: callers decide who may see it. */
  idDocument: { kind: IdDocumentKind; number: string };
  occupation: string | null;
  industry: Industry | null;
  /** Null when the hall never recorded it (always for units). */
  education: Education | null;
  category: CustomerCategory;
  createdAt: string;
}

export type ProductCode = "FIXED_LINE" | "MOBILE" | "BROADBAND" | "LEASED_LINE";
/** Barring: SINGLE_BARRED stops outgoing service (单停), DOUBLE_BARRED both directions (双停). */
export type SubscriptionStatus = "ACTIVE" | "SINGLE_BARRED" | "DOUBLE_BARRED" | "REMOVED";

export interface Subscription {
  serviceNo: string;
  customerId: string;
  /** `name` is the tariff package as sold, e.g. "宽带 300M". */
  product: { code: ProductCode; name: string };
  startDate: string;
  status: SubscriptionStatus;
}

export interface Contact {
  id: string;
  customerId: string;
  name: string;
  position: string;
  phone: string;
}

export const COMPLAINT_TYPES = ["BILLING", "NETWORK_QUALITY", "SERVICE_ATTITUDE", "INSTALLATION", "OTHER"] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];
export type ComplaintStatus = "ACCEPTED" | "IN_PROGRESS" | "CLOSED";

export interface Complaint {
  complaintNo: string;
  customerId: string;
  serviceNo: string | null;
  type: ComplaintType;
  content: string;
  acceptedAt: string;
  status: ComplaintStatus;
}

/**
 * The nine perceived factors of satisfaction, on the survey's scale: FIVE_POINT 1 (very dissatisfied) to 5
 * (very satisfied), the hall's older surveys; HUNDRED_POINT 0 to 100, the call centre's regular surveys.
 */
export interface SatisfactionScores {
  image: number;
  attitude: number;
  serviceQuality: number;
  care: number;
  reliability: number;
  timeliness: number;
  security: number;
  qualityForPrice: number;
  priceForQuality: number;
}

export type SurveyScale = "FIVE_POINT" | "HUNDRED_POINT";

export interface SurveyAnswer {
  id: string;
  customerId: string;
  surveyDate: string;
  scale: SurveyScale;
  scores: SatisfactionScores;
  /** The customer also uses a competitor's service. */
  usesOtherCarrier: boolean;
}

export const WORK_ORDER_TYPES = ["INSTALLATION", "REMOVAL", "MOVE", "TRANSFER"] as const;
/** What a work order (工单) does to a line: installation 装机, removal 拆机, move 移机, transfer of ownership 过户. */
export type WorkOrderType = (typeof WORK_ORDER_TYPES)[number];
export const WORK_ORDER_STATUSES = ["ACCEPTED", "DISPATCHED", "COMPLETED", "CANCELLED"] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
/** Why a line was removed, as the hall records it on the removal order. */
export const REMOVAL_REASONS = ["MOVED_AWAY", "PRICE", "QUALITY", "COMPETITOR", "ARREARS", "DECEASED_OR_CLOSED", "OTHER"] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];
/** The carrier a removed line went to, when the reason is COMPETITOR. */
export const COMPETITORS = ["CHINA_MOBILE", "CHINA_UNICOM", "CHINA_BROADNET", "OTHER"] as const;
export type Competitor = (typeof COMPETITORS)[number];

export interface WorkOrder {
  orderNo: string;
  /** Whose order it is: for a transfer, the customer who took the line over. */
  customerId: string;
  serviceNo: string;
  type: WorkOrderType;
  acceptedAt: string;
  /** The day the order was carried out (竣工); null unless COMPLETED. */
  completedOn: string | null;
  status: WorkOrderStatus;
  /** On removals; null on other orders, and on a removal the hall recorded no reason for. */
  removalReason: RemovalReason | null;
  /** With removal reason COMPETITOR, when the hall recorded where the line went. */
  competitor: Competitor | null;
  /** On transfers: the customer who gave the line up (its record may be archived, unknown to the hall's lists). */
  previousCustomerId: string | null;
}

/**
 * An offer of billing's catalogue chosen for one of the customer's lines at the counter (用户优惠, the hall's record of
 * it on the acceptance order). Billing applies it and knows its terms; the hall knows who took it, on which line, when.
 */
export interface CustomerOffer {
  /** The hall's own number of this offer taken (OfferInstId). */
  id: string;
  customerId: string;
  serviceNo: string;
  /** Billing's offer code (OFFER_CODE). */
  offerCode: string;
  /** When it was chosen at the counter. */
  acceptedAt: string;
  /** The first day it applies. */
  startDate: string;
  /** The last day it applies; null when nothing set an end. */
  endDate: string | null;
}

/** Who is counted in a churn count: the caller's scope, decided by the subgraph. */
export interface ChurnScope {
  /** The first digits of the customer numbers counted ("" or null: all). */
  customerIdPrefix: string | null;
  /** Only these customers (a key-account manager's portfolio); null: no such limit. */
  customerIds: readonly string[] | null;
}

export interface ChurnCountRequest {
  /** The period, "YYYY-MM-DD" both included: orders completed and surveys answered within it. */
  from: string;
  to: string;
  scope: ChurnScope;
  /** The customer criteria of listCustomers, and the product of the line (for surveys: of any line the customer holds). */
  filter?: CustomerFilter & { productCode?: ProductCode };
}

export interface ChurnCountGroup {
  type: "REMOVAL" | "MOVE";
  removalReason: RemovalReason | null;
  competitor: Competitor | null;
  /** Lines removed or moved. */
  lines: number;
  /** Distinct customers among them. */
  customers: number;
}

export interface ChurnCount {
  groups: ChurnCountGroup[];
  /** Customers whose survey in the period says they also use another carrier. */
  otherCarrierCustomers: number;
}

/** A survey taken now (the call centre's hundred-point scale): each factor 0–100. */
export interface NewSurvey {
  customerId: string;
  scores: SatisfactionScores;
  usesOtherCarrier: boolean;
  /** Same key, same answers: a retried request never records a second survey. */
  idempotencyKey: string;
}

/** Criteria for browsing customers; every given criterion must hold. */
export interface CustomerFilter {
  /** A local network (4 digits) or a whole province (its 2 digits). */
  regionCode?: string;
  kind?: CustomerKind;
  industryCode?: string;
  education?: Education;
}

export interface CustomerPageRequest {
  /** The last customer id of the previous page; null for the first page. */
  after: string | null;
  /** Page size, 0 to MAX_CUSTOMER_PAGE. */
  first: number;
  filter?: CustomerFilter;
}

export const MAX_CUSTOMER_PAGE = 1000;

export interface CustomerPage {
  /** By customer id, in id order; a customer whose record cannot be read is its error in its place. */
  customers: Map<string, OrMalformed<Customer>>;
  hasNextPage: boolean;
}

export interface NewComplaint {
  customerId: string;
  /** One of the customer's own service numbers, when the complaint is about one line. */
  serviceNo?: string | null;
  type: ComplaintType;
  /** What the customer said, 1–400 characters. */
  content: string;
  /** Same key, same complaint: a retried request never files a second one. */
  idempotencyKey: string;
}

/**
 * Every batch read is one round trip whatever the number of ids. Unknown ids are absent from
 * single-record maps and have empty lists in list maps. An id in no canonical format fails with
 * BAD_USER_INPUT before anything is sent. A record that cannot be read is its id's MALFORMED_RECORD
 * error, the other ids are served (`OrMalformed`, ../errors.ts).
 */
export interface BusinessHallPort {
  getCustomers(customerIds: readonly string[]): Promise<Map<string, OrMalformed<Customer>>>;
  /** One page of customers in id order (keyset paging), one round trip. */
  listCustomers(request: CustomerPageRequest): Promise<CustomerPage>;
  /** How many customers match the filter (all of them without one), counted by the hall from an index; one round trip. */
  countCustomers(filter?: CustomerFilter): Promise<number>;
  /** Service number → the customer who holds it (removed lines included). */
  findCustomerIdsByServiceNumbers(serviceNos: readonly string[]): Promise<Map<string, OrMalformed<string>>>;
  /** ID-card or business-licence number → every customer registered under it. */
  findCustomerIdsByIdDocumentNumbers(documentNumbers: readonly string[]): Promise<Map<string, OrMalformed<string[]>>>;
  getSubscriptionsByCustomer(customerIds: readonly string[]): Promise<Map<string, OrMalformed<Subscription[]>>>;
  getSubscriptions(serviceNos: readonly string[]): Promise<Map<string, OrMalformed<Subscription>>>;
  getContacts(customerIds: readonly string[]): Promise<Map<string, OrMalformed<Contact[]>>>;
  getComplaints(customerIds: readonly string[]): Promise<Map<string, OrMalformed<Complaint[]>>>;
  getSurveyAnswers(customerIds: readonly string[]): Promise<Map<string, OrMalformed<SurveyAnswer[]>>>;
  /** Each customer's work orders, in the order the hall accepted them. */
  getWorkOrders(customerIds: readonly string[]): Promise<Map<string, OrMalformed<WorkOrder[]>>>;
  /** Each customer's offers, in the order they were chosen at the counter. */
  getCustomerOffers(customerIds: readonly string[]): Promise<Map<string, OrMalformed<CustomerOffer[]>>>;
  /**
   * Removals and moves completed in a period, by reason and competitor, and the customers whose surveys then
   * said they use another carrier: counted by the hall over any population, one round trip.
   */
  countChurn(request: ChurnCountRequest): Promise<ChurnCount>;
  /** Files a complaint with the hall; a replay with the same key returns the first complaint. */
  recordComplaint(complaint: NewComplaint): Promise<Written<Complaint>>;
  /** Records a survey's answers with the hall, dated today; a replay with the same key returns the first survey. */
  recordSurvey(survey: NewSurvey): Promise<Written<SurveyAnswer>>;
  /**
   * What the computed judgements need from the hall about each customer, in one round trip: kind,
   * joining date, category, subscriptions, complaints, survey answers and work orders. Unknown customers are absent.
   */
  getProfileFacts(customerIds: readonly string[]): Promise<Map<string, OrMalformed<ProfileFacts>>>;
  /** The system's circuit breaker state, for /readyz; costs no round trip. */
  health(): SourceHealth;
  close(): Promise<void>;
}

/** A customer's profile as the judgements read it (insights subgraph). */
export interface ProfileFacts {
  kind: CustomerKind;
  /** When the customer joined (the hall's record creation time). */
  createdAt: string;
  category: CustomerCategory;
  subscriptions: {
    serviceNo: string;
    productCode: ProductCode;
    status: SubscriptionStatus;
    startDate: string;
  }[];
  complaints: {
    type: ComplaintType;
    acceptedAt: string;
    status: ComplaintStatus;
  }[];
  /** Satisfaction survey answers, newest first; each factor on the survey's scale (SatisfactionScores). */
  surveys: (SatisfactionScores & { surveyDate: string; scale: SurveyScale; usesOtherCarrier: boolean })[];
  /** Work orders in the order the hall accepted them. */
  workOrders: {
    orderNo: string;
    serviceNo: string;
    type: WorkOrderType;
    acceptedAt: string;
    completedOn: string | null;
    status: WorkOrderStatus;
    removalReason: RemovalReason | null;
    competitor: Competitor | null;
  }[];
}

