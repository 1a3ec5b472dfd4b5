import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { formatCount, operationCost, tooComplex } from "./cost.js";

const schema = buildSchema(`
  type Query {
    item: Item
    things: [Item]
    items(first: Int = 25, last: Int): [Item!]!
    page(first: Int! = 20, after: String): ItemConnection!
    search: [Result!]!
  }
  type Item { id: ID! name: String tags: [String!]! owner: Owner children(first: Int): [Item!]! }
  type Owner { name: String }
  type ItemConnection { totalCount: Int! edges: [ItemEdge!]! nodes: [Item!]! }
  type ItemEdge { cursor: String! node: Item! }
  union Result = Item | Owner
`);

/** The cost of the document's first operation, without validating it (as a rule may run before validation does). */
function cost(query: string, variables?: Record<string, unknown>, defaultListSize = 10): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  return operationCost(schema, operation, (name) => fragments.find((f) => f.name.value === name), { defaultListSize, variables });
}

describe("operationCost", () => {
  it("counts 1 per object and nothing for scalars, enums or lists of scalars", () => {
    expect(cost("{ item { id name tags } }")).toBe(1);
    expect(cost("{ item { owner { name } } }")).toBe(2);
  });

  it("multiplies a list without first/last by the default list size", () => {
    expect(cost("{ things { id } }")).toBe(10);
    expect(cost("{ things { id } }", {}, 7)).toBe(7);
  });

  it("multiplies by the schema's default first", () => {
    expect(cost("{ items { id } }")).toBe(25);
  });

  it("multiplies nested lists by their literal first/last, the list itself included", () => {
    expect(cost("{ items(first: 2) { children(first: 3) { owner { name } } } }")).toBe(2 * (1 + 3 * (1 + 1)));
    expect(cost("{ items(last: 5) { id } }")).toBe(5);
  });

  it("takes first from the request's variables, else the variable's default, else the schema's", () => {
    const query = "query ($n: Int) { items(first: $n) { id } }";
    expect(cost(query, { n: 40 })).toBe(40);
    expect(cost(query, {})).toBe(25);
    expect(cost("query ($n: Int = 6) { items(first: $n) { id } }", {})).toBe(6);
    expect(cost("query ($n: Int = 6) { items(first: $n) { id } }", { n: 9 })).toBe(9);
  });

  it("passes a connection's first to the lists directly inside it", () => {
    expect(cost("{ page(first: 200) { totalCount edges { node { id owner { name } } } } }")).toBe(1 + 200 * (1 + 1 + 1));
    expect(cost("{ page { nodes { id } } }")).toBe(1 + 20);
    expect(cost("{ page(first: 5) { edges { node { children { id } } } } }")).toBe(1 + 5 * (1 + 1 + 10));
  });

  it("follows named and inline fragments, a connection's size included", () => {
    const query = `{ items(first: 2) { ...F } }
      fragment F on Item { owner { name } ... on Item { children(first: 3) { id } } }`;
    expect(cost(query)).toBe(2 * (1 + 1 + 3));
    expect(cost("{ page(first: 50) { ...P } } fragment P on ItemConnection { edges { node { id } } }")).toBe(1 + 50 * 2);
  });

  it("counts each branch of a union", () => {
    expect(cost("{ search { __typename ... on Item { owner { name } } ... on Owner { name } } }")).toBe(10 * (1 + 1));
  });

  it("stops at a fragment cycle", () => {
    expect(cost("{ item { ...A } } fragment A on Item { owner { name } ...B } fragment B on Item { ...A }")).toBe(2);
  });

  it("computes a fragment once, so doubling at every level stays quick to count", () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Item { id }` : `fragment F${i} on Item { a: children(first: 1) { ...F${i + 1} } b: children(first: 1) { ...F${i + 1} } }`,
    );
    // F(last) = 0, F(i) = 2 (1 + F(i+1)), so F(0) = 2^levels - 2; plus the item itself.
    expect(cost(`{ item { ...F0 } } ${fragments.join(" ")}`)).toBe(2 ** levels - 1);
  });

  it("costs introspection nothing", () => {
    expect(cost("{ __typename __schema { types { name fields { name } } } __type(name: \"Item\") { name } }")).toBe(0);
  });
});

describe("tooComplex", () => {
  it("carries QUERY_TOO_COMPLEX and HTTP 400, with numbers people read", () => {
    const error = tooComplex(`query cost ${formatCount(8_040_200)} is over the limit of ${formatCount(50_000)}`);
    expect(error.message).toBe("query cost 8,040,200 is over the limit of 50,000");
    expect(error.extensions).toEqual({ code: "QUERY_TOO_COMPLEX", http: { status: 400 } });
  });
});
