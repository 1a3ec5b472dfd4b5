import type { Field, Operation } from "./operations.js";
import { HALL_NS, escapeXml } from "./xml.js";

/** Document/literal WSDL 1.1 for the hall's CustService, generated from the same operation list the server runs. */
export function buildWsdl(location: string, operations: readonly Operation[]): string {
  const elements = operations
    .flatMap((op) => [
      `<xsd:element name="${op.name}Req">${complexType(op.request)}</xsd:element>`,
      `<xsd:element name="${op.name}Rsp">${complexType(op.response)}</xsd:element>`,
    ])
    .join("");
  const messages = operations
    .map(
      (op) =>
        `<wsdl:message name="${op.name}Request"><wsdl:part name="parameters" element="tns:${op.name}Req"/></wsdl:message>` +
        `<wsdl:message name="${op.name}Response"><wsdl:part name="parameters" element="tns:${op.name}Rsp"/></wsdl:message>`,
    )
    .join("");
  const portOps = operations
    .map(
      (op) =>
        `<wsdl:operation name="${op.name}"><wsdl:documentation>${escapeXml(op.documentation)}</wsdl:documentation>` +
        `<wsdl:input message="tns:${op.name}Request"/><wsdl:output message="tns:${op.name}Response"/>` +
        `<wsdl:fault name="ServiceFault" message="tns:ServiceFault"/></wsdl:operation>`,
    )
    .join("");
  const bindingOps = operations
    .map(
      (op) =>
        `<wsdl:operation name="${op.name}"><soap:operation soapAction="${HALL_NS}/${op.name}" style="document"/>` +
        `<wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output>` +
        `<wsdl:fault name="ServiceFault"><soap:fault name="ServiceFault" use="literal"/></wsdl:fault></wsdl:operation>`,
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<wsdl:definitions name="CustService" targetNamespace="${HALL_NS}" xmlns:tns="${HALL_NS}"` +
    ` xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"` +
    ` xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
    `<wsdl:documentation>BOSS 营业受理 customer service interface</wsdl:documentation>` +
    `<wsdl:types><xsd:schema targetNamespace="${HALL_NS}" elementFormDefault="unqualified">${elements}` +
    `<xsd:element name="ErrorInfo">${complexType([{ name: "ErrCode" }, { name: "ErrMsg" }])}</xsd:element>` +
    `</xsd:schema></wsdl:types>` +
    `${messages}<wsdl:message name="ServiceFault"><wsdl:part name="fault" element="tns:ErrorInfo"/></wsdl:message>` +
    `<wsdl:portType name="CustServicePortType">${portOps}</wsdl:portType>` +
    `<wsdl:binding name="CustServiceSoapBinding" type="tns:CustServicePortType">` +
    `<soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>${bindingOps}</wsdl:binding>` +
    `<wsdl:service name="CustService"><wsdl:port name="CustServicePort" binding="tns:CustServiceSoapBinding">` +
    `<soap:address location="${escapeXml(location)}"/></wsdl:port></wsdl:service>` +
    `</wsdl:definitions>`
  );
}

function complexType(fields: readonly Field[]): string {
  return `<xsd:complexType><xsd:sequence>${fields.map(fieldElement).join("")}</xsd:sequence></xsd:complexType>`;
}

function fieldElement(field: Field): string {
  const occurs = (field.optional ? ` minOccurs="0"` : "") + (field.repeated ? ` maxOccurs="unbounded"` : "");
  return field.children
    ? `<xsd:element name="${field.name}"${occurs}>${complexType(field.children)}</xsd:element>`
    : `<xsd:element name="${field.name}" type="xsd:string"${occurs}/>`;
}
