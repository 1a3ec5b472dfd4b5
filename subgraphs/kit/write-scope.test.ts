import { describe, expect, it } from "vitest";
import type { Caller } from "../../schema/caller.js";
import { scopeFor } from "./scope.js";
import { WRITES, checkWriteRole, checkWriteTarget, mayWrite, type WriteName } from "./write-scope.js";

const caller = (overrides: Partial<Caller>): Caller => ({ subject: "u", roles: ["agent"], region: "3201", managerId: null, pii: false, ...overrides });
const MANAGER = "JL32010001";
const PORTFOLIO = ["320100000007"];
let lookups = 0;
const scopeOf = (overrides: Partial<Caller>) =>
  scopeFor(caller(overrides), async (id) => {
    lookups++;
    return id === MANAGER ? PORTFOLIO : [];
  });

async function allowed(overrides: Partial<Caller>, write: WriteName, customerId: string, managerId?: string): Promise<boolean> {
  const scope = scopeOf(overrides);
  try {
    checkWriteRole(scope, write);
    await checkWriteTarget(scope, write, { customerId, what: "it", ...(managerId ? { managerId } : {}) });
    return true;
  } catch (error) {
    expect(error).toMatchObject({ extensions: { code: "FORBIDDEN" } });
    return false;
  }
}

describe("who may make which write", () => {
  it("gives hq-analyst and architect no write at all, and admin every write for every customer", async () => {
    for (const write of WRITES) {
      expect(mayWrite(caller({ roles: ["hq-analyst"], region: "HQ" }), write)).toBe(false);
      expect(mayWrite(caller({ roles: ["architect"], region: "HQ" }), write)).toBe(false);
      expect(await allowed({ roles: ["hq-analyst"], region: "HQ" }, write, "320100000001")).toBe(false);
      expect(await allowed({ roles: ["admin"], region: "3201" }, write, "440100000001")).toBe(true);
    }
  });

  it("lets an agent make the front office's writes for customers of its region only, and no visit", async () => {
    for (const write of ["recordComplaint", "openTroubleTicket", "recordPayment", "recordDunningContact", "recordSurvey"] as const) {
      expect(await allowed({ region: "3201" }, write, "320100000001")).toBe(true);
      expect(await allowed({ region: "32" }, write, "320500000001")).toBe(true);
      expect(await allowed({ region: "HQ" }, write, "440100000001")).toBe(true);
      expect(await allowed({ region: "3201" }, write, "320500000001")).toBe(false);
    }
    expect(await allowed({ region: "3201" }, "recordVisit", "320100000001")).toBe(false);
  });

  it("lets a key-account manager record visits, complaints and faults for its own portfolio only, and no money", async () => {
    const manager = { roles: ["ka-manager"], region: "3201", managerId: MANAGER } as const;
    expect(await allowed({ ...manager, roles: ["ka-manager"] }, "recordVisit", "320100000007", MANAGER)).toBe(true);
    expect(await allowed({ ...manager, roles: ["ka-manager"] }, "recordVisit", "320100000007", "JL32010002")).toBe(false);
    for (const write of ["recordComplaint", "openTroubleTicket", "recordSurvey"] as const) {
      expect(await allowed({ ...manager, roles: ["ka-manager"] }, write, "320100000007")).toBe(true);
      expect(await allowed({ ...manager, roles: ["ka-manager"] }, write, "320100000008")).toBe(false);
    }
    for (const write of ["recordPayment", "recordDunningContact"] as const) {
      expect(mayWrite(caller({ ...manager, roles: ["ka-manager"] }), write)).toBe(false);
    }
  });

  it("lets an agent set the credit level of its region's customers only, and no key-account manager even for its own portfolio", async () => {
    expect(await allowed({ region: "3201" }, "setCreditLevel", "320100000001")).toBe(true);
    expect(await allowed({ region: "HQ" }, "setCreditLevel", "440100000001")).toBe(true);
    expect(await allowed({ region: "3201" }, "setCreditLevel", "320500000001")).toBe(false);
    const manager = { roles: ["ka-manager"], region: "3201", managerId: MANAGER } as const;
    expect(mayWrite(caller({ ...manager, roles: ["ka-manager"] }), "setCreditLevel")).toBe(false);
    expect(await allowed({ ...manager, roles: ["ka-manager"] }, "setCreditLevel", "320100000007")).toBe(false);
    const scope = scopeOf({ region: "3201" });
    await expect(checkWriteTarget(scope, "setCreditLevel", { customerId: "440100000001", what: "customer 440100000001" })).rejects.toThrow(
      "customer 440100000001 is outside your scope for setCreditLevel",
    );
    expect(() => checkWriteRole(scopeOf({ roles: ["ka-manager"], managerId: MANAGER }), "setCreditLevel")).toThrow(/your role may not setCreditLevel/);
  });

  it("adds roles up: a manager who is also an analyst writes nothing more for the analyst's region", async () => {
    const both = { roles: ["ka-manager", "hq-analyst"], region: "HQ", managerId: MANAGER } as const;
    expect(await allowed({ ...both, roles: [...both.roles] }, "recordComplaint", "320100000007")).toBe(true);
    expect(await allowed({ ...both, roles: [...both.roles] }, "recordComplaint", "440100000001")).toBe(false);
    const agentManager = { roles: ["ka-manager", "agent"], region: "44", managerId: MANAGER } as const;
    expect(await allowed({ ...agentManager, roles: [...agentManager.roles] }, "recordComplaint", "320100000007")).toBe(true);
    expect(await allowed({ ...agentManager, roles: [...agentManager.roles] }, "recordPayment", "440100000001")).toBe(true);
    expect(await allowed({ ...agentManager, roles: [...agentManager.roles] }, "recordPayment", "320100000007")).toBe(false);
  });

  it("refuses by role before any lookup, and names the target as the caller sent it", async () => {
    lookups = 0;
    const analyst = scopeOf({ roles: ["hq-analyst"], region: "HQ" });
    expect(() => checkWriteRole(analyst, "recordPayment")).toThrow(/your role may not recordPayment/);
    expect(lookups).toBe(0);
    const agent = scopeOf({ region: "3201" });
    await expect(checkWriteTarget(agent, "openTroubleTicket", { customerId: "320500000001", what: "service number 13900000000" })).rejects.toThrow(
      "service number 13900000000 is outside your scope for openTroubleTicket",
    );
  });
});
