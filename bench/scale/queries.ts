import { readFileSync } from "node:fs";
import { Kind, parse, print, visit, type DocumentNode } from "graphql";

const read = (name: string) => parse(readFileSync(new URL(`../../docs/queries/${name}`, import.meta.url), "utf8"));

/** The document without the root fields, or connection fields, named. */
function without(document: DocumentNode, names: readonly string[]): string {
  return print(visit(document, { Field: (field) => (names.includes(field.name.value) ? null : undefined) }));
}

/**
 * The customer lookup of docs/queries/customer-360.graphql: its `customer(id)` field whole, without the
 * first page of `customers` the file also asks (a list, counted over the whole population).
 */
export const CUSTOMER_360 = without(read("customer-360.graphql"), ["customers"]);

export const CUSTOMER_SMALL = `query CustomerSmall($id: ID!) { customer(id: $id) { id name } }`;

const biPage = read("bi-page.graphql");
if (!biPage.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION)) throw new Error("docs/queries/bi-page.graphql holds no operation");

/** docs/queries/bi-page.graphql as a connector sends it: totalCount on the first page only, as the file advises. */
export const BI_FIRST_PAGE = print(biPage);
export const BI_NEXT_PAGE = without(biPage, ["totalCount"]);
