import "reflect-metadata";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import type { Call, CallCentrePort } from "../../adapters/call-centre/port.js";
import type { Caller } from "../../schema/caller.js";
import { scopeFor } from "../kit/scope.js";
import { callCentreContext } from "./context.js";
import { buildCallCentreSubgraph } from "./schema.js";

// @apollo/subgraph, a CommonJS package, builds the schema with CommonJS graphql: only that copy executes it.
const { graphql } = createRequire(import.meta.url)("graphql") as typeof import("graphql");

const NANJING = "320100000001";
const BEIJING = "110100000002";
const call = (callId: string, customerId: string | null, callingNumber: string, startedAt: string): Call => ({
  callId,
  callingNumber,
  customerId,
  type: "BILLING_QUESTION",
  outcome: "RESOLVED",
  startedAt,
  durationSeconds: 90,
  agentId: "A0001",
});
const CALLS: Record<string, Call[]> = {
  [`customer:${NANJING}`]: [call("11", NANJING, "13300000001", "2026-10-01T09:00:00+08:00")],
  "line:13300000001": [call("12", null, "13300000001", "2026-11-01T09:00:00+08:00")],
  [`customer:${BEIJING}`]: [call("21", BEIJING, "13300000002", "2026-10-01T09:00:00+08:00")],
};
const BY_ID = new Map([...Object.values(CALLS).flat(), call("31", null, "13900000000", "2026-09-01T09:00:00+08:00")].map((c) => [c.callId, c]));
const HOLDERS = new Map([["13300000001", NANJING]]);

/** The call centre as a map, counting the parties it is asked about. */
function fakePort(asked: string[][]): CallCentrePort {
  return {
    getCallsByParty: async (parties) => {
      asked.push([...parties]);
      return new Map(parties.map((p) => [p, CALLS[p] ?? []]));
    },
    getCalls: async (ids) => new Map(ids.flatMap((id) => (BY_ID.has(id) ? [[id, BY_ID.get(id)!]] : []))),
    health: () => ({ system: "call-centre", breaker: "closed" }),
    close: async () => {},
  };
}

let schema: Awaited<ReturnType<typeof buildCallCentreSubgraph>>["schema"];
beforeAll(async () => {
  schema = (await buildCallCentreSubgraph()).schema;
});

async function run(query: string, variables: Record<string, unknown>, caller: Partial<Caller>, asked: string[][] = []) {
  const who: Caller = { subject: "u", roles: ["agent"], region: "3201", managerId: null, pii: false, ...caller };
  const contextValue = callCentreContext(fakePort(asked), scopeFor(who, async () => []), async (nos) => new Map(nos.flatMap((n) => (HOLDERS.has(n) ? [[n, HOLDERS.get(n)!]] : []))));
  return graphql({ schema, source: query, variableValues: variables, contextValue });
}

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { calls { callId callingNumber identified customer { id } } } } }`;
const facts = (id: string, serviceNos: string[]) => ({ __typename: "Customer", id, profileFacts: { subscriptions: serviceNos.map((serviceNo) => ({ serviceNo })) } });

describe("the call-centre subgraph's scope", () => {
  it("serves a customer of the caller's region on _entities: its own calls and its lines' unidentified ones, newest first, the number masked", async () => {
    const asked: string[][] = [];
    const { data, errors } = await run(ENTITIES, { r: [facts(NANJING, ["13300000001", "AD02500000001"])] }, {}, asked);
    expect(errors).toBeUndefined();
    expect(data!["_entities"]).toEqual([
      {
        calls: [
          { callId: "12", callingNumber: "133****0001", identified: false, customer: null },
          { callId: "11", callingNumber: "133****0001", identified: true, customer: { id: NANJING } },
        ],
      },
    ]);
    expect(asked).toEqual([[`customer:${NANJING}`, "line:13300000001", "line:AD02500000001"]]);
  });

  it("refuses a customer of another region on _entities before asking the centre", async () => {
    const asked: string[][] = [];
    const { data, errors } = await run(ENTITIES, { r: [facts(BEIJING, ["13300000002"])] }, {}, asked);
    expect(data!["_entities"]).toEqual([null]);
    expect(errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(asked).toEqual([]);
  });

  it("names the business hall when its facts did not come, rather than leave the unidentified calls out", async () => {
    const { errors } = await run(ENTITIES, { r: [{ __typename: "Customer", id: NANJING, profileFacts: null }] }, {});
    expect(errors![0]!.extensions).toMatchObject({ code: "SOURCE_UNAVAILABLE", source: "business-hall" });
  });
});

describe("callCentreCall", () => {
  const QUERY = `query($id: String!) { callCentreCall(callId: $id) { callId callingNumber } }`;
  it("answers a call identified as a customer of the caller's region, unmasked with the PII right", async () => {
    const { data } = await run(QUERY, { id: "11" }, { pii: true });
    expect(data!["callCentreCall"]).toEqual({ callId: "11", callingNumber: "13300000001" });
  });

  it("scopes a call nobody identified by the holder of its line, and one from a line nobody holds to callers of every region", async () => {
    expect((await run(QUERY, { id: "12" }, {})).data!["callCentreCall"]).toMatchObject({ callId: "12" });
    expect((await run(QUERY, { id: "12" }, { region: "1101" })).errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect((await run(QUERY, { id: "31" }, {})).errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect((await run(QUERY, { id: "31" }, { roles: ["hq-analyst"], region: "HQ" })).data!["callCentreCall"]).toMatchObject({ callId: "31" });
  });

  it("refuses another region's call, answers null for an unknown one, and BAD_USER_INPUT for no serial", async () => {
    expect((await run(QUERY, { id: "21" }, {})).errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect((await run(QUERY, { id: "99" }, {})).data!["callCentreCall"]).toBeNull();
    expect((await run(QUERY, { id: "12-3" }, {})).errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
  });
});
