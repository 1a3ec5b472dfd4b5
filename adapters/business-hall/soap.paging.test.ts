import { describe, expect, it } from "vitest";
import { expectRefusedUpFront, served } from "../kit/testing.js";
import { hallAdapterFixture } from "./hall.testing.js";
import type { CustomerFilter } from "./port.js";

const hall = hallAdapterFixture();
const { s, counter, sql } = hall;

async function ids(where = "TRUE", values: unknown[] = []): Promise<string[]> {
  return (await sql<{ cust_no: string }>(`SELECT cust_no FROM ${s}.tb_cust WHERE ${where} ORDER BY cust_no`, values)).map((row) => row.cust_no);
}

describe("business hall SOAP adapter: paging and counting customers", () => {
  it("pages through all customers in id order, one round trip a page", async () => {
    const all = await ids();
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await hall.adapter.listCustomers({ after, first: 120 });
      pages += 1;
      seen.push(...served(page.customers).keys());
      if (!page.hasNextPage) break;
      after = [...page.customers.keys()].at(-1) ?? null;
    }
    expect(seen).toEqual(all);
    expect(counter.get("business-hall")).toBe(pages);
    expect(pages).toBe(Math.ceil(all.length / 120));
  });

  it("pages through customers matching a filter", async () => {
    const rows = await ids(`region_code = '3201' AND cust_type = '01' AND education = '4'`);
    expect(rows.length).toBeGreaterThan(2);
    const filter = { regionCode: "3201", kind: "RESIDENTIAL" as const, education: "UNDERGRADUATE" as const };
    const page = await hall.adapter.listCustomers({ after: rows[0] ?? null, first: 2, filter });
    expect([...served(page.customers).keys()]).toEqual(rows.slice(1, 3));
    expect(page.hasNextPage).toBe(rows.length > 3);
    const empty = await hall.adapter.listCustomers({ after: null, first: 0, filter: { industryCode: "J" } });
    expect(empty).toEqual({ customers: new Map(), hasNextPage: (await ids(`industry_code = 'J'`)).length > 0 });
  });

  it("filters on a whole province by its two digits", async () => {
    const province = await ids(`region_code LIKE '32%'`);
    expect(province.length).toBeGreaterThan(0);
    expect(province.length).toBeLessThan((await ids()).length);
    const page = await hall.adapter.listCustomers({ after: null, first: 1000, filter: { regionCode: "32" } });
    expect([...served(page.customers).keys()]).toEqual(province);
    expect([...served(page.customers).values()].every((c) => c.region.code.startsWith("32"))).toBe(true);
  });

  it("counts the customers matching each mix of criteria in one round trip, as the tables hold them", async () => {
    const cases: [CustomerFilter, string][] = [
      [{}, "TRUE"],
      [{ regionCode: "32" }, `region_code LIKE '32%'`],
      [{ regionCode: "3201" }, `region_code = '3201'`],
      [{ kind: "BUSINESS" }, `cust_type = '02'`],
      [{ industryCode: "J" }, `industry_code = 'J'`],
      [{ regionCode: "3201", kind: "RESIDENTIAL", education: "UNDERGRADUATE" }, `region_code = '3201' AND cust_type = '01' AND education = '4'`],
      [{ regionCode: "99" }, "FALSE"],
    ];
    for (const [filter, where] of cases) {
      counter.reset();
      expect(await hall.adapter.countCustomers(filter), JSON.stringify(filter)).toBe((await ids(where)).length);
      expect(counter.get("business-hall")).toBe(1);
    }
    expect((await ids(`region_code LIKE '32%'`)).length).toBeGreaterThan(0);
  });

  it("refuses a bad page or count request before any round trip", async () => {
    for (const request of [
      { after: null, first: -1 },
      { after: null, first: 1001 },
      { after: null, first: 1.5 },
      { after: "3201-00000001", first: 10 },
      { after: null, first: 10, filter: { regionCode: "320" } },
      { after: null, first: 10, filter: { kind: "VIP" as never } },
    ]) {
      await expectRefusedUpFront(() => hall.adapter.listCustomers(request), counter, "business-hall");
    }
    for (const filter of [{ regionCode: "3" }, { industryCode: "j'" }, { education: "PHD" as never }]) {
      await expectRefusedUpFront(() => hall.adapter.countCustomers(filter), counter, "business-hall");
    }
    expect(counter.get("business-hall")).toBe(0);
  });
});
