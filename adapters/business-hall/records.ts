import { z } from "zod";
import { parseRecord, readWhole, type OrMalformed } from "../kit/parse.js";
import { code } from "../kit/values.js";
import { customerId, date, localTime, name, numericId, read, required, serviceNo } from "./fields.js";
import { REGION_CODE } from "./ids.js";
import { plainCustomer } from "./plain-records.js";
import type {
  Complaint,
  ComplaintStatus,
  ComplaintType,
  Contact,
  Customer,
  CustomerCategory,
  CustomerKind,
  Education,
  IdDocumentKind,
  ProductCode,
  ProfileFacts,
  SatisfactionScores,
  Subscription,
  SubscriptionStatus,
  SurveyAnswer,
  SurveyScale,
} from "./port.js";
import { readWorkOrderFact } from "./work-order-records.js";

/** The hall's code tables (sandbox/schema/hall.ts); a code outside them makes the record malformed. */
export const KIND_CODES = { "01": "RESIDENTIAL", "02": "BUSINESS", "03": "INDIVIDUAL_KEY_ACCOUNT", "04": "ENTERPRISE_KEY_ACCOUNT" } as const satisfies Record<string, CustomerKind>;
export const GENDERS = { M: "MALE", F: "FEMALE", "": null } as const;
export const DOCUMENTS = { "1": "ID_CARD", "2": "BUSINESS_LICENCE" } as const satisfies Record<string, IdDocumentKind>;
export const EDUCATION_CODES = {
  "0": null,
  "1": "PRIMARY",
  "2": "JUNIOR_SECONDARY",
  "3": "SENIOR_SECONDARY",
  "4": "UNDERGRADUATE",
  "5": "POSTGRADUATE",
} as const satisfies Record<string, Education | null>;
export const CATEGORIES = { "01": "ORDINARY", "02": "APARTMENT", "03": "VILLA" } as const satisfies Record<string, CustomerCategory>;
export const PRODUCTS = { GH: "FIXED_LINE", YD: "MOBILE", KD: "BROADBAND", ZX: "LEASED_LINE" } as const satisfies Record<string, ProductCode>;
const USER_STATUS = { "1": "ACTIVE", "2": "SINGLE_BARRED", "3": "DOUBLE_BARRED", "4": "REMOVED" } as const satisfies Record<string, SubscriptionStatus>;
export const COMPLAINT_TYPE_CODES = {
  "01": "BILLING",
  "02": "NETWORK_QUALITY",
  "03": "SERVICE_ATTITUDE",
  "04": "INSTALLATION",
  "05": "OTHER",
} as const satisfies Record<string, ComplaintType>;
const COMPLAINT_STATUS = { "0": "ACCEPTED", "1": "IN_PROGRESS", "2": "CLOSED" } as const satisfies Record<string, ComplaintStatus>;
const OTHER_CARRIER = { Y: true, N: false } as const;
export const SCALES = { "1": "FIVE_POINT", "2": "HUNDRED_POINT" } as const satisfies Record<string, SurveyScale>;
const SCALE_RANGE: Record<SurveyScale, readonly [number, number]> = { FIVE_POINT: [1, 5], HUNDRED_POINT: [0, 100] };


export const customerRecord = z
  .object({
    CustNo: customerId,
    CustName: required,
    CustType: code(KIND_CODES),
    Gender: code(GENDERS),
    BirthYear: z.union([z.literal("").transform(() => null), z.string().regex(/^(19|20)\d\d$/).transform(Number)]),
    RegionCode: z.string().regex(REGION_CODE),
    RegionName: required,
    Address: z.string(),
    Phone: z.string(),
    CertType: code(DOCUMENTS),
    CertNo: required,
    Occupation: z.string(),
    IndustryCode: z.string(),
    IndustryName: z.string(),
    Education: code(EDUCATION_CODES),
    DetailType: code(CATEGORIES),
    CreateTime: localTime,
  })
  .refine((r) => r.IndustryCode === "" || r.IndustryName !== "", { message: "industry code without a name", path: ["IndustryName"] })
  .transform(
    (r): Customer => ({
      id: r.CustNo,
      name: r.CustName,
      kind: r.CustType,
      gender: r.Gender,
      birthYear: r.BirthYear,
      region: { code: r.RegionCode, name: r.RegionName },
      address: r.Address,
      phone: r.Phone,
      idDocument: { kind: r.CertType, number: r.CertNo },
      occupation: r.Occupation === "" ? null : r.Occupation,
      industry: r.IndustryCode === "" ? null : { code: r.IndustryCode, name: r.IndustryName },
      education: r.Education,
      category: r.DetailType,
      createdAt: r.CreateTime,
    }),
  );

/** What a subscription says wherever the hall lists one. */
const subscriptionFields = { ServNo: serviceNo, ProductCode: code(PRODUCTS), StartDate: date, Status: code(USER_STATUS) };

const subscriptionRecord = z
  .object({ UserId: numericId, CustNo: customerId, ProductName: required, ...subscriptionFields })
  .transform(
    (r): Subscription => ({
      serviceNo: r.ServNo,
      customerId: r.CustNo,
      product: { code: r.ProductCode, name: r.ProductName },
      startDate: r.StartDate,
      status: r.Status,
    }),
  );

const contactRecord = z
  .object({ ContactId: numericId, CustNo: customerId, ContactName: required, Position: z.string(), Phone: z.string() })
  .transform((r): Contact => ({ id: r.ContactId, customerId: r.CustNo, name: r.ContactName, position: r.Position, phone: r.Phone }));

const complaintNo = z.string().regex(/^[A-Z0-9]{1,20}$/, "not a complaint number");

const complaintFields = { ComplaintNo: complaintNo, ComplaintType: code(COMPLAINT_TYPE_CODES), AcceptTime: localTime, Status: code(COMPLAINT_STATUS) };

const complaintRecord = z
  .object({
    ...complaintFields,
    CustNo: customerId,
    ServNo: z.union([z.literal("").transform(() => null), serviceNo]),
    Content: z.string(),
  })
  .transform(
    (r): Complaint => ({
    complaintNo: r.ComplaintNo,
    customerId: r.CustNo,
    serviceNo: r.ServNo,
    type: r.ComplaintType,
    content: r.Content,
    acceptedAt: r.AcceptTime,
    status: r.Status,
  }),
  );

/** Answers are whole numbers; which ones depends on the survey's scale, checked with the whole survey below. */
const score = z.string().regex(/^\d{1,3}$/, "not a whole number").transform(Number);
const QUESTIONS = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9"] as const;
const surveyFields = {
  SurveyId: numericId,
  SurveyDate: date,
  Q1: score,
  Q2: score,
  Q3: score,
  Q4: score,
  Q5: score,
  Q6: score,
  Q7: score,
  Q8: score,
  Q9: score,
  OtherCarrier: code(OTHER_CARRIER),
  Scale: code(SCALES),
};
type SurveyFields = z.output<z.ZodObject<typeof surveyFields>>;

/** Every answer of a survey within its scale. */
function withinScale(r: SurveyFields, ctx: z.RefinementCtx): void {
  const [low, high] = SCALE_RANGE[r.Scale];
  for (const q of QUESTIONS) {
    if (r[q] < low || r[q] > high) ctx.addIssue({ code: "custom", path: [q], message: `answer ${r[q]} is outside the ${r.Scale} scale (${low}-${high})` });
  }
}

/** The hall numbers the questions in the seed's order of the nine factors. */
function scoresOf(r: SurveyFields): SatisfactionScores {
  return {
    image: r.Q1,
    attitude: r.Q2,
    serviceQuality: r.Q3,
    care: r.Q4,
    reliability: r.Q5,
    timeliness: r.Q6,
    security: r.Q7,
    qualityForPrice: r.Q8,
    priceForQuality: r.Q9,
  };
}

const surveyRecord = z
  .object({ ...surveyFields, CustNo: customerId })
  .superRefine(withinScale)
  .transform(
    (r): SurveyAnswer => ({
      id: r.SurveyId,
      customerId: r.CustNo,
      surveyDate: r.SurveyDate,
      scale: r.Scale,
      scores: scoresOf(r),
      usesOtherCarrier: r.OtherCarrier,
    }),
  );

/** An empty list arrives as an empty element. */
function nestedList(item: string) {
  return z.union([
    z.literal("").transform((): unknown[] => []),
    z.object({ [item]: z.array(z.unknown()) }).transform((list): unknown[] => list[item] ?? []),
  ]);
}

const customerFactsRecord = z.object({
  CustNo: customerId,
  CustType: code(KIND_CODES),
  CreateTime: localTime,
  DetailType: code(CATEGORIES),
  UserInfoList: nestedList("UserInfo"),
  ComplaintInfoList: nestedList("ComplaintInfo"),
  SurveyInfoList: nestedList("SurveyInfo"),
  WorkOrderInfoList: nestedList("WorkOrderInfo"),
});

const subscriptionFact = z
  .object(subscriptionFields)
  .transform((r): ProfileFacts["subscriptions"][number] => ({ serviceNo: r.ServNo, productCode: r.ProductCode, status: r.Status, startDate: r.StartDate }));

const complaintFact = z
  .object(complaintFields)
  .transform((r): ProfileFacts["complaints"][number] => ({ type: r.ComplaintType, acceptedAt: r.AcceptTime, status: r.Status }));

const surveyFact = z.object(surveyFields).superRefine(withinScale);

const serviceOwnerRecord = z.object({ ServNo: serviceNo, CustNo: customerId });
const documentOwnerRecord = z.object({ CertNo: required, CustNo: customerId });

const customerPageRecord = z.object({ HasMore: code({ Y: true, N: false } as const) });
const customerCountRecord = z.object({ TotalCount: z.string().regex(/^\d{1,15}$/).transform(Number) });

const filedComplaintRecord = z.object({
  ComplaintNo: complaintNo,
  AcceptTime: localTime,
  Status: code(COMPLAINT_STATUS),
  /** Y when the hall had filed the complaint under this ClientSerial before. */
  RepeatFlag: code({ Y: true, N: false } as const),
});

/** A customer by hand first (plain-records.ts), by the schema when it is not plainly valid: the schema names what is wrong. */
export const readCustomer = (raw: unknown): OrMalformed<Customer> => plainCustomer(raw) ?? read(customerRecord, raw, name("CustInfo", raw, "CustNo"));
export const readSubscription = (raw: unknown) => read(subscriptionRecord, raw, name("UserInfo", raw, "ServNo"));
export const readContact = (raw: unknown) => read(contactRecord, raw, name("ContactInfo", raw, "ContactId"));
export const readComplaint = (raw: unknown) => read(complaintRecord, raw, name("ComplaintInfo", raw, "ComplaintNo"));
export const readSurvey = (raw: unknown) => read(surveyRecord, raw, name("SurveyInfo", raw, "SurveyId"));
export const readServiceOwner = (raw: unknown) => read(serviceOwnerRecord, raw, name("ServCust", raw, "ServNo"));
export const readDocumentOwner = (raw: unknown) => read(documentOwnerRecord, raw, name("CertCust", raw, "CertNo"));

/**
 * One customer's CustFacts from QueryCustFacts. Each nested item is named as its own list query names it,
 * so a bad complaint is "ComplaintInfo …" whichever way it was read; facts with an item that cannot be read
 * are that item's error.
 */
export const readCustomerFacts = (raw: unknown): OrMalformed<ProfileFacts> => readWhole(() => factsOf(raw));

function factsOf(raw: unknown): ProfileFacts {
  const r = parseRecord(customerFactsRecord, raw, "business-hall", name("CustFacts", raw, "CustNo"));
  const surveys = r.SurveyInfoList.map((item) => parseRecord(surveyFact, item, "business-hall", name("SurveyInfo", item, "SurveyId")));
  // Newest first; the same day falls back to the hall's survey number, later numbers being later surveys.
  surveys.sort((a, b) => b.SurveyDate.localeCompare(a.SurveyDate) || compareNumeric(b.SurveyId, a.SurveyId));
  return {
    kind: r.CustType,
    createdAt: r.CreateTime,
    category: r.DetailType,
    subscriptions: r.UserInfoList.map((item) => parseRecord(subscriptionFact, item, "business-hall", name("UserInfo", item, "ServNo"))),
    complaints: r.ComplaintInfoList.map((item) => parseRecord(complaintFact, item, "business-hall", name("ComplaintInfo", item, "ComplaintNo"))),
    surveys: surveys.map((s) => ({ surveyDate: s.SurveyDate, scale: s.Scale, ...scoresOf(s), usesOtherCarrier: s.OtherCarrier })),
    workOrders: r.WorkOrderInfoList.map(readWorkOrderFact),
  };
}

/** Survey ids run to 19 digits, beyond what a double holds exactly. */
function compareNumeric(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference > 0n ? 1 : difference < 0n ? -1 : 0;
}

export const parseCustomerPage = (raw: unknown) => parseRecord(customerPageRecord, raw, "business-hall", "QueryCustPageRsp");
export const parseCustomerCount = (raw: unknown) => parseRecord(customerCountRecord, raw, "business-hall", "QueryCustCountRsp");
export const parseFiledComplaint = (raw: unknown) => parseRecord(filedComplaintRecord, raw, "business-hall", name("AddComplaintRsp", raw, "ComplaintNo"));
