import { beforeAll, describe, expect, it } from "vitest";
import { checkAccountNos, checkBillNos, checkServiceNos as checkBillingServiceNos, customerIdOf as billingCustomerIdOf } from "../../adapters/billing/ids.js";
import { serviceRow } from "../../adapters/billing/rows.js";
import { checkCustomerIds, checkDocumentNos, checkServiceNos as checkHallServiceNos } from "../../adapters/business-hall/ids.js";
import { readComplaint, readSubscription } from "../../adapters/business-hall/records.js";
import { checkKeyAccountIds, checkManagerIds } from "../../adapters/key-account/ids.js";
import { contractRow, keyAccountRow, managerRow, visitRow } from "../../adapters/key-account/rows.js";
import { productOfServiceNo, type ServiceProduct } from "../../adapters/kit/canonical-ids.js";
import { orThrow } from "../../adapters/kit/parse.js";
import { fromNetworkAccessNumber, toNetworkAccessNumber } from "../../adapters/network/access-number.js";
import { billingIndexes, billingTables } from "../schema/billing.js";
import { callCentreIndexes, callCentreTables } from "../schema/call-centre.js";
import { hallIndexes, hallTables } from "../schema/hall.js";
import { keyAccountIndexes, keyAccountTables } from "../schema/key-account.js";
import { schemaNames } from "../schema/names.js";
import { networkIndexes, networkTables } from "../schema/network.js";
import { emitCustomer } from "./customer-rows.js";
import { dayOf, monthOf } from "./dates.js";
import {
  accountNumber,
  complaintNo,
  complaintSerial,
  customerNumber,
  keyAccountId,
  managerId,
  MAX_CUSTOMERS,
  MAX_SERVICES,
  MOST_ACCOUNTS,
  MOST_SERVICES,
  serviceNumber,
  STRIDED_UNTIL,
  ticketNo,
  ticketSerial,
} from "./ids.js";
import { emitManagers, managersPerRegion } from "./key-account-rows.js";
import { networkSpelling } from "./network-rows.js";
import type { ProductCode, World } from "./plan.js";
import { REGIONS, type Region } from "./regions.js";
import { Rng } from "./rng.js";

const PRODUCTS: Record<ProductCode, ServiceProduct> = { GH: "FIXED_LINE", YD: "MOBILE", KD: "BROADBAND", ZX: "LEASED_LINE" };
/** The old overflow points (fixed lines, then mobiles, broadband and leased lines), the layout switch and the limit. */
const EDGES = [1, STRIDED_UNTIL, STRIDED_UNTIL + 1, 1_562_500, 3_125_000, 10_000_000, MAX_CUSTOMERS];
const near = (index: number) => [index - 2, index - 1, index, index + 1, index + 2].filter((i) => i >= 1 && i <= MAX_CUSTOMERS);
const INDEXES = [...new Set(EDGES.flatMap(near))].sort((a, b) => a - b);
const rng = () => new Rng(1, 0);

/** Every service number customer `index` of `region` can have: each product in each of its slots. */
function serviceNumbersOf(region: Region, index: number): { product: ProductCode; number: string }[] {
  return (Object.keys(MOST_SERVICES) as ProductCode[]).flatMap((product) =>
    index <= STRIDED_UNTIL
      ? Array.from({ length: MAX_SERVICES }, (_, position) => ({ product, number: serviceNumber(product, region, index, { position, ordinal: 0 }, rng()) }))
      : Array.from({ length: MOST_SERVICES[product] }, (_, ordinal) => ({ product, number: serviceNumber(product, region, index, { position: 0, ordinal }, rng()) })),
  );
}

const accountNumbersOf = (region: Region, index: number) =>
  Array.from({ length: index <= STRIDED_UNTIL ? 10 : MOST_ACCOUNTS }, (_, k) => accountNumber(region, index, k));

/** The eight digits after a number's fixed prefix. */
const lastEight = (number: string) => Number(number.slice(-8));

describe("customer, account and service numbers, near the old overflow points and the limit", () => {
  it.each(REGIONS.map((r) => [r.code, r] as const))("are well formed for each system and unique within local network %s", (_, region) => {
    const seen = new Set<string>();
    for (const index of INDEXES) {
      const customer = customerNumber(region, index);
      const accounts = accountNumbersOf(region, index);
      const services = serviceNumbersOf(region, index);
      expect(checkCustomerIds([customer])).toEqual([customer]);
      expect(checkAccountNos(accounts)).toHaveLength(accounts.length);
      for (const { product, number } of services) {
        expect(productOfServiceNo(number), number).toBe(PRODUCTS[product]);
        const spelled = networkSpelling({ accNbr: number, product });
        expect(toNetworkAccessNumber(number)).toBe(spelled);
        expect(fromNetworkAccessNumber(spelled)).toBe(number);
      }
      const numbers = services.map((s) => s.number);
      expect(checkHallServiceNos(numbers)).toHaveLength(numbers.length);
      expect(checkBillingServiceNos(numbers)).toHaveLength(numbers.length);
      for (const id of [customer, ...accounts, ...numbers]) seen.add(id);
    }
    const all = INDEXES.reduce((n, index) => n + 1 + accountNumbersOf(region, index).length + serviceNumbersOf(region, index).length, 0);
    expect(seen.size).toBe(all);
  });

  it("keep the strided numbers up to customer STRIDED_UNTIL: the ones sandbox/README.md shows for customer 123", () => {
    const nanjing = REGIONS[0] as Region;
    const slot = (position: number) => ({ position, ordinal: 0 });
    expect([customerNumber(nanjing, 123), accountNumber(nanjing, 123, 0), keyAccountId(123), managerId("3201", 1)]).toEqual([
      "320100000123",
      "88320100001230",
      "DK0000000123",
      "JL32010001",
    ]);
    expect([serviceNumber("GH", nanjing, 123, slot(0), rng()), serviceNumber("KD", nanjing, 123, slot(2), rng()), serviceNumber("ZX", nanjing, 123, slot(3), rng())]).toEqual([
      "02550003936",
      "AD02500003938",
      "ZX320100003939",
    ]);
  });

  it("of the dense layout start above the strided ones and, for fixed lines, wrap round to stay below them", () => {
    for (const region of REGIONS) {
      const lastStrided = serviceNumbersOf(region, STRIDED_UNTIL);
      const firstDense = serviceNumbersOf(region, STRIDED_UNTIL + 1);
      const lastDense = serviceNumbersOf(region, MAX_CUSTOMERS);
      const eight = (list: { product: ProductCode; number: string }[], product: ProductCode) => list.filter((s) => s.product === product).map((s) => lastEight(s.number));
      for (const product of ["GH", "KD", "ZX"] as const) {
        expect(Math.min(...eight(firstDense, product))).toBeGreaterThan(Math.max(...eight(lastStrided, product)));
      }
      const firstStridedFixed = lastEight(serviceNumber("GH", region, 1, { position: 0, ordinal: 0 }, rng()));
      expect(Math.max(...eight(lastDense, "GH"))).toBeLessThan(firstStridedFixed);
      expect(lastEight(accountNumber(region, STRIDED_UNTIL + 1, 0))).toBeGreaterThan(lastEight(accountNumber(region, STRIDED_UNTIL, 9)));
    }
  });

  it("of mobiles never share a prefix between the two layouts, whatever the random draw", () => {
    const region = REGIONS[0] as Region;
    const prefixes = (index: number) => new Set(Array.from({ length: 200 }, (_, stream) => serviceNumber("YD", region, index, { position: 0, ordinal: 0 }, new Rng(1, stream)).slice(0, 3)));
    const [strided, dense] = [prefixes(STRIDED_UNTIL), prefixes(STRIDED_UNTIL + 1)];
    expect(strided.size).toBeGreaterThan(1);
    expect(dense.size).toBeGreaterThan(1);
    expect([...dense].filter((p) => strided.has(p))).toEqual([]);
  });

  it("hold up to MAX_CUSTOMERS, and the customer past the last that fits gets an error naming the number", () => {
    const region = REGIONS[1] as Region;
    const fits = (numbers: (index: number) => unknown) => (index: number) => {
      try {
        numbers(index);
        return true;
      } catch {
        return false;
      }
    };
    /** The last index for which `ok` holds, by bisection (everything below it holds too). */
    const lastFitting = (ok: (index: number) => boolean) => {
      let [low, high] = [1, 10_000_000_000];
      while (high - low > 1) {
        const mid = Math.floor((low + high) / 2);
        if (ok(mid)) low = mid;
        else high = mid;
      }
      return low;
    };
    const limits = {
      service: lastFitting(fits((index) => serviceNumbersOf(region, index))),
      account: lastFitting(fits((index) => accountNumbersOf(region, index))),
      customer: lastFitting(fits((index) => customerNumber(region, index))),
      keyAccount: lastFitting(fits(keyAccountId)),
    };
    for (const limit of Object.values(limits)) expect(limit).toBeGreaterThanOrEqual(MAX_CUSTOMERS);
    expect(() => serviceNumbersOf(region, limits.service + 1)).toThrow(/GH service number: customer \d+ is past the last free fixed-line number/);
    expect(() => accountNumbersOf(region, limits.account + 1)).toThrow(/account number: \d+ does not fit in 8 digits/);
  });

  it("give a slot outside what one customer can have an error rather than a number of another customer", () => {
    const region = REGIONS[0] as Region;
    expect(() => serviceNumber("GH", region, STRIDED_UNTIL + 1, { position: 0, ordinal: MOST_SERVICES.GH }, rng())).toThrow(/has no slot 6/);
    expect(() => accountNumber(region, STRIDED_UNTIL + 1, MOST_ACCOUNTS)).toThrow(/has no slot 4/);
  });

  it("leave the sequences for new complaints and tickets room in their ten digits at MAX_CUSTOMERS", () => {
    const day = dayOf("2026-11-15");
    const complaints = complaintSerial(MAX_CUSTOMERS + 1, 0);
    const tickets = ticketSerial((MAX_CUSTOMERS + 1) * MAX_SERVICES, 0);
    expect(complaintNo(day, complaints + 1_000_000_000)).toMatch(/^TS20261115\d{10}$/);
    expect(ticketNo(day, tickets + 1_000_000_000)).toMatch(/^GZ20261115\d{10}$/);
  });
});

interface Column {
  name: string;
  type: string;
  width: number | null;
}

/** Each table's columns in DDL order, read from the sandbox's own DDL. */
function columnsOf(ddl: string): Map<string, Column[]> {
  const tables = new Map<string, Column[]>();
  for (const [, table = "", body = ""] of ddl.matchAll(/CREATE TABLE \S+?\."?(\w+)"? \(([\s\S]*?)\);/g)) {
    const columns = body.split(/,\s*(?="?\w+"? [A-Z])/).map((definition) => {
      const [, name = "", type = "", width] = /^\s*"?(\w+)"?\s+(\w+)(?:\((\d+)\))?/.exec(definition) ?? [];
      return { name, type, width: width === undefined ? null : Number(width) };
    });
    tables.set(table, columns);
  }
  return tables;
}

/** "table column" of every primary key and unique index. */
function uniqueKeysOf(ddl: string): [string, string][] {
  const primary = [...ddl.matchAll(/ALTER TABLE \S+?\."?(\w+)"? ADD PRIMARY KEY \("?(\w+)"?\)/g)];
  const unique = [...ddl.matchAll(/CREATE UNIQUE INDEX ON \S+?\."?(\w+)"? \("?(\w+)"?\)/g)];
  return [...primary, ...unique].map(([, table = "", column = ""]) => [table, column]);
}

const S = "s";
const DDL = [billingTables(S), hallTables(S), networkTables(S), keyAccountTables(S), callCentreTables(S)].join("\n");
const KEYS = uniqueKeysOf([billingIndexes(S), hallIndexes(S), networkIndexes(S), keyAccountIndexes(S), callCentreIndexes(S)].join("\n"));
const INTEGER_RANGE: Record<string, number> = { SMALLINT: 2 ** 15 - 1, INTEGER: 2 ** 31 - 1, BIGINT: Number.MAX_SAFE_INTEGER };

describe("every row of customers near the old overflow points and the limit, as the generator writes them", () => {
  const asOfDay = dayOf("2026-11-15");
  const world: World = { seed: 1, customers: MAX_CUSTOMERS, asOfDay, lastCycle: monthOf(asOfDay) - 1 };
  const rows = new Map<string, Record<string, unknown>[]>();
  const columns = columnsOf(DDL);
  const wrongLength: string[] = [];
  const of = (table: string) => rows.get(table) ?? [];
  beforeAll(() => {
    const sink = {
      row(_schema: string, table: string, values: unknown[]) {
        const names = columns.get(table) ?? [];
        if (values.length !== names.length) wrongLength.push(table);
        const list = rows.get(table) ?? [];
        list.push(Object.fromEntries(names.map((c, i) => [c.name, values[i]])));
        rows.set(table, list);
      },
    };
    const managers = managersPerRegion(world);
    emitManagers(world, managers, sink, "dkh");
    for (const index of INDEXES) emitCustomer(world, index, managers, sink, schemaNames());
  });

  it("fit their columns' types and widths", () => {
    expect(columns.size).toBe(34);
    expect(wrongLength).toEqual([]);
    expect(of("tb_cust").length).toBe(INDEXES.length);
    const misfits: string[] = [];
    for (const [table, list] of rows) {
      for (const column of columns.get(table) ?? []) {
        for (const row of list) {
          const value = row[column.name];
          if (value === null) continue;
          const range = INTEGER_RANGE[column.type];
          const fits = range !== undefined ? Number.isSafeInteger(value) && Math.abs(value as number) <= range : column.width === null || String(value).length <= column.width;
          if (!fits) misfits.push(`${table}.${column.name} ${String(value)}`);
        }
      }
    }
    expect(misfits).toEqual([]);
  });

  it("are unique in every primary key and unique index", () => {
    expect(KEYS.length).toBeGreaterThan(15);
    for (const [table, column] of KEYS) {
      const values = of(table).map((row) => row[column]).filter((v) => v !== null);
      expect(new Set(values).size, `${table}.${column}`).toBe(values.length);
    }
  });

  it("are read by the adapters: the hall's records, billing's services and numbers, network spellings, every key-account row", () => {
    checkCustomerIds(of("tb_cust").map((c) => String(c["cust_no"])));
    checkDocumentNos(of("tb_cust").map((c) => String(c["cert_no"])));
    for (const u of of("tb_user")) {
      orThrow(readSubscription({ UserId: String(u["user_id"]), CustNo: u["cust_no"], ServNo: u["serv_no"], ProductCode: u["product_code"], ProductName: u["product_name"], StartDate: u["start_date"], Status: u["status"] }));
    }
    for (const c of of("tb_complaint")) {
      orThrow(readComplaint({ ComplaintNo: c["complaint_no"], CustNo: c["cust_no"], ServNo: c["serv_no"] ?? "", ComplaintType: c["complaint_type"], Content: c["content"], AcceptTime: c["accept_time"], Status: c["status"] }));
    }

    const custCode = new Map(of("CUST").map((c) => [c["CUST_ID"], String(c["CUST_CODE"])]));
    const acctNbr = new Map(of("ACCT").map((a) => [a["ACCT_ID"], String(a["ACCT_NBR"])]));
    for (const code of custCode.values()) expect(billingCustomerIdOf(code)).toMatch(/^\d{12}$/);
    for (const s of of("SERV")) {
      const accounts = of("SERV_ACCT").filter((l) => l["SERV_ID"] === s["SERV_ID"]).map((l) => acctNbr.get(l["ACCT_ID"]) ?? null);
      serviceRow.parse({ ...s, CUST_CODE: custCode.get(s["CUST_ID"]) ?? null, ACCT_NBRS: accounts, BAD_LINK_STATES: [] });
    }
    checkBillNos(of("BILL").map((b) => String(b["BILL_ID"])));
    for (const line of of("line")) expect(fromNetworkAccessNumber(String(line["acc_num"]))).not.toBeNull();

    checkManagerIds(of("DKH_KHJL").map((m) => String(m["JLBH"])));
    checkKeyAccountIds(of("DKH_KHXX").map((k) => String(k["KHBH"])));
    const readers = { DKH_KHXX: keyAccountRow, DKH_KHJL: managerRow, DKH_HT: contractRow, DKH_BFJL: visitRow };
    for (const [table, reader] of Object.entries(readers)) for (const row of of(table)) reader.parse(row);
    expect(of("DKH_KHXX").length).toBeGreaterThan(0);
  });
});
