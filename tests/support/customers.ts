import { expect } from "vitest";
import type { GraphQLResponse, TestStack } from "./stack.js";

/**
 * Every customer the analyst sees, with `fields` selected on each, read page by page through Query.customers in the
 * graph's order; pages are kept small enough for the gateway's cost limit. The test fails on a page with errors.
 */
export async function allCustomers<Node = Record<string, any>>(stack: TestStack, fields: string, pageSize = 50): Promise<Node[]> {
  const query = `query($first: Int!, $after: String) { customers(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { ${fields} } } } }`;
  const nodes: Node[] = [];
  let after: string | null = null;
  do {
    const { data, errors }: GraphQLResponse<Record<string, any>> = await stack.graphql(query, { first: pageSize, after });
    expect(errors).toBeUndefined();
    nodes.push(...data!.customers.edges.map((edge: { node: Node }) => edge.node));
    after = data!.customers.pageInfo.hasNextPage ? data!.customers.pageInfo.endCursor : null;
  } while (after !== null);
  return nodes;
}
