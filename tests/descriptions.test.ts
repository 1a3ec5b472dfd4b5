import { printSchema, Supergraph } from "@apollo/federation-internals";
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isSpecifiedScalarType, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { composeSupergraph } from "../subgraphs/compose.js";

/**
 * Consumers read the graph in the explorer's documentation: every type, field, input field and argument
 * they can see says where its value comes from (which system, which rule). Checked on the API schema of
 * the supergraph composed from the code now, so that a new field without a description fails here
 * even before `npm run compose`.
 */

let api: GraphQLSchema;

beforeAll(async () => {
  // Printed and built again, so that the schema is made by the graphql module this file's checks come from.
  api = buildSchema(printSchema(Supergraph.build((await composeSupergraph()).supergraph).apiSchema()));
});

const described = (description: string | null | undefined) => (description ?? "").trim() !== "";

/** Schema coordinates (Type, Type.field, Type.field(arg)) of every element consumers can see, with its description. */
function elements(schema: GraphQLSchema): { coordinate: string; description: string | null | undefined }[] {
  const found: { coordinate: string; description: string | null | undefined }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    found.push({ coordinate: type.name, description: type.description });
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        found.push({ coordinate: `${type.name}.${field.name}`, description: field.description });
        for (const arg of field.args) found.push({ coordinate: `${type.name}.${field.name}(${arg.name}:)`, description: arg.description });
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) found.push({ coordinate: `${type.name}.${field.name}`, description: field.description });
    }
  }
  return found;
}

describe("descriptions in the API schema", () => {
  it("the check sees the whole graph: root fields, entity fields, arguments, enums and input types", () => {
    const coordinates = elements(api).map((e) => e.coordinate);
    expect(coordinates).toEqual(expect.arrayContaining(["Query", "Query.customer", "Query.customer(id:)", "Customer.credit", "Account.bills(unpaidOnly:)", "CreditList"]));
    expect(Object.values(api.getTypeMap()).some((t) => isInputObjectType(t))).toBe(true);
    expect(Object.values(api.getTypeMap()).some((t) => isEnumType(t))).toBe(true);
    // The facts the judgements read are hidden from consumers: they need no description for them.
    expect(coordinates).not.toContain("Customer.billingFacts");
  });

  it("every type, field, input field and argument a consumer can see has one", () => {
    const missing = elements(api)
      .filter((e) => !described(e.description))
      .map((e) => e.coordinate);
    expect(missing, "describe these where they are declared (the @ObjectType, @Field, @Arg or graphqlEnum), saying which system and rule the value comes from").toEqual([]);
  });
});
