import { XMLParser, XMLValidator } from "fast-xml-parser";

export const SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";
/** The hall's own target namespace, as its vendor named it. */
export const HALL_NS = "http://boss.hall.sandbox/CustService";

// XML 1.0 cannot carry most control characters, even escaped; the hall drops them rather than emit a broken document.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Whether a value may need escaping or dropping at all; most of what the hall writes (codes, numbers, dates) does not. */
const MAY_NEED_ESCAPING = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

export function escapeXml(value: string): string {
  if (!MAY_NEED_ESCAPING.test(value)) return value;
  return value
    .replace(NOT_XML_CHAR, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** `<Name>value</Name>`; null becomes an empty element, which is how the hall writes "no value". */
export function element(name: string, value: string | number | null): string {
  return value === null || value === "" ? `<${name}/>` : `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function envelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP_ENV_NS}"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

/** SOAP 1.1 fault codes the hall uses; its own error number and text travel in the detail. */
export type FaultCode = "VersionMismatch" | "Client" | "Server";

export function faultEnvelope(code: FaultCode, message: string, errCode: string): string {
  return envelope(
    `<soap:Fault><faultcode>soap:${code}</faultcode>${element("faultstring", message)}` +
      `<detail><cs:ErrorInfo xmlns:cs="${HALL_NS}">${element("ErrCode", errCode)}${element("ErrMsg", message)}</cs:ErrorInfo></detail>` +
      `</soap:Fault>`,
  );
}

/** A request the hall cannot accept; the server answers it with a soap:Client (or VersionMismatch) fault. */
export class RequestFault extends Error {
  constructor(
    readonly code: FaultCode,
    readonly errCode: string,
    message: string,
  ) {
    super(message);
  }
}

export interface SoapRequest {
  /** Local name of the single element in soap:Body, e.g. QueryCustInfoReq. */
  readonly element: string;
  /** Its content with namespace prefixes removed; text values stay strings. */
  readonly content: unknown;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  // Key lists (CustNoList/CustNo …) repeat their item; one key must still come out as a list.
  isArray: (_name, jpath) => {
    const parts = String(jpath).split(".").map(localName);
    return parts.length >= 2 && (parts[parts.length - 2] ?? "").endsWith("List");
  },
});

/** Reads a SOAP 1.1 request envelope and returns its single body element. */
export function parseSoapRequest(xml: string): SoapRequest {
  // SOAP 1.1 (section 3) forbids a DTD in a message; refusing it also shuts out entity expansion.
  if (/<!DOCTYPE/i.test(xml)) throw new RequestFault("Client", "E001", "a SOAP message must not contain a DOCTYPE");
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new RequestFault("Client", "E001", `request is not well-formed XML: ${valid.err.msg}`);
  const doc = parser.parse(xml) as Record<string, unknown>;
  const rootName = Object.keys(doc).find((key) => !key.startsWith("?"));
  if (!rootName || localName(rootName) !== "Envelope") throw new RequestFault("Client", "E001", "root element is not a SOAP Envelope");
  const root = asObject(doc[rootName]);
  if (namespaceOf(rootName, root) !== SOAP_ENV_NS) {
    throw new RequestFault("VersionMismatch", "E002", `only SOAP 1.1 envelopes (${SOAP_ENV_NS}) are accepted`);
  }
  const bodyName = Object.keys(root).find((key) => localName(key) === "Body");
  const body = bodyName ? asObject(root[bodyName]) : {};
  const children = Object.keys(body).filter((key) => !key.startsWith("@") && key !== "#text");
  if (children.length !== 1) throw new RequestFault("Client", "E001", "soap:Body must hold exactly one request element");
  const name = children[0] as string;
  return { element: localName(name), content: stripPrefixes(body[name]) };
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

function namespaceOf(qualifiedName: string, node: Record<string, unknown>): unknown {
  const colon = qualifiedName.indexOf(":");
  return node[colon < 0 ? "@xmlns" : `@xmlns:${qualifiedName.slice(0, colon)}`];
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stripPrefixes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripPrefixes);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith("@")) continue;
    out[localName(key)] = stripPrefixes(child);
  }
  return out;
}
