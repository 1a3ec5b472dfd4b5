import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { schemaNames } from "../sandbox/schema/names.js";
import { isResidentIdCard } from "../subgraphs/profile/id-card.js";
import { captureLogs } from "./support/logs.js";
import { startTestStack, type TestStack } from "./support/stack.js";

const sandbox = inject("sandbox");
// Its own population: one person is given a second customer record here.
const PREFIX = "idc_";
const s = schemaNames(PREFIX);
const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
let stack: TestStack;

interface Person {
  id: string;
  region: string;
  card: string;
}
/** Registered twice, in two local networks. */
let first: Person;
let second: Person;

const QUERY = `query($number: String!) { customerByIdCard(number: $number) { id idCardNumber } }`;
const codes = (errors: { extensions?: Record<string, unknown> }[] | undefined) => (errors ?? []).map((e) => e.extensions?.code);
const totalRoundTrips = () => Object.values(stack.roundTrips.snapshot()).reduce((sum, n) => sum + n, 0);

/** A valid number no customer holds: the body of a real one with a day of birth nobody in the sandbox has (the generator uses 1–28). */
function unusedCard(from: string): string {
  const body = from.slice(0, 12) + "30" + from.slice(14, 17);
  return [..."0123456789X"].map((c) => body + c).find(isResidentIdCard)!;
}

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 150, seed: 5, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  const people = (await pool.query<{ id: string; region: string; card: string }>(`SELECT cust_no AS id, region_code AS region, cert_no AS card FROM ${s.hall}.tb_cust WHERE cert_type = '1' AND birth_year BETWEEN 1950 AND 1999 ORDER BY cust_no`)).rows;
  first = people[0]!;
  const other = people.find((p) => p.region !== first.region)!;
  // The same person opened a second record in another local network.
  await pool.query(`UPDATE ${s.hall}.tb_cust SET cert_no = $1 WHERE cust_no = $2`, [first.card, other.id]);
  second = { ...other, card: first.card };
  stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf);
});
afterAll(async () => {
  await stack?.close();
  await pool.end();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

describe("customerByIdCard", () => {
  it("finds every customer record registered under the number, for a caller with the PII right", async () => {
    expect(isResidentIdCard(first.card)).toBe(true);
    const { data, errors } = await stack.graphql(QUERY, { number: first.card });
    expect(errors).toBeUndefined();
    expect(data!.customerByIdCard).toEqual([first, second].sort((a, b) => a.id.localeCompare(b.id)).map((p) => ({ id: p.id, idCardNumber: first.card })));
  });

  it("leaves out the records outside the caller's scope", async () => {
    const agent = await stack.token({ roles: ["agent"], region: first.region, pii: true });
    const { data, errors } = await stack.graphql(QUERY, { number: first.card }, agent);
    expect(errors).toBeUndefined();
    expect(data!.customerByIdCard.map((c: { id: string }) => c.id)).toEqual([first.id]);
    const elsewhere = await stack.token({ roles: ["agent"], region: "99", pii: true });
    expect((await stack.graphql(QUERY, { number: first.card }, elsewhere)).data!.customerByIdCard).toEqual([]);
  });

  it("takes the number as people type it, and answers an unknown one with an empty list", async () => {
    const typed = `${first.card.slice(0, 6)} ${first.card.slice(6, 14)} ${first.card.slice(14).toLowerCase()}`;
    expect((await stack.graphql(QUERY, { number: typed })).data!.customerByIdCard).toHaveLength(2);
    expect(await stack.graphql(QUERY, { number: unusedCard(first.card) })).toEqual({ data: { customerByIdCard: [] } });
  });

  it("refuses a caller without the PII right, or whose role reads no customer, before any legacy call", async () => {
    for (const request of [{ roles: ["agent" as const], region: first.region, pii: false }, { roles: ["architect" as const], pii: true }]) {
      stack.roundTrips.reset();
      const { data, errors } = await stack.graphql(QUERY, { number: first.card }, await stack.token(request));
      expect(data!.customerByIdCard, JSON.stringify(request)).toBeNull();
      expect(codes(errors)).toEqual(["FORBIDDEN"]);
      expect(totalRoundTrips()).toBe(0);
    }
  });

  it("refuses a number that cannot be an ID card without repeating it", async () => {
    const wrongCheck = first.card.slice(0, 17) + (first.card[17] === "0" ? "1" : "0");
    for (const number of [wrongCheck, first.card.slice(0, 15), "not a number"]) {
      stack.roundTrips.reset();
      const { data, errors } = await stack.graphql(QUERY, { number });
      expect(data!.customerByIdCard).toBeNull();
      expect(codes(errors)).toEqual(["BAD_USER_INPUT"]);
      expect(errors![0]!.message).not.toContain(number);
      expect(totalRoundTrips()).toBe(0);
    }
  });

  it("keeps the number out of the logs when the business hall fails", async () => {
    const logged: string[] = [];
    const spies = (["error", "warn", "log", "info"] as const).map((level) => vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))));
    const logs = captureLogs();
    stack.simulators.hall.faults.set({ down: true });
    try {
      const { data, errors } = await stack.graphql(QUERY, { number: first.card });
      expect(data!.customerByIdCard).toBeNull();
      expect(codes(errors)).toEqual(["SOURCE_UNAVAILABLE"]);
    } finally {
      stack.simulators.hall.faults.clear();
      for (const spy of spies) spy.mockRestore();
      logs.restore();
    }
    logged.push(...logs.text().split("\n").filter(Boolean));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join("\n")).not.toContain(first.card);
  });
});
