import "reflect-metadata";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import type { BusinessHallPort, Customer, CustomerPageRequest } from "../../adapters/business-hall/port.js";
import { syntheticRows } from "../../adapters/snapshot/fixtures.js";
import type { SnapshotRow } from "../../adapters/snapshot/port.js";
import { MemorySnapshot } from "../../tests/support/memory-snapshot.js";
import { scopeFor } from "../kit/scope.js";
import { profileContext } from "./context.js";
import { buildProfileSubgraph } from "./schema.js";

// @apollo/subgraph, a CommonJS package, builds the schema with CommonJS graphql: only that copy executes it.
const { graphql } = createRequire(import.meta.url)("graphql") as typeof import("graphql");
const ROWS = syntheticRows(30, { seed: 9, asOf: "2026-11-15" });
const PAGE = `{ customers(first: 10) { edges { node { id judgementSnapshot { valueTier creditScore abnormalFlags } } } } }`;
let schema: Awaited<ReturnType<typeof buildProfileSubgraph>>["schema"];

beforeAll(async () => {
  schema = (await buildProfileSubgraph()).schema;
});

/** A hall that lists the rows' customers in number order, live. */
function hallOf(rows: readonly SnapshotRow[]): BusinessHallPort {
  const customers = rows.map((r) => ({ id: r.customerId, name: r.customerId, kind: r.kind, region: { code: r.regionCode, name: "某地" }, address: "某路1号", phone: "13900000000", idDocument: { kind: "ID_CARD", number: "1" } }) as Customer).sort((a, b) => a.id.localeCompare(b.id));
  const hall = {
    async listCustomers({ after, first }: CustomerPageRequest) {
      const rest = customers.filter((c) => after === null || c.id > after);
      return { customers: new Map(rest.slice(0, first).map((c) => [c.id, c])), hasNextPage: rest.length > first };
    },
  };
  return hall as unknown as BusinessHallPort;
}

function run(snapshot: MemorySnapshot) {
  const scope = scopeFor({ subject: "t", roles: ["hq-analyst"], region: "HQ", managerId: null, pii: false }, async () => []);
  return graphql({ schema, source: PAGE, contextValue: profileContext(hallOf(ROWS), scope, snapshot) });
}

describe("judgementSnapshot on a live page", () => {
  it("answers every customer's row from one store query", async () => {
    const snapshot = new MemorySnapshot(ROWS);
    const { data, errors } = await run(snapshot);
    expect(errors).toBeUndefined();
    const byId = new Map(ROWS.map((r) => [r.customerId, r]));
    const nodes = (data as any).customers.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(10);
    for (const node of nodes) {
      const row = byId.get(node.id)!;
      expect(node.judgementSnapshot).toEqual({ valueTier: row.valueTier, creditScore: row.creditScore, abnormalFlags: row.abnormalFlags });
    }
    expect(snapshot.calls.page).toBe(1);
  });

  it("reports a store that cannot be read at each customer's judgementSnapshot, asking it once", async () => {
    const snapshot = new MemorySnapshot(ROWS);
    snapshot.failure = new Error("connection refused");
    const { data, errors } = await run(snapshot);
    expect((data as any).customers.edges).toHaveLength(10);
    expect((data as any).customers.edges.every((e: any) => e.node.judgementSnapshot === null)).toBe(true);
    expect(errors).toHaveLength(10);
    expect(errors!.every((e) => e.extensions.code === "SOURCE_UNAVAILABLE" && e.path?.at(-1) === "judgementSnapshot")).toBe(true);
    expect(snapshot.calls.page).toBe(1);
  });
});
