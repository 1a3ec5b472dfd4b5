import { readFile } from "node:fs/promises";
import { Kind, parse, print } from "graphql";
import { describe, expect, it } from "vitest";
import { composeSupergraph } from "../subgraphs/compose.js";

const committed = (name: string) => readFile(new URL(`../schema/${name}.graphql`, import.meta.url), "utf8");

describe("schema/", () => {
  it("composes without errors or hints, and the committed SDL is what the code prints (run `npm run compose` if not)", async () => {
    const composition = await composeSupergraph();
    expect(composition.hints).toEqual([]);
    for (const { name, sdl } of composition.subgraphs) {
      expect(await committed(name), `schema/${name}.graphql is stale`).toBe(sdl);
    }
    expect(await committed("supergraph"), "schema/supergraph.graphql is stale").toBe(composition.supergraph);
  });

  it("keeps the contract's names and types that consumers rely on (ARCHITECTURE.md)", async () => {
    const fields = fieldTypes(await committed("supergraph"));
    const expected: Record<string, string> = {
      "Query.customer": "Customer",
      "Query.customerByServiceNumber": "Customer",
      "Query.account": "Account",
      "Query.customers": "CustomerConnection",
      "CustomerConnection.totalCount": "Int!",
      "Customer.id": "ID!",
      "Customer.name": "String!",
      "Customer.kind": "CustomerKind!",
      "Customer.region": "Region!",
      "Region.code": "String!",
      "Region.name": "String!",
      "Customer.accounts": "[Account!]!",
      "Customer.subscriptions": "[ServiceSubscription!]!",
      "Customer.keyAccount": "KeyAccount",
      "Customer.credit": "Credit!",
      "Customer.loyalty": "Loyalty!",
      "Customer.satisfaction": "Satisfaction",
      "Customer.valueTier": "ValueTier!",
      "Customer.arrears": "Arrears!",
      "Account.accountNo": "ID!",
      "Account.bills": "[Bill!]!",
      "Bill.billNo": "String!",
      "Bill.month": "String!",
      "Bill.amountFen": "SafeInt!",
      "Bill.paidFen": "SafeInt!",
      "Bill.dueDate": "LocalDate!",
      "Bill.state": "BillState!",
      "ServiceSubscription.serviceNo": "String!",
      "ServiceSubscription.product": "String!",
      "ServiceSubscription.status": "SubscriptionStatus!",
      "ServiceSubscription.network": "NetworkStatus",
      "NetworkStatus.status": "LineState!",
      "Credit.score": "Float!",
      "Credit.level": "ScoreLevel!",
      "Credit.list": "CreditList!",
      "Credit.factors": "[Factor!]!",
      "Factor.name": "String!",
      "Factor.weight": "Float!",
      "Factor.value": "Float!",
      "Factor.contribution": "Float!",
      "Factor.reason": "String!",
      "Loyalty.factors": "[Factor!]!",
      "ValueTier.tier": "CustomerValueTier!",
      "ValueTier.arpuFen": "SafeInt!",
      "Arrears.totalFen": "SafeInt!",
      "Arrears.oldestDueDate": "LocalDate",
      "Arrears.buckets": "[AgeBucket!]!",
      "AgeBucket.label": "String!",
      "AgeBucket.amountFen": "SafeInt!",
      "Arrears.dunningStage": "DunningStage!",
    };
    for (const [path, type] of Object.entries(expected)) expect(fields.get(path), path).toBe(type);
    // Every amount of money is an integer number of fen.
    for (const [path, type] of fields) if (/Fen$/.test(path)) expect(type.replace("!", ""), path).toBe("SafeInt");
    // A type named Subscription would become the subscription root type; the graph has none.
    expect(rootOperations(await committed("supergraph"))).toEqual(["query"]);
  });
});

/** "Type.field" → its printed type, for every object type of an SDL document. */
function fieldTypes(sdl: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const definition of parse(sdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) fields.set(`${definition.name.value}.${field.name.value}`, print(field.type));
  }
  return fields;
}

function rootOperations(sdl: string): string[] {
  const schema = parse(sdl).definitions.find((d) => d.kind === Kind.SCHEMA_DEFINITION);
  return schema?.kind === Kind.SCHEMA_DEFINITION ? schema.operationTypes.map((o) => o.operation) : [];
}
