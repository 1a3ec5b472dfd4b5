import { parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { selects } from "./lookahead.js";

/** The resolve info of the document's first root field, as graphql-js gives it. */
function infoOf(document: string) {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")!;
  const fragments = Object.fromEntries(parsed.definitions.filter((d): d is FragmentDefinitionNode => d.kind === "FragmentDefinition").map((d) => [d.name.value, d]));
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

const PATH = ["edges", "node", "judgementSnapshot"];

describe("selects", () => {
  it("finds a field asked directly", () => {
    expect(selects(infoOf(`{ customers { edges { node { id judgementSnapshot { valueTier } } } } }`), PATH)).toBe(true);
  });

  it("finds it through inline fragments and named fragments, as the gateway may send them", () => {
    expect(selects(infoOf(`{ customers { edges { node { ... on Customer { judgementSnapshot { asOf } } } } } }`), PATH)).toBe(true);
    expect(selects(infoOf(`{ customers { ...page } } fragment page on CustomerConnection { edges { node { ...judged } } } fragment judged on Customer { judgementSnapshot { asOf } }`), PATH)).toBe(true);
  });

  it("says no when the path stops short or goes elsewhere", () => {
    expect(selects(infoOf(`{ customers { edges { node { id name } } pageInfo { endCursor } } }`), PATH)).toBe(false);
    expect(selects(infoOf(`{ customers { totalCount } }`), PATH)).toBe(false);
    expect(selects(infoOf(`{ customers { edges { cursor } } }`), PATH)).toBe(false);
  });
});
