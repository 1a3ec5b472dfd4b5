import { XMLParser, XMLValidator } from "fast-xml-parser";
import { z } from "zod";
import { AdapterError } from "../kit/errors.js";
import type { HttpReply } from "../kit/http.js";
import { parseRecord } from "../kit/parse.js";
import { readXmlTree } from "./xml-tree.js";

export const SERVICE_PATH = "/boss/CustService";
export const HALL_NS = "http://boss.hall.sandbox/CustService";
const SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";
/** The hall's error number for a ClientSerial already used for a different complaint. */
const SERIAL_CONFLICT = "E104";

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  // Values stay text as sent ("007" is not 7); the record schemas decide what they mean.
  parseTagValue: false,
  // The hall pads CHAR columns (names, codes) with blanks; the padding is no part of any value.
  trimValues: true,
  htmlEntities: true,
  // Lists (CustInfoList/CustInfo …) must come out as arrays even with a single item.
  isArray: (_name, jpath) => {
    const parts = String(jpath).split(".");
    return parts.length >= 2 && (parts[parts.length - 2] ?? "").endsWith("List");
  },
});

export function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

export function element(name: string, value: string): string {
  return `<${name}>${escapeXml(value)}</${name}>`;
}

export function soapRequest(operation: string, content: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP_ENV_NS}" xmlns:cs="${HALL_NS}">` +
    `<soap:Body><cs:${operation}Req>${content}</cs:${operation}Req></soap:Body></soap:Envelope>`
  );
}

export function soapAction(operation: string): string {
  return `"${HALL_NS}/${operation}"`;
}

const answerSchema = z.looseObject({ RetCode: z.string(), RetMsg: z.string().optional() });
const faultSchema = z.object({
  faultcode: z.string(),
  faultstring: z.string().optional(),
  detail: z.unknown().optional(),
});

/**
 * The content of `<operation>Rsp` from a successful answer. A soap:Client fault is the caller's bad input
 * (or a CONFLICT for a reused ClientSerial), a soap:Server fault or any other failure the hall's problem,
 * and a 200 we cannot read a malformed record.
 */
export function readAnswer(reply: HttpReply, operation: string): Record<string, unknown> {
  const record = `${operation}Rsp`;
  const body = reply.status === 200 || reply.status === 500 ? parseEnvelope(reply.body) : undefined;
  if (reply.status === 500) {
    const fault = body?.["Fault"];
    if (fault === undefined) throw unavailable(`answered HTTP 500 without a SOAP fault to ${operation}`);
    throw faultError(parseRecord(faultSchema, fault, "business-hall", `${operation} soap:Fault`), operation);
  }
  if (reply.status !== 200) throw unavailable(`answered HTTP ${reply.status} to ${operation}`);
  const answer = parseRecord(answerSchema, body?.[record], "business-hall", record);
  if (answer.RetCode !== "0") throw unavailable(`${operation} failed with RetCode ${answer.RetCode}: ${answer.RetMsg ?? ""}`);
  return answer;
}

/** The items of `<item>List` in an answer; an empty list arrives as an empty element. */
export function readList(answer: Record<string, unknown>, operation: string, item: string): unknown[] {
  const listSchema = z.union([z.literal(""), z.object({ [item]: z.array(z.unknown()) })]);
  const list = parseRecord(listSchema, answer[`${item}List`], "business-hall", `${operation}Rsp ${item}List`);
  return list === "" ? [] : ((list as Record<string, unknown[]>)[item] ?? []);
}

function parseEnvelope(xml: string): Record<string, unknown> | undefined {
  const doc = (readXmlTree(xml) ?? parseInFull(xml)) as { Envelope?: { Body?: unknown } } | undefined;
  const body = doc?.Envelope?.Body;
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : undefined;
}

/** Any XML, the general way: what the plain answers' reader does not take, or undefined when it is not well-formed. */
export function parseInFull(xml: string): unknown {
  // A DTD has no place in a SOAP message and would let the answer expand entities at will.
  if (/<!DOCTYPE/i.test(xml) || XMLValidator.validate(xml) !== true) return undefined;
  return parser.parse(xml);
}

function faultError(fault: z.output<typeof faultSchema>, operation: string): AdapterError {
  const code = fault.faultcode.slice(fault.faultcode.indexOf(":") + 1);
  const message = `${operation}: ${fault.faultstring ?? code}`;
  if (code === "Client" || code.startsWith("Client.")) {
    const errCode = (fault.detail as { ErrorInfo?: { ErrCode?: unknown } } | undefined)?.ErrorInfo?.ErrCode;
    return new AdapterError(errCode === SERIAL_CONFLICT ? "CONFLICT" : "BAD_USER_INPUT", "business-hall", message);
  }
  return unavailable(message);
}

function unavailable(message: string): AdapterError {
  return new AdapterError("SOURCE_UNAVAILABLE", "business-hall", message);
}
