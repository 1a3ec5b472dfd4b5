import { describe, expect, it } from "vitest";
import { parseScaleArgs } from "./options.js";
import { populationPrefix } from "./populations.js";

describe("npm run bench -- scale options", () => {
  it("defaults to 10,000 and 1,000,000 customers on the local PostgreSQL, lookups and the scan", () => {
    const parsed = parseScaleArgs({}, {});
    expect(parsed.success && parsed.data).toMatchObject({
      databaseUrl: "postgres://postgres@127.0.0.1:5432/postgres",
      sizes: [10_000, 1_000_000],
      parts: ["lookup", "scan"],
      connections: 10,
      scanOrder: "CUSTOMER_ID",
      snapshot: "auto",
    });
  });

  it("reads lists and numbers, sorts the sizes and takes DATABASE_URL", () => {
    const parsed = parseScaleArgs({ sizes: "1000000, 10000", parts: "scan", "scan-seconds": "30", "scan-order": "REVENUE_12M" }, { DATABASE_URL: "postgres://db/x" });
    expect(parsed.success && parsed.data).toMatchObject({ databaseUrl: "postgres://db/x", sizes: [10_000, 1_000_000], parts: ["scan"], scanSeconds: 30, scanOrder: "REVENUE_12M" });
  });

  it("names the bad flag", () => {
    const parsed = parseScaleArgs({ sizes: "10000,lots" }, {});
    expect(parsed.success).toBe(false);
    expect(!parsed.success && parsed.error.issues[0]?.path[0]).toBe("sizes");
    expect(parseScaleArgs({ parts: "lookup,everything" }, {}).success).toBe(false);
    expect(parseScaleArgs({ snapshot: "guess" }, {}).success).toBe(false);
  });
});

describe("population schema prefixes", () => {
  it("names a population by its size", () => {
    expect(populationPrefix(10_000)).toBe("scale10k_");
    expect(populationPrefix(1_000_000)).toBe("scale1m_");
    expect(populationPrefix(2_500)).toBe("scale2500_");
  });
});
