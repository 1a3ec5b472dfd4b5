import { readFile } from "node:fs/promises";
import { Kind, parse, print } from "graphql";
import { describe, expect, it } from "vitest";
import { ADAPTER_ERROR_CODES } from "../adapters/kit/errors.js";
import { PUBLIC_ERROR_CODES } from "../schema/error-codes.js";
import { withErrorCodes } from "../schema/readme-codes.js";
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
      "Customer.accounts": "[Account!]",
      "Customer.subscriptions": "[ServiceSubscription!]!",
      "Customer.keyAccount": "KeyAccount",
      "Customer.credit": "Credit",
      "Customer.loyalty": "Loyalty",
      "Customer.satisfaction": "Satisfaction",
      "Customer.valueTier": "ValueTier",
      "Customer.arrears": "Arrears",
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
      "Account.serialNo": "String!",
      "Account.services": "[AccountService!]",
      "AccountService.itemGroup": "String!",
      "AccountService.subscription": "ServiceSubscription",
      "Account.credit": "AccountCredit",
      "AccountCredit.factors": "[Factor!]!",
      "Bill.settlements": "[Settlement!]",
      "Settlement.on": "LocalDate!",
      "Customer.creditStains": "[CreditStain!]",
      "CreditStain.kind": "CreditStainKind!",
      "AccountService.usage": "[UsageSummary!]",
      "AccountService.usageRecords": "UsageRecordPage",
      "UsageRecordPage.nextCursor": "String",
      "UsageRecord.otherParty": "String!",
      "UsageSummary.feeFen": "SafeInt!",
      "Account.feeTrend": "[FeeLine!]",
      "Customer.feeTrend": "[FeeLine!]",
      "Customer.prepaymentBalanceFen": "SafeInt",
      "Credit.source": "CreditSource!",
      "Credit.blackListStatus": "BlackListStatus",
      "Credit.manualHistory": "[ManualCreditLevel!]!",
      "Mutation.setCreditLevel": "SetCreditLevelPayload",
      "Customer.workOrders": "[WorkOrder!]!",
      "Customer.surveys": "[Survey!]!",
      "Customer.churnEvents": "[ChurnEvent!]",
      "ChurnEvent.kind": "ChurnEventKind!",
      "ChurnEvent.on": "LocalDate!",
      "Customer.relationshipStatus": "CustomerRelationship",
      "CustomerRelationship.status": "RelationshipStatus!",
      "Customer.littleUsedLines": "[LittleUsedLine!]",
      "Query.churnSummary": "ChurnSummary",
      "Query.levelHistory": "LevelHistoryReport",
      "Loyalty.history": "[LoyaltyMonth!]",
      "Satisfaction.history": "[SatisfactionMonth!]",
      "Mutation.recordSurvey": "RecordSurveyPayload",
    };
    for (const [path, type] of Object.entries(expected)) expect(fields.get(path), path).toBe(type);
    // Every amount of money is an integer number of fen.
    for (const [path, type] of fields) if (/Fen$/.test(path)) expect(type.replace("!", ""), path).toBe("SafeInt");
    // A type named Subscription would become the subscription root type; the graph has none (its writes are mutations).
    expect(rootOperations(await committed("supergraph"))).toEqual(["query", "mutation"]);
  });
});

describe("the error-code registry", () => {
  it("is what the README lists (run `npm run compose` if not)", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toBe(withErrorCodes(readme));
    expect(readme).toContain("| `SOURCE_TIMEOUT` |");
  });

  it("has a public code for every adapter code, but for our own mistakes, which consumers see as internal errors", () => {
    const adapterCodes = Object.keys(ADAPTER_ERROR_CODES).filter((code) => code !== "INTERNAL");
    expect(adapterCodes.filter((code) => !(code in PUBLIC_ERROR_CODES))).toEqual([]);
    expect("INTERNAL" in PUBLIC_ERROR_CODES).toBe(false);
  });
});

describe("nullability for partial answers", () => {
  it("makes every field nullable whose value another system than its parent's owner provides, and every root field", async () => {
    const broken = crossSystemNonNullFields(await committed("supergraph"));
    // A non-null field here would let one sick system's failure erase its parent: make it nullable.
    expect(broken).toEqual([]);
  });

  it("finds such fields when there are some (the rule above is not vacuous)", () => {
    const sdl = `
      type Query @join__type(graph: A) { thing: Thing! @join__field(graph: A) }
      type Thing @join__type(graph: A, key: "id") @join__type(graph: B, key: "id") {
        id: ID!
        name: String! @join__field(graph: A)
        label: String! @join__field(graph: A)
        extra: Int! @join__field(graph: B)
        link: Thing! @join__field(graph: B)
      }`;
    expect(crossSystemNonNullFields(sdl)).toEqual(["Query.thing", "Thing.extra", "Thing.link"]);
  });
});

/**
 * The rule of ARCHITECTURE.md, read off a supergraph: an entity's owner is the subgraph that resolves
 * most of its fields; a field resolved by another subgraph, or returning an entity another subgraph
 * owns, must be nullable, and so must every root field.
 */
function crossSystemNonNullFields(sdl: string): string[] {
  const objects = parse(sdl).definitions.filter((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION);
  const graphsOf = (directives: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: unknown }[] }[] | undefined, name: string) =>
    (directives ?? [])
      .filter((d) => d.name.value === name)
      .filter((d) => !d.arguments?.some((a) => a.name.value === "external" && print(a.value as never) === "true"))
      .map((d) => print(d.arguments!.find((a) => a.name.value === "graph")!.value as never));
  const owners = new Map<string, string>();
  for (const type of objects) {
    if (type.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const typeGraphs = graphsOf(type.directives, "join__type");
    if (typeGraphs.length < 2) {
      owners.set(type.name.value, typeGraphs[0] ?? "");
      continue;
    }
    const counts = new Map<string, number>();
    for (const field of type.fields ?? []) for (const g of graphsOf(field.directives, "join__field")) counts.set(g, (counts.get(g) ?? 0) + 1);
    // A value type several subgraphs define whole (@shareable) is resolved by whichever returns it: no owner to cross.
    owners.set(type.name.value, [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "");
  }
  const broken: string[] = [];
  for (const type of objects) {
    if (type.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const owner = owners.get(type.name.value)!;
    for (const field of type.fields ?? []) {
      if (field.type.kind !== Kind.NON_NULL_TYPE) continue;
      const resolvedBy = graphsOf(field.directives, "join__field");
      const by = resolvedBy.length > 0 ? resolvedBy : [owner];
      const returned = print(field.type).replace(/[[\]!]/g, "");
      const returnedOwner = owners.get(returned);
      const crosses = type.name.value === "Query" || !by.includes(owner) || (returnedOwner !== undefined && returnedOwner !== "" && !by.includes(returnedOwner) && owners.has(returned) && isEntity(returned));
      if (crosses) broken.push(`${type.name.value}.${field.name.value}`);
    }
  }
  function isEntity(name: string): boolean {
    const type = objects.find((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === name);
    return type?.kind === Kind.OBJECT_TYPE_DEFINITION && graphsOf(type.directives, "join__type").length > 1;
  }
  return broken.sort();
}

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
