import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { carrierToday } from "../adapters/kit/values.js";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { schemaNames } from "../sandbox/schema/names.js";
import { startTestStack, type TestStack } from "./support/stack.js";

/**
 * A payment recorded through the graph as billing really takes one: posted to the account, settling
 * nothing until billing's write-off run applies it to the oldest bills owed, whose dates the judgements
 * then count. A population of its own, since the run changes the bills it settles.
 */
const sandbox = inject("sandbox");
const PREFIX = "settle_";
const billing = `"${schemaNames(PREFIX).billing}"`;
/** The day the test runs: payments are dated with it, and the write-off run too. */
const TODAY = carrierToday();

let pool: pg.Pool;
/** Judged as of today, when the write-off has happened. */
let today: TestStack;
/** Judged as of the population's own date, before the payment. */
let past: TestStack;

interface Owed {
  customerId: string;
  accountNo: string;
  region: string;
  /** The account's owed bills, oldest first. */
  bills: { billNo: string; owedFen: number; dueDate: string }[];
}

let target: Owed;

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 300, seed: 43, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 1 });
  // A post-paid account owing on two bills or more, the oldest already due.
  const { rows } = await pool.query<{ cust: string; acct: string; latn: string; bills: [string, string, string][] }>(
    `SELECT c."CUST_CODE" AS cust, a."ACCT_NBR" AS acct, c."LATN_ID" AS latn,
            json_agg(json_build_array(o."BILL_ID"::text, o."OWE_AMOUNT"::text, b."DUE_DATE") ORDER BY o."BILLING_CYCLE_ID", o."BILL_ID") AS bills
     FROM ${billing}."ACCT_ITEM_OWE" o JOIN ${billing}."ACCT" a USING ("ACCT_ID") JOIN ${billing}."CUST" c USING ("CUST_ID")
     JOIN ${billing}."BILL" b ON b."BILL_ID" = o."BILL_ID"
     WHERE a."PAY_METHOD" <> 'P' AND a."STATE" = 'A'
     GROUP BY c."CUST_CODE", a."ACCT_NBR", c."LATN_ID"
     HAVING count(*) >= 2 AND min(b."DUE_DATE") < $1
     ORDER BY c."CUST_CODE" LIMIT 1`,
    [sandbox.asOf.replaceAll("-", "")],
  );
  const found = rows[0];
  if (!found) throw new Error("the population has no account owing on two bills");
  target = {
    customerId: found.cust.replace("-", ""),
    accountNo: found.acct,
    region: found.latn,
    bills: found.bills.map(([billNo, owed, due]) => ({ billNo, owedFen: Number(owed), dueDate: `${due.slice(0, 4)}-${due.slice(4, 6)}-${due.slice(6)}` })),
  };
  today = await startTestStack(sandbox.databaseUrl, PREFIX, TODAY);
  past = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf);
}, 120_000);

afterAll(async () => {
  await today?.close();
  await past?.close();
  await pool?.end();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

const QUERY = `query($id: ID!) {
  customer(id: $id) {
    arrears { totalFen oldestDueDate }
    credit { factors { name reason } }
    accounts { accountNo bills { billNo paidFen state } }
  }
}`;

interface Answer {
  arrears: { totalFen: number; oldestDueDate: string | null };
  credit: { factors: { name: string; reason: string }[] };
  accounts: { accountNo: string; bills: { billNo: string; paidFen: number; state: string }[] }[];
}

async function customer(stack: TestStack): Promise<Answer> {
  const answer = await stack.graphql<{ customer: Answer }>(QUERY, { id: target.customerId });
  expect(answer.errors).toBeUndefined();
  return answer.data!.customer;
}

const billOf = (answer: Answer, billNo: string) => answer.accounts.flatMap((a) => a.bills).find((b) => b.billNo === billNo);
/** How many bills credit's timeliness counts as paid late and as still unpaid, from its reason. */
function timeliness(answer: Answer): { late: number; unpaid: number } {
  const reason = answer.credit.factors.find((f) => f.name === "paymentTimeliness")?.reason ?? "";
  const figure = (pattern: RegExp) => Number(pattern.exec(reason)?.[1] ?? 0);
  return { late: figure(/(\d+) paid late/), unpaid: figure(/(\d+) still unpaid/) };
}

describe("a payment is posted to the account and settled by billing's write-off run, oldest bill first", () => {
  it("settles the oldest bill and part of the next at the run, and the judgements count the run's date", async () => {
    const [oldest, next] = target.bills as [Owed["bills"][number], Owed["bills"][number]];
    const part = Math.max(1, Math.floor(next.owedFen / 2));
    const amountFen = oldest.owedFen + part;
    const before = await customer(today);
    const beforeInThePast = await customer(past);

    const token = await today.token({ roles: ["agent"], region: target.region });
    const paid = await today.graphql<{ recordPayment: { payment: { billNo: string | null; paidOn: string } } }>(
      `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { billNo paidOn } } }`,
      { input: { accountNo: target.accountNo, amountFen, channel: "HALL", idempotencyKey: randomUUID() } },
      token,
    );
    expect(paid.errors).toBeUndefined();
    // Posted to the account: no bill named, nothing settled yet.
    expect(paid.data?.recordPayment.payment).toEqual({ billNo: null, paidOn: TODAY });
    expect((await customer(today)).arrears).toEqual(before.arrears);

    const counts = await today.simulators.writeOff.runNow();
    expect(counts).toMatchObject({ paymentsTakenUp: 1, takenUpFen: amountFen, writeOffs: 2, settledFen: amountFen, billsSettled: 1 });
    const { rows } = await pool.query<{ bill: string; amount: string; on: string }>(
      `SELECT "BILL_ID"::text AS bill, "AMOUNT"::text AS amount, "WRITE_OFF_DATE" AS on FROM ${billing}."WRITE_OFF"
       WHERE "BILL_ID" = ANY($1::bigint[]) AND "WRITE_OFF_DATE" = $2 ORDER BY "BILL_ID"`,
      [[oldest.billNo, next.billNo], TODAY.replaceAll("-", "")],
    );
    expect(rows.map((r) => [r.bill, Number(r.amount)])).toEqual([
      [oldest.billNo, oldest.owedFen],
      [next.billNo, part],
    ]);

    const after = await customer(today);
    expect(after.arrears.totalFen).toBe(before.arrears.totalFen - amountFen);
    expect(billOf(after, oldest.billNo)?.state).toBe("PAID");
    expect(billOf(after, next.billNo)).toMatchObject({ state: "PARTLY_PAID", paidFen: (billOf(before, next.billNo)?.paidFen ?? 0) + part });
    // The oldest bill was settled today, long after it fell due: late, no longer unpaid.
    expect(timeliness(after)).toEqual({ late: timeliness(before).late + 1, unpaid: timeliness(before).unpaid - 1 });

    // As of the population's own date the write-off had not happened: the judgements are as they were.
    const inThePast = await customer(past);
    expect(inThePast.arrears).toEqual(beforeInThePast.arrears);
    expect(timeliness(inThePast)).toEqual(timeliness(beforeInThePast));
  });
});
