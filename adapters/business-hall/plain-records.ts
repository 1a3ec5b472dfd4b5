import { CUSTOMER_ID } from "../kit/canonical-ids.js";
import { plainCode } from "../kit/plain-values.js";
import { isCalendarDate } from "../kit/values.js";
import { REGION_CODE } from "./ids.js";
import type { Customer } from "./port.js";
import { CATEGORIES, DOCUMENTS, EDUCATION_CODES, GENDERS, KIND_CODES } from "./records.js";

/**
 * The hall's customer record (CustInfo) read by hand, exactly as `customerRecord` in records.ts reads it,
 * output key order included: every listed page of the snapshot reads a thousand of them, and the schema's
 * checks were 3–4 % of the job's main thread. Undefined for a record it does not find plainly valid, which
 * the caller then reads with the schema, so a record that cannot be read keeps the schema's own message.
 * plain-records.test.ts holds it to the schema over valid records and every kind of spoiled one.
 */

type Raw = Record<string, unknown>;

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
const BIRTH_YEAR = /^(19|20)\d\d$/;

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const filled = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

export function plainCustomer(raw: unknown): Customer | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Raw;
  const id = typeof r.CustNo === "string" && CUSTOMER_ID.test(r.CustNo) ? r.CustNo : undefined;
  const name = filled(r.CustName);
  const kind = plainCode(KIND_CODES, r.CustType);
  const gender = plainCode(GENDERS, r.Gender);
  const birthYear = r.BirthYear === "" ? null : typeof r.BirthYear === "string" && BIRTH_YEAR.test(r.BirthYear) ? Number(r.BirthYear) : undefined;
  const regionCode = typeof r.RegionCode === "string" && REGION_CODE.test(r.RegionCode) ? r.RegionCode : undefined;
  const regionName = filled(r.RegionName);
  const address = text(r.Address);
  const phone = text(r.Phone);
  const documentKind = plainCode(DOCUMENTS, r.CertType);
  const documentNo = filled(r.CertNo);
  const occupation = text(r.Occupation);
  const industryCode = text(r.IndustryCode);
  const industryName = text(r.IndustryName);
  const education = plainCode(EDUCATION_CODES, r.Education);
  const category = plainCode(CATEGORIES, r.DetailType);
  const created = text(r.CreateTime);
  if (
    id === undefined ||
    name === undefined ||
    kind === undefined ||
    gender === undefined ||
    birthYear === undefined ||
    regionCode === undefined ||
    regionName === undefined ||
    address === undefined ||
    phone === undefined ||
    documentKind === undefined ||
    documentNo === undefined ||
    occupation === undefined ||
    industryCode === undefined ||
    industryName === undefined ||
    education === undefined ||
    category === undefined ||
    created === undefined ||
    !LOCAL_TIME.test(created) ||
    !isCalendarDate(created.slice(0, 10)) ||
    (industryCode !== "" && industryName === "")
  ) {
    return undefined;
  }
  return {
    id,
    name,
    kind,
    gender,
    birthYear,
    region: { code: regionCode, name: regionName },
    address,
    phone,
    idDocument: { kind: documentKind, number: documentNo },
    occupation: occupation === "" ? null : occupation,
    industry: industryCode === "" ? null : { code: industryCode, name: industryName },
    education,
    category,
    createdAt: `${created.replace(" ", "T")}+08:00`,
  };
}
