import { groupBy } from "../kit/group.js";
import { HttpSource } from "../kit/http.js";
import { checkIdempotencyKey } from "../kit/idempotency.js";
import type { RoundTripCounter } from "../kit/round-trips.js";
import { SERVICE_PATH, element, readAnswer, readList, soapAction, soapRequest } from "./envelope.js";
import { badInput, checkCustomerIds, checkDocumentNos, checkRegionFilter, checkServiceNos } from "./ids.js";
import {
  MAX_CUSTOMER_PAGE,
  type BusinessHallPort,
  type Complaint,
  type Contact,
  type Customer,
  type CustomerPage,
  type CustomerPageRequest,
  type NewComplaint,
  type ProfileFacts,
  type Subscription,
  type SurveyAnswer,
} from "./port.js";
import {
  COMPLAINT_TYPE_CODES,
  EDUCATION_CODES,
  KIND_CODES,
  parseComplaint,
  parseContact,
  parseCustomer,
  parseCustomerFacts,
  parseCustomerPage,
  parseDocumentOwner,
  parseFiledComplaint,
  parseServiceOwner,
  parseSubscription,
  parseSurvey,
} from "./records.js";

export interface BusinessHallSoapAdapterOptions {
  /** Where the hall's CustService runs, e.g. http://127.0.0.1:8080 (the service path is added). */
  baseUrl: string;
  counter: RoundTripCounter;
  timeoutMs?: number;
}

const MAX_CONTENT = 400;
// XML 1.0 cannot carry these even escaped; the hall would reject the whole request.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const TYPE_CODES = reverse(COMPLAINT_TYPE_CODES);
const KIND_CODE = reverse(KIND_CODES);
const EDUCATION_CODE = reverse(EDUCATION_CODES);

/** The business hall over its SOAP 1.1 CustService: every batch read is one request, whatever its size. */
export class BusinessHallSoapAdapter implements BusinessHallPort {
  private readonly http: HttpSource;

  constructor(options: BusinessHallSoapAdapterOptions) {
    this.http = new HttpSource({ system: "business-hall", baseUrl: options.baseUrl, counter: options.counter, timeoutMs: options.timeoutMs });
  }

  async getCustomers(customerIds: readonly string[]): Promise<Map<string, Customer>> {
    const ids = checkCustomerIds(customerIds);
    const customers = await this.query("QueryCustInfo", "CustNo", ids, "CustInfo", parseCustomer);
    return new Map(customers.map((customer) => [customer.id, customer]));
  }

  async listCustomers(request: CustomerPageRequest): Promise<CustomerPage> {
    const { after, first, filter = {} } = request;
    if (after !== null) checkCustomerIds([after]);
    if (!Number.isInteger(first) || first < 0 || first > MAX_CUSTOMER_PAGE) throw badInput(`first must be an integer from 0 to ${MAX_CUSTOMER_PAGE}`);
    if (filter.regionCode !== undefined) checkRegionFilter(filter.regionCode);
    if (filter.industryCode !== undefined && !/^[A-Z0-9]{1,4}$/.test(filter.industryCode)) throw badInput("not an industry code");
    const kind = filter.kind === undefined ? undefined : KIND_CODE.get(filter.kind);
    if (filter.kind !== undefined && kind === undefined) throw badInput(`unknown customer kind ${JSON.stringify(filter.kind)}`);
    const education = filter.education === undefined ? undefined : EDUCATION_CODE.get(filter.education);
    if (filter.education !== undefined && education === undefined) throw badInput(`unknown education ${JSON.stringify(filter.education)}`);
    const optional = (name: string, value: string | null | undefined) => (value == null ? "" : element(name, value));
    const answer = await this.call(
      "QueryCustPage",
      optional("StartCustNo", after) +
        element("PageSize", String(first)) +
        optional("RegionCode", filter.regionCode) +
        optional("CustType", kind) +
        optional("IndustryCode", filter.industryCode) +
        optional("Education", education),
    );
    const page = parseCustomerPage(answer);
    return {
      customers: readList(answer, "QueryCustPage", "CustInfo").map(parseCustomer),
      hasNextPage: page.HasMore,
      totalCount: page.TotalCount,
    };
  }

  async findCustomerIdsByServiceNumbers(serviceNos: readonly string[]): Promise<Map<string, string>> {
    const numbers = checkServiceNos(serviceNos);
    const owners = await this.query("QueryCustByServNo", "ServNo", numbers, "ServCust", parseServiceOwner);
    return new Map(owners.map((owner) => [owner.ServNo, owner.CustNo]));
  }

  async findCustomerIdsByIdDocumentNumbers(documentNumbers: readonly string[]): Promise<Map<string, string[]>> {
    const numbers = checkDocumentNos(documentNumbers);
    const owners = await this.query("QueryCustByCertNo", "CertNo", numbers, "CertCust", parseDocumentOwner);
    const byNumber = new Map(numbers.map((number) => [number, [] as string[]]));
    for (const owner of owners) byNumber.get(owner.CertNo)?.push(owner.CustNo);
    return byNumber;
  }

  async getSubscriptionsByCustomer(customerIds: readonly string[]): Promise<Map<string, Subscription[]>> {
    const ids = checkCustomerIds(customerIds);
    return groupByCustomer(ids, await this.query("QueryUserList", "CustNo", ids, "UserInfo", parseSubscription));
  }

  async getSubscriptions(serviceNos: readonly string[]): Promise<Map<string, Subscription>> {
    const numbers = checkServiceNos(serviceNos);
    const subscriptions = await this.query("QueryUserByServNo", "ServNo", numbers, "UserInfo", parseSubscription);
    return new Map(subscriptions.map((subscription) => [subscription.serviceNo, subscription]));
  }

  async getContacts(customerIds: readonly string[]): Promise<Map<string, Contact[]>> {
    const ids = checkCustomerIds(customerIds);
    return groupByCustomer(ids, await this.query("QueryContactList", "CustNo", ids, "ContactInfo", parseContact));
  }

  async getComplaints(customerIds: readonly string[]): Promise<Map<string, Complaint[]>> {
    const ids = checkCustomerIds(customerIds);
    return groupByCustomer(ids, await this.query("QueryComplaintList", "CustNo", ids, "ComplaintInfo", parseComplaint));
  }

  async getSurveyAnswers(customerIds: readonly string[]): Promise<Map<string, SurveyAnswer[]>> {
    const ids = checkCustomerIds(customerIds);
    return groupByCustomer(ids, await this.query("QuerySurveyList", "CustNo", ids, "SurveyInfo", parseSurvey));
  }

  async getProfileFacts(customerIds: readonly string[]): Promise<Map<string, ProfileFacts>> {
    const ids = checkCustomerIds(customerIds);
    const found = await this.query("QueryCustFacts", "CustNo", ids, "CustFacts", parseCustomerFacts);
    return new Map(found.map(({ customerId, facts }) => [customerId, facts]));
  }

  async recordComplaint(complaint: NewComplaint): Promise<Complaint> {
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
    );
    const filed = parseFiledComplaint(answer);
    return {
      complaintNo: filed.ComplaintNo,
      customerId,
      serviceNo,
      type: complaint.type,
      content,
      acceptedAt: filed.AcceptTime,
      status: filed.Status,
    };
  }

  async close(): Promise<void> {}

  private async query<T>(operation: string, key: string, keys: readonly string[], item: string, parse: (raw: unknown) => T): Promise<T[]> {
    if (keys.length === 0) return [];
    const list = keys.map((value) => element(key, value)).join("");
    const answer = await this.call(operation, `<${key}List>${list}</${key}List>`);
    return readList(answer, operation, item).map(parse);
  }

  private async call(operation: string, content: string): Promise<Record<string, unknown>> {
    const reply = await this.http.request(SERVICE_PATH, {
      method: "POST",
      headers: { "content-type": "text/xml; charset=utf-8", soapaction: soapAction(operation) },
      body: soapRequest(operation, content),
    });
    return readAnswer(reply, operation);
  }
}

function groupByCustomer<T extends { customerId: string }>(ids: readonly string[], records: readonly T[]): Map<string, T[]> {
  return groupBy(ids, records, (record) => record.customerId);
}

function reverse<K extends string, V>(table: Record<K, V>): Map<V, K> {
  return new Map(Object.entries(table).map(([code, value]) => [value as V, code as K]));
}
