import { describe, expect, it } from "vitest";
import { regionRoutes } from "../kit/routing.js";
import type { BillingPort, UsageRecordRequest } from "./port.js";
import { usageRequestKey } from "./usage-port.js";
import { BILLING_ADAPTERS, RoutedBillingPort, regionOfAccountNo, regionOfCustomerId, regionOfServiceNo } from "./route.js";

type Call = { adapter: string; method: string; keys: unknown };

/** A billing port that answers each key with its own name, and notes every call. */
function recording(name: string, calls: Call[]): BillingPort {
  return new Proxy({} as BillingPort, {
    get(_, property) {
      const method = String(property);
      if (method === "health") return () => ({ system: "billing", breaker: name === "modern" ? "half-open" : "closed" });
      if (method === "then") return undefined;
      return async (keys: unknown) => {
        calls.push({ adapter: name, method, keys });
        if (!Array.isArray(keys)) return { adapter: name };
        return new Map(keys.map((k: unknown) => [typeof k === "string" ? k : usageRequestKey(k as UsageRecordRequest), `${name}:${typeof k === "string" ? k : "request"}`]));
      };
    },
  });
}

function routed(byRegion: string) {
  const calls: Call[] = [];
  const port = new RoutedBillingPort(
    { sql: recording("sql", calls), modern: recording("modern", calls) },
    { fallback: "sql", byRegion: regionRoutes(BILLING_ADAPTERS).parse(byRegion) },
  );
  return { port, calls };
}

describe("billing routing by region", () => {
  it("reads each key's region from the key itself", () => {
    expect(regionOfCustomerId("320100000042")).toBe("3201");
    expect(regionOfAccountNo("88330100000420")).toBe("3301");
    expect(regionOfServiceNo("ZX440100001234")).toBe("4401");
    expect(regionOfServiceNo("13300001234")).toBeNull();
    expect(regionOfAccountNo("not an account")).toBeNull();
  });

  it("splits a batch into one call per adapter and merges the answers in the asked order", async () => {
    const { port, calls } = routed("32:modern");
    const ids = ["88330100000010", "88320100000020", "88440300000030", "88320500000040"];
    const answer = await port.getAccounts(ids);
    expect([...answer.keys()]).toEqual(ids);
    expect([...answer.values()]).toEqual(["sql:88330100000010", "modern:88320100000020", "sql:88440300000030", "modern:88320500000040"]);
    expect(calls).toEqual([
      { adapter: "sql", method: "getAccounts", keys: ["88330100000010", "88440300000030"] },
      { adapter: "modern", method: "getAccounts", keys: ["88320100000020", "88320500000040"] },
    ]);
  });

  it("lets a local network's route win over its province's", async () => {
    const { port, calls } = routed("32:modern,3205:sql");
    await port.getBillingFacts(["320100000001", "320500000002"]);
    expect(calls.map((c) => [c.adapter, c.keys])).toEqual([
      ["modern", ["320100000001"]],
      ["sql", ["320500000002"]],
    ]);
  });

  it("sends keys with no region, and searches across regions, to the default adapter", async () => {
    const { port, calls } = routed("32:modern");
    await port.getBillItems(["123", "456"]);
    await port.getServices(["13300001234", "ZX320100000001"]);
    await port.findOffers({ after: null, first: 10 });
    await port.findOffers({ regionCode: "3201", after: null, first: 10 });
    expect(calls.map((c) => [c.adapter, c.method, c.keys])).toEqual([
      ["sql", "getBillItems", ["123", "456"]],
      ["sql", "getServices", ["13300001234"]],
      ["modern", "getServices", ["ZX320100000001"]],
      ["sql", "findOffers", { after: null, first: 10 }],
      ["modern", "findOffers", { regionCode: "3201", after: null, first: 10 }],
    ]);
  });

  it("routes detail-record pages by their service, answered under the port's request key", async () => {
    const { port, calls } = routed("44:modern");
    const requests = [
      { serviceNo: "ZX440100000001", month: "2026-10", first: 5, after: null },
      { serviceNo: "13300001234", month: "2026-10", first: 5, after: null },
    ];
    const answer = await port.getUsageRecords(requests);
    expect([...answer.keys()]).toEqual(requests.map(usageRequestKey));
    expect(calls.map((c) => c.adapter)).toEqual(["modern", "sql"]);
  });

  it("sends each write to the adapter of its record's region", async () => {
    const { port, calls } = routed("33:modern");
    await port.recordPayment({ accountNo: "88330100000010", amountFen: 100, channel: "WEB", idempotencyKey: "k1" });
    await port.recordDunningContact({ accountNo: "88320100000010", month: "2026-09", method: "MANUAL", result: "REACHED", idempotencyKey: "k2" });
    await port.setCreditGrade({ customerId: "330300000001", level: "HIGH", list: null, reason: "r", setBy: "me", idempotencyKey: "k3" });
    expect(calls.map((c) => [c.adapter, c.method])).toEqual([
      ["modern", "recordPayment"],
      ["sql", "recordDunningContact"],
      ["modern", "setCreditGrade"],
    ]);
  });

  it("reports the worst breaker of the adapters in use", () => {
    expect(routed("").port.health().breaker).toBe("closed");
    expect(routed("32:modern").port.health().breaker).toBe("half-open");
  });

  it("names a bad routing setting's entry", () => {
    const parse = (text: string) => regionRoutes(BILLING_ADAPTERS).safeParse(text);
    expect(parse("32:modern, 11:sql").data).toEqual({ "32": "modern", "11": "sql" });
    expect(parse("32:oracle").error?.issues[0]?.message).toContain('"32:oracle"');
    expect(parse("321:sql").error?.issues[0]?.message).toContain('"321:sql"');
    expect(parse("32:sql,32:modern").error?.issues[0]?.message).toContain("routed twice");
  });

  it("refuses a route to an adapter that was not built", () => {
    expect(() => new RoutedBillingPort({ sql: recording("sql", []) }, { fallback: "sql", byRegion: { "32": "modern" } })).toThrow(/modern/);
  });
});
