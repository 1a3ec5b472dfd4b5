import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { carrierToday } from "../adapters/kit/values.js";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { schemaNames } from "../sandbox/schema/names.js";
import { startTestStack, type GraphQLResponse, type TestStack } from "./support/stack.js";

/**
 * Accounts as billing keeps them (their serial number, the services each pays for, each bill's write-offs,
 * the account's own credit), the customer's credit stains, and credit levels set by hand in billing's credit
 * control: through the whole stack, against billing's tables read directly. A population of its own, since
 * credit levels are written into it; judged as of today, so that what is written today counts.
 */
const sandbox = inject("sandbox");
const PREFIX = "bacct_";
const b = `"${schemaNames(PREFIX).billing}"`;
const TODAY = carrierToday();
/** Generated with a few credit levels set by hand, one of them lifted since. */
const SEED = 42;

let stack: TestStack;
let pool: pg.Pool;

type Raw = Record<string, any>;
const rows = async (text: string, values: unknown[] = []): Promise<Raw[]> => (await pool.query(text, values)).rows as Raw[];
const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
const code = (customerId: string) => `${customerId.slice(0, 4)}-${customerId.slice(4)}`;
const codes = (answer: GraphQLResponse<unknown>) => (answer.errors ?? []).map((e) => e.extensions?.code);

const PRODUCT: Record<number, string> = { 10: "FIXED_LINE", 20: "MOBILE", 30: "BROADBAND", 40: "LEASED_LINE" };
const SERV_STATE: Record<string, string> = { F0A: "ACTIVE", F0T: "BARRED", F0X: "REMOVED" };
const STOP_FLAG: Record<string, string> = { "0": "NONE", "1": "SINGLE", "2": "DOUBLE" };
const STOP_TYPE: Record<string, string> = { "1": "ARREARS_SINGLE", "2": "ARREARS_DOUBLE", "3": "ILLEGAL_USE", "4": "FACILITY_DAMAGE" };
const CREDIT_GRADE: Record<string, string | null> = { A: "VERY_HIGH", B: "HIGH", C: "MEDIUM", D: "LOW", E: "VERY_LOW", "0": null };
const LIST_TYPE: Record<string, string | null> = { R: "RED", G: "GREY", B: "BLACK", "0": null };

const ACCOUNT_FIELDS = `accountNo serialNo
  services { serviceNo itemGroup wholeService product status barring startedOn subscription { serviceNo } }
  bills(first: 24) { billNo settlements { on amountFen } }
  credit { score level list listReason factors { name weight value contribution reason } }`;
const CREDIT_FIELDS = `credit { score level list source computedLevel computedList blackListStatus listReason
  manualHistory { level list reason setBy setOn } factors { name value contribution reason } }`;
const CUSTOMER = `query($id: ID!) { customer(id: $id) { id name creditStains { serviceNo kind from until subscription { serviceNo } } ${CREDIT_FIELDS} accounts { ${ACCOUNT_FIELDS} } } }`;
const SET = `mutation($input: SetCreditLevelInput!) { setCreditLevel(input: $input) {
  replayed manualLevel { level list reason setBy setOn } customer { id ${CREDIT_FIELDS} } } }`;

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 400, seed: SEED, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  stack = await startTestStack(sandbox.databaseUrl, PREFIX, TODAY);
}, 180_000);

afterAll(async () => {
  await stack?.close();
  await pool?.end();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

/** What billing's tables say of one customer: each account's serial number, services and write-offs, the stains, the grades set by hand. */
async function direct(customerId: string) {
  const accounts = await rows(`SELECT a."ACCT_NBR", a."ACCT_ID"::text AS serial FROM ${b}."ACCT" a JOIN ${b}."CUST" c USING ("CUST_ID") WHERE c."CUST_CODE" = $1 ORDER BY a."ACCT_NBR"`, [code(customerId)]);
  const services = await rows(
    `SELECT a."ACCT_NBR", sa."ITEM_GROUP", s.* FROM ${b}."ACCT" a JOIN ${b}."CUST" c USING ("CUST_ID") JOIN ${b}."SERV_ACCT" sa USING ("ACCT_ID") JOIN ${b}."SERV" s USING ("SERV_ID")
     WHERE c."CUST_CODE" = $1 AND sa."STATE" = 'A' ORDER BY a."ACCT_NBR", s."ACC_NBR", sa."ITEM_GROUP"`,
    [code(customerId)],
  );
  const writeOffs = await rows(
    `SELECT w."BILL_ID"::text AS bill, w."WRITE_OFF_DATE", w."AMOUNT" FROM ${b}."WRITE_OFF" w JOIN ${b}."ACCT" a USING ("ACCT_ID") JOIN ${b}."CUST" c USING ("CUST_ID")
     WHERE c."CUST_CODE" = $1 ORDER BY w."BILL_ID", w."WRITE_OFF_DATE", w."WRITE_OFF_ID"`,
    [code(customerId)],
  );
  const stains = await rows(
    `SELECT s."ACC_NBR", st.* FROM ${b}."SERV_STOP" st JOIN ${b}."SERV" s USING ("SERV_ID") JOIN ${b}."CUST" c USING ("CUST_ID")
     WHERE c."CUST_CODE" = $1 AND st."STOP_DATE" <= $2 ORDER BY st."STOP_DATE" DESC, s."ACC_NBR", st."STOP_ID" DESC`,
    [code(customerId), TODAY.replaceAll("-", "")],
  );
  const grades = await rows(
    `SELECT g.* FROM ${b}."CREDIT_GRADE_HIS" g JOIN ${b}."CUST" c USING ("CUST_ID") WHERE c."CUST_CODE" = $1 AND g."SET_DATE" <= $2
     ORDER BY g."SET_DATE" DESC, g."GRADE_HIS_ID" DESC`,
    [code(customerId), TODAY.replaceAll("-", "")],
  );
  return {
    accounts: accounts.map((a) => ({
      accountNo: a.ACCT_NBR,
      serialNo: a.serial,
      services: services
        .filter((s) => s.ACCT_NBR === a.ACCT_NBR)
        .map((s) => ({
          serviceNo: s.ACC_NBR,
          itemGroup: s.ITEM_GROUP,
          wholeService: s.ITEM_GROUP === "00",
          product: PRODUCT[s.PRODUCT_ID],
          status: SERV_STATE[s.STATE],
          barring: STOP_FLAG[s.STOP_FLAG],
          startedOn: iso(s.COMPLETED_DATE),
          subscription: { serviceNo: s.ACC_NBR },
        })),
    })),
    settlementsOf: (billNo: string) => writeOffs.filter((w) => w.bill === billNo).map((w) => ({ on: iso(w.WRITE_OFF_DATE), amountFen: Number(w.AMOUNT) })),
    stains: stains.map((s) => ({ serviceNo: s.ACC_NBR, kind: STOP_TYPE[s.STOP_TYPE], from: iso(s.STOP_DATE), until: s.RESUME_DATE === "00000000" ? null : iso(s.RESUME_DATE), subscription: { serviceNo: s.ACC_NBR } })),
    grades: grades.map((g) => ({ level: CREDIT_GRADE[g.CREDIT_GRADE], list: LIST_TYPE[g.LIST_TYPE], reason: g.REASON, setBy: g.STAFF_CODE, setOn: iso(g.SET_DATE) })),
  };
}

async function customerOf(id: string, token?: string) {
  const answer = await stack.graphql(CUSTOMER, { id }, token);
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data!.customer;
}

/** Customers of the population chosen by SQL on billing's tables, as the hall's 12-digit numbers. */
async function customersWhere(condition: string, limit = 1): Promise<string[]> {
  const found = await rows(`SELECT c."CUST_CODE" FROM ${b}."CUST" c WHERE ${condition} ORDER BY c."CUST_CODE" LIMIT ${limit}`);
  return found.map((r) => (r.CUST_CODE as string).replace("-", ""));
}

const agentOf = (region: string, subject?: string) => stack.token({ roles: ["agent"], region, ...(subject ? { subject } : {}) });
const input = (customerId: string, overrides: Record<string, unknown> = {}) => ({
  customerId,
  level: "LOW",
  list: "GREY",
  reason: "连续三个月逾期缴费，信控人工降级",
  idempotencyKey: randomUUID(),
  ...overrides,
});
const rowsWithKey = async (key: string) => (await rows(`SELECT 1 FROM ${b}."CREDIT_GRADE_HIS" WHERE "OUT_SERIAL_NBR" = $1`, [key])).length;

describe("accounts as billing keeps them", () => {
  it("serves each account's serial number, services and bills' write-offs, and the customer's stains, as billing's tables say", async () => {
    const ids = [
      ...(await customersWhere(`EXISTS (SELECT 1 FROM ${b}."ACCT" a WHERE a."CUST_ID" = c."CUST_ID" GROUP BY a."CUST_ID" HAVING count(*) > 1)`, 3)),
      ...(await customersWhere(`EXISTS (SELECT 1 FROM ${b}."SERV" s JOIN ${b}."SERV_STOP" st USING ("SERV_ID") WHERE s."CUST_ID" = c."CUST_ID")`, 4)),
      ...(await customersWhere(`c."CUST_ID" % 37 = 0`, 8)),
    ];
    let settled = 0;
    for (const id of ids) {
      const [customer, tables] = await Promise.all([customerOf(id), direct(id)]);
      expect(customer.accounts.map(({ accountNo, serialNo, services }: Raw) => ({ accountNo, serialNo, services }))).toEqual(tables.accounts);
      for (const account of customer.accounts) {
        for (const bill of account.bills) {
          expect(bill.settlements, `bill ${bill.billNo}`).toEqual(tables.settlementsOf(bill.billNo));
          settled += bill.settlements.length;
        }
      }
      expect(customer.creditStains).toEqual(tables.stains);
    }
    expect(settled).toBeGreaterThan(0);
  });

  it("judges each account's own credit on the customer model: its billing factors are the customer's when it pays for all of them", async () => {
    // One account paying for every service of the customer (the generator links each service to one account of its holder).
    const ids = await customersWhere(`(SELECT count(*) FROM ${b}."ACCT" a WHERE a."CUST_ID" = c."CUST_ID") = 1`, 12);
    for (const id of ids) {
      const customer = await customerOf(id);
      const [account] = customer.accounts;
      const credit = account.credit;
      const cents = credit.factors.reduce((sum: number, f: Raw) => sum + Math.round(f.contribution * 100), 0);
      expect(cents).toBe(Math.round(credit.score * 100));
      const byName = (factors: Raw[]) => new Map(factors.map((f) => [f.name, f]));
      const own = byName(credit.factors);
      const whole = byName(customer.credit.factors);
      for (const name of ["paymentMethod", "paymentTimeliness", "currentCharges", "stains"]) {
        // Contributions may differ by a hundredth: the rounding's spare hundredths go where the other factors leave them.
        expect({ name, value: own.get(name)?.value, reason: own.get(name)?.reason }).toEqual({ name, value: whole.get(name)?.value, reason: whole.get(name)?.reason });
      }
      expect(own.get("customerKind")).toMatchObject({ value: 50, reason: expect.stringContaining("neutral 50") });
      expect(own.get("productsHeld")).toMatchObject({ value: 50, reason: expect.stringContaining("neutral 50") });
    }
  });

  it("costs the same round trips to billing for one customer as for forty", async () => {
    const query = `query($first: Int!) { customers(first: $first) { edges { node { id
      creditStains { kind } credit { source blackListStatus manualHistory { setOn } }
      accounts { serialNo services { serviceNo } credit { score } bills(first: 3) { settlements { on } } }
    } } } }`;
    const count = async (first: number) => {
      stack.roundTrips.reset();
      const answer = await stack.graphql(query, { first });
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.customers.edges).toHaveLength(first);
      return stack.roundTrips.snapshot();
    };
    const one = await count(1);
    const forty = await count(40);
    expect(forty).toEqual(one);
    // accounts, their services, bills, write-offs, the stains, the customer's facts and each account's facts.
    expect(forty.billing).toBe(7);
  });

  it("shows a credit level billing's credit control set by hand before today, as its tables hold it", async () => {
    const graded = await customersWhere(`EXISTS (SELECT 1 FROM ${b}."CREDIT_GRADE_HIS" g WHERE g."CUST_ID" = c."CUST_ID")`, 10);
    expect(graded.length).toBeGreaterThan(1);
    let manual = 0;
    for (const id of graded) {
      const [customer, tables] = await Promise.all([customerOf(id), direct(id)]);
      expect(customer.credit.manualHistory).toEqual(tables.grades);
      const inForce = tables.grades[0]!;
      if (inForce.level === null) {
        expect(customer.credit).toMatchObject({ source: "COMPUTED", level: customer.credit.computedLevel, list: customer.credit.computedList });
        continue;
      }
      manual += 1;
      expect(customer.credit).toMatchObject({ source: "MANUAL", level: inForce.level });
      if (inForce.list !== null) expect(customer.credit.list).toBe(inForce.list);
      expect(customer.credit.listReason).toContain(inForce.reason);
    }
    expect(manual).toBeGreaterThan(0);
  });
});

describe("scope", () => {
  it("gives an agent of another region FORBIDDEN and nothing of the customer, its account, stains or credit", async () => {
    const [id] = await customersWhere(`EXISTS (SELECT 1 FROM ${b}."SERV" s JOIN ${b}."SERV_STOP" st USING ("SERV_ID") WHERE s."CUST_ID" = c."CUST_ID")`);
    const [account] = (await rows(`SELECT a."ACCT_NBR" FROM ${b}."ACCT" a JOIN ${b}."CUST" c USING ("CUST_ID") WHERE c."CUST_CODE" = $1`, [code(id!)])) as Raw[];
    const stranger = await agentOf(id!.startsWith("44") ? "32" : "44");
    const byCustomer = await stack.graphql(CUSTOMER, { id }, stranger);
    expect(byCustomer.data?.customer).toBeNull();
    expect(codes(byCustomer)).toContain("FORBIDDEN");
    const byAccount = await stack.graphql(`query($no: ID!) { account(accountNo: $no) { ${ACCOUNT_FIELDS} customer { creditStains { kind } } } }`, { no: account!.ACCT_NBR }, stranger);
    expect(byAccount.data?.account).toBeNull();
    expect(codes(byAccount)).toEqual(["FORBIDDEN"]);
    const own = await stack.graphql(`query($no: ID!) { account(accountNo: $no) { serialNo services { serviceNo } credit { score } } }`, { no: account!.ACCT_NBR }, await agentOf(id!.slice(0, 4)));
    expect(own.errors).toBeUndefined();
    expect(own.data!.account.credit.score).toEqual(expect.any(Number));
  });
});

describe("setting a credit level by hand (setCreditLevel)", () => {
  it("lets an agent of the customer's region set it: recorded under the caller's subject, shown as MANUAL with the computed score still there", async () => {
    const [id] = await customersWhere(`c."CUST_ID" = 5`);
    const before = await customerOf(id!);
    const given = input(id!);
    const answer = await stack.graphql(SET, { input: given }, await agentOf(id!.slice(0, 4), "officer-zhang"));
    expect(answer.errors).toBeUndefined();
    const payload = answer.data!.setCreditLevel;
    expect(payload).toMatchObject({ replayed: false, manualLevel: { level: "LOW", list: "GREY", reason: given.reason, setBy: "officer-zhang", setOn: TODAY } });
    expect(payload.customer.credit).toMatchObject({ source: "MANUAL", level: "LOW", list: "GREY", score: before.credit.score, computedLevel: before.credit.level, computedList: before.credit.list });
    expect(payload.customer.credit.manualHistory[0]).toEqual(payload.manualLevel);
    const [stored] = (await rows(`SELECT g.*, c."CUST_CODE" FROM ${b}."CREDIT_GRADE_HIS" g JOIN ${b}."CUST" c USING ("CUST_ID") WHERE g."OUT_SERIAL_NBR" = $1`, [given.idempotencyKey])) as Raw[];
    expect(stored).toMatchObject({ CUST_CODE: code(id!), CREDIT_GRADE: "D", LIST_TYPE: "G", REASON: given.reason, STAFF_CODE: "officer-zhang", SET_DATE: TODAY.replaceAll("-", "") });

    const replay = await stack.graphql(SET, { input: given }, await agentOf(id!.slice(0, 4), "officer-zhang"));
    expect(replay.data!.setCreditLevel).toMatchObject({ replayed: true, manualLevel: payload.manualLevel });
    expect(await rowsWithKey(given.idempotencyKey)).toBe(1);

    const lifted = await stack.graphql(SET, { input: input(id!, { level: null, list: null, reason: "复核后恢复系统评定" }) }, await stack.token({ roles: ["admin"] }));
    expect(lifted.errors).toBeUndefined();
    expect(lifted.data!.setCreditLevel.customer.credit).toMatchObject({ source: "COMPUTED", level: before.credit.level, list: before.credit.list });
    expect(lifted.data!.setCreditLevel.customer.credit.manualHistory.map((g: Raw) => g.level).slice(0, 2)).toEqual([null, "LOW"]);
  });

  it("splits the black list between customers still in service and former ones", async () => {
    const [inService] = await customersWhere(`EXISTS (SELECT 1 FROM ${b}."SERV" s WHERE s."CUST_ID" = c."CUST_ID" AND s."STATE" <> 'F0X')`);
    const [former] = await customersWhere(`NOT EXISTS (SELECT 1 FROM ${b}."SERV" s WHERE s."CUST_ID" = c."CUST_ID" AND s."STATE" <> 'F0X')`);
    const admin = await stack.token({ roles: ["admin"] });
    for (const [id, status] of [[inService!, "IN_SERVICE"], [former!, "FORMER"]] as const) {
      const answer = await stack.graphql(SET, { input: input(id, { level: "VERY_LOW", list: null, reason: "欠费停机后多次催缴无果，人工列入黑名单" }) }, admin);
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.setCreditLevel.customer.credit).toMatchObject({ source: "MANUAL", list: "BLACK", blackListStatus: status });
      const readAgain = await customerOf(id);
      expect(readAgain.credit.blackListStatus).toBe(status);
    }
  });

  it("refuses the roles that may not set it, and an agent of another region: FORBIDDEN, nothing written", async () => {
    const [id] = await customersWhere(`c."CUST_ID" = 7`);
    const callers = [
      stack.token({ roles: ["hq-analyst"], region: "HQ", pii: true }),
      stack.token({ roles: ["architect"], region: "HQ" }),
      stack.token({ roles: ["ka-manager"], region: "HQ", managerId: "JL32010001" }),
      agentOf(id!.startsWith("44") ? "32" : "44"),
    ];
    for (const token of callers) {
      const given = input(id!);
      const answer = await stack.graphql(SET, { input: given }, await token);
      expect(codes(answer)).toEqual(["FORBIDDEN"]);
      expect(answer.data?.setCreditLevel ?? null).toBeNull();
      expect(await rowsWithKey(given.idempotencyKey)).toBe(0);
    }
  });

  it.each([
    ["a blank reason", { reason: "   " }],
    ["a reason over 200 characters", { reason: "信".repeat(201) }],
    ["no level at all", { level: undefined }],
    ["a list while lifting", { level: null, list: "RED" }],
    ["a malformed customer id", { customerId: "3201-00000005" }],
    ["a customer billing does not know", { customerId: "320199999999" }],
    ["a short idempotency key", { idempotencyKey: "short" }],
  ])("refuses %s: BAD_USER_INPUT, nothing written", async (_, overrides) => {
    const [id] = await customersWhere(`c."CUST_ID" = 9`);
    const given = input(id!, overrides);
    if ("level" in overrides && overrides.level === undefined) delete (given as Record<string, unknown>).level;
    const answer = await stack.graphql(SET, { input: given }, await stack.token({ roles: ["admin"] }));
    expect(codes(answer)).toEqual(["BAD_USER_INPUT"]);
    expect(await rowsWithKey(given.idempotencyKey as string)).toBe(0);
  });

  it("refuses the same key with another level as CONFLICT, naming nothing of the first", async () => {
    const [id] = await customersWhere(`c."CUST_ID" = 11`);
    const admin = await stack.token({ roles: ["admin"] });
    const given = input(id!);
    expect((await stack.graphql(SET, { input: given }, admin)).errors).toBeUndefined();
    const second = await stack.graphql(SET, { input: { ...given, level: "HIGH", list: null } }, admin);
    expect(codes(second)).toEqual(["CONFLICT"]);
    expect(JSON.stringify(second.errors)).not.toContain(id!);
    expect(await rowsWithKey(given.idempotencyKey)).toBe(1);
  });
});

describe("billing faulted", () => {
  it("costs billing's fields only, each null with SOURCE_UNAVAILABLE naming billing, and writes nothing", async () => {
    const [id] = await customersWhere(`EXISTS (SELECT 1 FROM ${b}."SERV" s JOIN ${b}."SERV_STOP" st USING ("SERV_ID") WHERE s."CUST_ID" = c."CUST_ID")`);
    const given = input(id!);
    stack.simulators.billing.faults.set({ down: true });
    try {
      const answer = await stack.graphql(`query($id: ID!) { customer(id: $id) { name subscriptions { serviceNo } creditStains { kind } ${CREDIT_FIELDS} accounts { ${ACCOUNT_FIELDS} } } }`, { id });
      const customer = answer.data!.customer;
      expect(customer.name).toEqual(expect.any(String));
      expect(customer.subscriptions.length).toBeGreaterThan(0);
      expect([customer.creditStains, customer.credit, customer.accounts]).toEqual([null, null, null]);
      const paths = answer.errors!.map((e) => e.path!.join("."));
      for (const path of ["customer.creditStains", "customer.credit", "customer.accounts"]) expect(paths).toContain(path);
      for (const error of answer.errors!) expect(error.extensions).toMatchObject({ code: "SOURCE_UNAVAILABLE", source: "billing" });
      const write = await stack.graphql(SET, { input: given }, await stack.token({ roles: ["admin"] }));
      expect(write.data?.setCreditLevel ?? null).toBeNull();
      expect(write.errors![0]!.extensions).toMatchObject({ code: "SOURCE_UNAVAILABLE", source: "billing" });
    } finally {
      stack.simulators.billing.faults.clear();
    }
    expect(await rowsWithKey(given.idempotencyKey)).toBe(0);
  });
});
