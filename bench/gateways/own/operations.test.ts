import { describe, expect, it } from "vitest";
import { decodeJwt } from "jose";
import { benchOperations, managerRegion, nth } from "./operations.js";

const secret = "x".repeat(48);
const picks = {
  customerIds: Array.from({ length: 20 }, (_, i) => `3201${String(i).padStart(8, "0")}`),
  managerIds: ["JL32010001", "JL32020002"],
  biVariables: [{ orderBy: { field: "ARPU", direction: "DESC" } }, { orderBy: { field: "ARPU", direction: "ASC" }, filter: { regionCode: "32" } }],
};

describe("workload (b)'s operations", () => {
  it("gives consecutive requests different customers until the list is used up", () => {
    const ids = new Set(Array.from({ length: 20 }, (_, n) => nth(picks.customerIds, n)));
    expect(ids.size).toBe(20);
  });

  it("sends customer 360 for a different customer each request, with the analyst's token", async () => {
    const ops = await benchOperations(secret, picks);
    const bodies = [0, 1, 2].map((n) => JSON.parse(ops.customer360.body(n)) as { query: string; variables: { id: string } });
    expect(bodies[0]!.query).toContain("query Customer360");
    expect(new Set(bodies.map((b) => b.variables.id)).size).toBe(3);
    expect(decodeJwt(ops.customer360.headers(0).authorization!.slice(7))).toMatchObject({ roles: ["hq-analyst"], region: "HQ", pii: true });
  });

  it("asks each manager's portfolio of 50 with that manager's own token and local network", async () => {
    const ops = await benchOperations(secret, picks);
    expect(JSON.parse(ops.portfolio.body(0))).toMatchObject({ variables: { first: 50 } });
    const claims = [0, 1].map((n) => decodeJwt(ops.portfolio.headers(n).authorization!.slice(7)));
    expect(claims.map((c) => c.managerId).sort()).toEqual(picks.managerIds);
    for (const c of claims) expect(c).toMatchObject({ roles: ["ka-manager"], region: managerRegion(c.managerId as string) });
  });

  it("asks BI pages of 1,000 with the picked orders and filters in turn", async () => {
    const ops = await benchOperations(secret, picks);
    const variables = [0, 1].map((n) => (JSON.parse(ops.bi.body(n)) as { variables: Record<string, unknown> }).variables);
    expect(variables).toEqual(expect.arrayContaining(picks.biVariables.map((v) => ({ first: 1000, ...v }))));
  });
});
