import type { SourceHealth } from "../health.js";
import { isAdapterError } from "../kit/errors.js";
import { byKey, groupBy, type Found } from "../kit/group.js";
import { HttpSource, type HttpReply } from "../kit/http.js";
import { checkIdempotencyKey, type Written } from "../kit/idempotency.js";
import { rawField, type OrMalformed } from "../kit/parse.js";
import type { SystemPolicyConfig } from "../kit/policies/config.js";
import type { CallOptions } from "../kit/policies/policy.js";
import type { RoundTripCounter } from "../kit/round-trips.js";
import { isCalendarDate } from "../kit/values.js";
import { SERVICE_PATH, element, readAnswer, readList, soapAction, soapRequest } from "./envelope.js";
import { badInput, checkCustomerIds, checkDocumentNos, checkRegionFilter, checkServiceNos } from "./ids.js";
import {
  CUSTOMER_ID,
  MAX_CUSTOMER_PAGE,
  type BusinessHallPort,
  type Complaint,
  type Contact,
  type Customer,
  type CustomerFilter,
  type CustomerOffer,
  type CustomerPage,
  type CustomerPageRequest,
  type ChurnCount,
  type ChurnCountRequest,
  type NewComplaint,
  type NewSurvey,
  type ProfileFacts,
  type SatisfactionScores,
  type Subscription,
  type SurveyAnswer,
  type WorkOrder,
} from "./port.js";
import {
  COMPLAINT_TYPE_CODES,
  EDUCATION_CODES,
  KIND_CODES,
  PRODUCTS,
  parseCustomerCount,
  parseCustomerPage,
  parseFiledComplaint,
  readComplaint,
  readContact,
  readCustomer,
  readCustomerFacts,
  readDocumentOwner,
  readServiceOwner,
  readSubscription,
  readSurvey,
} from "./records.js";
import { parseChurnCount, parseRecordedSurvey, readWorkOrder } from "./work-order-records.js";
import { readCustomerOffer } from "./offer-records.js";

export interface BusinessHallSoapAdapterOptions {
  /** Where the hall's CustService runs, e.g. http://127.0.0.1:8080 (the service path is added). */
  baseUrl: string;
  counter: RoundTripCounter;
  /** The hall's policies (config/resilience.json); the shipped ones when absent. */
  resilience?: SystemPolicyConfig;
  /** Overrides the policies' per-attempt budget. */
  timeoutMs?: number;
}

const MAX_CONTENT = 400;
// XML 1.0 cannot carry these even escaped; the hall would reject the whole request.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const TYPE_CODES = reverse(COMPLAINT_TYPE_CODES);
const KIND_CODE = reverse(KIND_CODES);
const EDUCATION_CODE = reverse(EDUCATION_CODES);
const PRODUCT_CODE = reverse(PRODUCTS);
/** The hall's question numbers of the nine factors, in the seed's order. */
const QUESTIONS: readonly (keyof SatisfactionScores)[] = ["image", "attitude", "serviceQuality", "care", "reliability", "timeliness", "security", "qualityForPrice", "priceForQuality"];

/** The business hall over its SOAP 1.1 CustService: every batch read is one request, whatever its size. */
export class BusinessHallSoapAdapter implements BusinessHallPort {
  private readonly http: HttpSource;

  constructor(options: BusinessHallSoapAdapterOptions) {
    this.http = new HttpSource({
      system: "business-hall",
      baseUrl: options.baseUrl,
      counter: options.counter,
      resilience: options.resilience,
      timeoutMs: options.timeoutMs,
    });
  }

  async getCustomers(customerIds: readonly string[]): Promise<Map<string, OrMalformed<Customer>>> {
    const ids = checkCustomerIds(customerIds);
    return byKey(ids, await this.query("QueryCustInfo", "CustNo", ids, "CustInfo", readCustomer));
  }

  async listCustomers(request: CustomerPageRequest): Promise<CustomerPage> {
    const { after, first, filter = {} } = request;
    if (after !== null) checkCustomerIds([after]);
    if (!Number.isInteger(first) || first < 0 || first > MAX_CUSTOMER_PAGE) throw badInput(`first must be an integer from 0 to ${MAX_CUSTOMER_PAGE}`);
    const criteria = criteriaXml(filter);
    const answer = await this.call("QueryCustPage", (after === null ? "" : element("StartCustNo", after)) + element("PageSize", String(first)) + criteria);
    const page = parseCustomerPage(answer);
    const customers = new Map<string, OrMalformed<Customer>>();
    for (const raw of readList(answer, "QueryCustPage", "CustInfo")) {
      const customer = readCustomer(raw);
      const id = rawField(raw, "CustNo");
      // The page goes on from the number a record names: one that names none has no place in it.
      if (isAdapterError(customer) && !(id !== undefined && CUSTOMER_ID.test(id))) throw customer;
      customers.set(id as string, customer);
    }
    return { customers, hasNextPage: page.HasMore };
  }

  async countCustomers(filter: CustomerFilter = {}): Promise<number> {
    return parseCustomerCount(await this.call("QueryCustCount", criteriaXml(filter))).TotalCount;
  }

  async findCustomerIdsByServiceNumbers(serviceNos: readonly string[]): Promise<Map<string, OrMalformed<string>>> {
    const numbers = checkServiceNos(serviceNos);
    const owners = await this.query("QueryCustByServNo", "ServNo", numbers, "ServCust", readServiceOwner);
    return byKey(numbers, owners.map(([number, owner]) => [number, isAdapterError(owner) ? owner : owner.CustNo] as const));
  }

  async findCustomerIdsByIdDocumentNumbers(documentNumbers: readonly string[]): Promise<Map<string, OrMalformed<string[]>>> {
    const numbers = checkDocumentNos(documentNumbers);
    const owners = await this.query("QueryCustByCertNo", "CertNo", numbers, "CertCust", readDocumentOwner);
    return groupBy(numbers, owners.map(([number, owner]) => [number, isAdapterError(owner) ? owner : owner.CustNo] as const));
  }

  async getSubscriptionsByCustomer(customerIds: readonly string[]): Promise<Map<string, OrMalformed<Subscription[]>>> {
    const ids = checkCustomerIds(customerIds);
    return groupBy(ids, await this.query("QueryUserList", "CustNo", ids, "UserInfo", readSubscription));
  }

  async getSubscriptions(serviceNos: readonly string[]): Promise<Map<string, OrMalformed<Subscription>>> {
    const numbers = checkServiceNos(serviceNos);
    return byKey(numbers, await this.query("QueryUserByServNo", "ServNo", numbers, "UserInfo", readSubscription));
  }

  async getContacts(customerIds: readonly string[]): Promise<Map<string, OrMalformed<Contact[]>>> {
    const ids = checkCustomerIds(customerIds);
    return groupBy(ids, await this.query("QueryContactList", "CustNo", ids, "ContactInfo", readContact));
  }

  async getComplaints(customerIds: readonly string[]): Promise<Map<string, OrMalformed<Complaint[]>>> {
    const ids = checkCustomerIds(customerIds);
    return groupBy(ids, await this.query("QueryComplaintList", "CustNo", ids, "ComplaintInfo", readComplaint));
  }

  async getSurveyAnswers(customerIds: readonly string[]): Promise<Map<string, OrMalformed<SurveyAnswer[]>>> {
    const ids = checkCustomerIds(customerIds);
    return groupBy(ids, await this.query("QuerySurveyList", "CustNo", ids, "SurveyInfo", readSurvey));
  }

  async getWorkOrders(customerIds: readonly string[]): Promise<Map<string, OrMalformed<WorkOrder[]>>> {
    const ids = checkCustomerIds(customerIds);
    return groupBy(ids, await this.query("QueryWorkOrderList", "CustNo", ids, "WorkOrderInfo", readWorkOrder));
  }

  async getCustomerOffers(customerIds: readonly string[]): Promise<Map<string, OrMalformed<CustomerOffer[]>>> {
    const ids = checkCustomerIds(customerIds);
    return groupBy(ids, await this.query("QueryUserOfferList", "CustNo", ids, "OfferInfo", readCustomerOffer));
  }

  async countChurn(request: ChurnCountRequest): Promise<ChurnCount> {
    const { from, to, scope, filter = {} } = request;
    if (!isCalendarDate(from) || !isCalendarDate(to) || from > to) throw badInput("a churn count's period must be two YYYY-MM-DD dates, from before to");
    if (scope.customerIdPrefix !== null && !/^\d{0,4}$/.test(scope.customerIdPrefix)) throw badInput("a customer number prefix is 0 to 4 digits");
    const listed = scope.customerIds === null ? null : checkCustomerIds(scope.customerIds);
    if (listed !== null && listed.length === 0) return { groups: [], otherCarrierCustomers: 0 };
    const { productCode, ...customers } = filter;
    const product = productCode === undefined ? undefined : PRODUCT_CODE.get(productCode);
    if (productCode !== undefined && product === undefined) throw badInput(`unknown product ${JSON.stringify(productCode)}`);
    const answer = await this.call(
      "QueryChurnStat",
      element("FromDate", from) +
        element("ToDate", to) +
        (scope.customerIdPrefix ? element("CustNoPrefix", scope.customerIdPrefix) : "") +
        (listed === null ? "" : `<CustNoList>${listed.map((id) => element("CustNo", id)).join("")}</CustNoList>`) +
        criteriaXml(customers) +
        (product === undefined ? "" : element("ProductCode", product)),
    );
    return parseChurnCount(answer, readList(answer, "QueryChurnStat", "ChurnStat"));
  }

  async recordSurvey(survey: NewSurvey): Promise<Written<SurveyAnswer>> {
    const [customerId] = checkCustomerIds([survey.customerId]) as [string];
    for (const question of QUESTIONS) {
      const answer = survey.scores?.[question];
      if (!Number.isInteger(answer) || answer < 0 || answer > 100) throw badInput(`${question} must be a whole number from 0 to 100`);
    }
    if (typeof survey.usesOtherCarrier !== "boolean") throw badInput("usesOtherCarrier must be true or false");
    const key = checkIdempotencyKey(survey.idempotencyKey, "business-hall");
    const answer = await this.call(
      "AddSurvey",
      element("CustNo", customerId) +
        QUESTIONS.map((question, i) => element(`Q${i + 1}`, String(survey.scores[question]))).join("") +
        element("OtherCarrier", survey.usesOtherCarrier ? "Y" : "N") +
        element("ClientSerial", key),
      // Keyed by ClientSerial (a unique index at the source): a retry answers with the first survey.
      { write: true, idempotent: true },
    );
    const recorded = parseRecordedSurvey(answer);
    const scores = Object.fromEntries(QUESTIONS.map((question) => [question, survey.scores[question]])) as unknown as SatisfactionScores;
    const record = { id: recorded.SurveyId, customerId, surveyDate: recorded.SurveyDate, scale: recorded.Scale, scores, usesOtherCarrier: survey.usesOtherCarrier };
    return { record, replayed: recorded.RepeatFlag };
  }

  async getProfileFacts(customerIds: readonly string[]): Promise<Map<string, OrMalformed<ProfileFacts>>> {
    const ids = checkCustomerIds(customerIds);
    return byKey(ids, await this.query("QueryCustFacts", "CustNo", ids, "CustFacts", readCustomerFacts));
  }

  async recordComplaint(complaint: NewComplaint): Promise<Written<Complaint>> {
    const [customerId] = checkCustomerIds([complaint.customerId]) as [string];
    const serviceNo = complaint.serviceNo == null ? null : (checkServiceNos([complaint.serviceNo])[0] as string);
    const typeCode = TYPE_CODES.get(complaint.type);
    if (typeCode === undefined) {
      throw badInput(`unknown complaint type ${JSON.stringify(complaint.type)}`);
    }
    // The hall trims what it stores, so the content is trimmed here to describe the stored complaint exactly.
    const content = typeof complaint.content === "string" ? complaint.content.trim() : "";
    if (content === "" || [...content].length > MAX_CONTENT || NOT_XML_CHAR.test(content)) {
      throw badInput(`complaint content must be 1-${MAX_CONTENT} characters of text`);
    }
    const key = checkIdempotencyKey(complaint.idempotencyKey, "business-hall");
    const answer = await this.call(
      "AddComplaint",
      element("CustNo", customerId) +
        (serviceNo === null ? "" : element("ServNo", serviceNo)) +
        element("ComplaintType", typeCode) +
        element("Content", content) +
        element("ClientSerial", key),
      // Keyed by ClientSerial (a unique index at the source): a retry answers with the first complaint.
      { write: true, idempotent: true },
    );
    const filed = parseFiledComplaint(answer);
    const record = { complaintNo: filed.ComplaintNo, customerId, serviceNo, type: complaint.type, content, acceptedAt: filed.AcceptTime, status: filed.Status };
    return { record, replayed: filed.RepeatFlag };
  }

  health(): SourceHealth {
    return this.http.health();
  }

  async close(): Promise<void> {}

  /** One request for `keys`; each item found is tied to the asked key its own `key` element names. */
  private async query<T>(
    operation: string,
    key: string,
    keys: readonly string[],
    item: string,
    read: (raw: unknown) => OrMalformed<T>,
  ): Promise<Found<string, T>[]> {
    if (keys.length === 0) return [];
    const list = keys.map((value) => element(key, value)).join("");
    const answer = await this.call(operation, `<${key}List>${list}</${key}List>`);
    return readList(answer, operation, item).map((raw) => [rawField(raw, key), read(raw)] as const);
  }

  private async call(operation: string, content: string, call: CallOptions = {}): Promise<Record<string, unknown>> {
    const headers = { "content-type": "text/xml; charset=utf-8", soapaction: soapAction(operation) };
    const read = (reply: HttpReply) => readAnswer(reply, operation);
    return this.http.exchange(SERVICE_PATH, { method: "POST", headers, body: soapRequest(operation, content) }, read, call);
  }
}

/** The hall's list criteria for a filter, checked before anything is sent. */
function criteriaXml(filter: CustomerFilter): string {
  if (filter.regionCode !== undefined) checkRegionFilter(filter.regionCode);
  if (filter.industryCode !== undefined && !/^[A-Z0-9]{1,4}$/.test(filter.industryCode)) throw badInput("not an industry code");
  const kind = filter.kind === undefined ? undefined : KIND_CODE.get(filter.kind);
  if (filter.kind !== undefined && kind === undefined) throw badInput(`unknown customer kind ${JSON.stringify(filter.kind)}`);
  const education = filter.education === undefined ? undefined : EDUCATION_CODE.get(filter.education);
  if (filter.education !== undefined && education === undefined) throw badInput(`unknown education ${JSON.stringify(filter.education)}`);
  const optional = (name: string, value: string | undefined) => (value === undefined ? "" : element(name, value));
  return optional("RegionCode", filter.regionCode) + optional("CustType", kind) + optional("IndustryCode", filter.industryCode) + optional("Education", education);
}

function reverse<K extends string, V>(table: Record<K, V>): Map<V, K> {
  return new Map(Object.entries(table).map(([code, value]) => [value as V, code as K]));
}
