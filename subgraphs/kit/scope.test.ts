import { describe, expect, it } from "vitest";
import type { Caller } from "../../schema/caller.js";
import { checkCustomer, scopeFor, visible } from "./scope.js";

const caller = (overrides: Partial<Caller>): Caller => ({ subject: "u", roles: ["agent"], region: "HQ", managerId: null, pii: false, ...overrides });

describe("scopeFor", () => {
  it("lets HQ see every region, a province its local networks and a local network itself", async () => {
    const hq = scopeFor(caller({ roles: ["hq-analyst"] }), async () => []);
    const province = scopeFor(caller({ region: "32" }), async () => []);
    const local = scopeFor(caller({ region: "3201" }), async () => []);
    expect(await hq.allowsCustomer("440100000001")).toBe(true);
    expect(await province.allowsCustomer("320500000001")).toBe(true);
    expect(await province.allowsCustomer("330100000001")).toBe(false);
    expect(await local.allowsCustomer("320100000001")).toBe(true);
    expect(await local.allowsCustomer("320500000001")).toBe(false);
    expect([hq.listRegion, province.listRegion, local.listRegion]).toEqual(["", "32", "3201"]);
  });

  it("lets a key-account manager see only the portfolio, looked up once per request", async () => {
    let lookups = 0;
    const scope = scopeFor(caller({ roles: ["ka-manager"], region: "3201", managerId: "JL32010001" }), async (id) => {
      lookups++;
      return id === "JL32010001" ? ["320100000007"] : [];
    });
    expect(await scope.allowsCustomer("320100000007")).toBe(true);
    expect(await scope.allowsCustomer("320100000008")).toBe(false);
    expect(scope.listRegion).toBeNull();
    expect([...((await scope.portfolio()) ?? [])]).toEqual(["320100000007"]);
    expect(lookups).toBe(1);
    expect(await visible(scope, ["320100000008", "320100000007"], (id) => id)).toEqual(["320100000007"]);
  });

  it("gives an architect no customer at all, and an admin every one whatever the region claim", async () => {
    const architect = scopeFor(caller({ roles: ["architect"] }), async () => []);
    expect(await architect.allowsCustomer("320100000001")).toBe(false);
    expect(architect.listRegion).toBeNull();
    expect(await architect.portfolio()).toBeNull();
    await expect(checkCustomer(architect, "320100000001")).rejects.toMatchObject({ extensions: { code: "FORBIDDEN" } });
    const admin = scopeFor(caller({ roles: ["admin"], region: "3201" }), async () => []);
    expect(await admin.allowsCustomer("440300000001")).toBe(true);
  });
});
