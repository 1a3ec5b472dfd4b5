import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_CACHE_CONFIG } from "../adapters/kit/cache/config.js";
import { carrierToday } from "../adapters/kit/values.js";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { schemaNames } from "../sandbox/schema/names.js";
import { loadScoringModel } from "../subgraphs/insights/config.js";
import { dayNumber } from "../subgraphs/insights/judgements/dates.js";
import { levelOf } from "../subgraphs/insights/judgements/score.js";
import { Progress } from "../tools/snapshot/progress.js";
import { snapshotDatabase } from "../tools/snapshot/run.js";
import { allCustomers } from "./support/customers.js";
import { startTestStack, type TestStack } from "./support/stack.js";

/**
 * Satisfaction and loyalty over time and by group (seed 002 §3.2.1.3–4), and recording a survey: the
 * snapshot's months (a run as of today and five back-filled month ends) checked against the hall's
 * surveys read directly, and a survey recorded through the graph read back through the cache.
 */
const sandbox = inject("sandbox");
const PREFIX = "sat_";
const CUSTOMERS = 300;
const s = schemaNames(PREFIX);
const TODAY = carrierToday();
/** The month of TODAY and the five before it, newest first: the history's months, whenever the test runs. */
const SIX_MONTHS = [0, 1, 2, 3, 4, 5].map((back) => {
  const month = Number(TODAY.slice(0, 4)) * 12 + Number(TODAY.slice(5, 7)) - 1 - back;
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
});
const model = loadScoringModel();
const QUESTIONS = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"] as const;
const FACTORS = ["image", "attitude", "serviceQuality", "care", "reliability", "timeliness", "security", "qualityForPrice", "priceForQuality"] as const;

let stack: TestStack;
let pool: pg.Pool;

type SurveyRow = { cust_no: string; survey_id: string; day: string; scale: string } & Record<(typeof QUESTIONS)[number], number>;
let surveys: SurveyRow[];
let kinds: Map<string, string>;

const rows = async <R>(sql: string, values: unknown[] = []) => (await pool.query(sql, values)).rows as R[];

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: CUSTOMERS, seed: 53, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  // The default cache: a survey recorded must reach the next read of the customer's facts all the same.
  stack = await startTestStack(sandbox.databaseUrl, PREFIX, TODAY, {}, { cache: { config: DEFAULT_CACHE_CONFIG } });
  await snapshotDatabase({ databaseUrl: sandbox.databaseUrl, schemaPrefix: PREFIX, asOf: TODAY, backfillMonths: 5, progress: new Progress({ write: () => true }) });
  surveys = await rows<SurveyRow>(
    `SELECT cust_no, survey_id::text, to_char(survey_date, 'YYYY-MM-DD') AS day, scale, ${QUESTIONS.join(", ")} FROM "${s.hall}".tb_survey ORDER BY cust_no, survey_date DESC, survey_id DESC`,
  );
  kinds = new Map((await rows<{ cust_no: string; kind: string }>(`SELECT cust_no, cust_type AS kind FROM "${s.hall}".tb_cust`)).map((r) => [r.cust_no, r.kind]));
}, 300_000);

afterAll(async () => {
  await stack?.snapshot.dropSchema();
  await stack?.close();
  await pool?.end();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

/** The survey that speaks for the customer on `asOf`, straight from the hall's table: the newest not older than the model allows. */
function usableSurvey(customerId: string, asOf: string): SurveyRow | undefined {
  const newest = surveys.find((v) => v.cust_no === customerId && v.day <= asOf);
  return newest && dayNumber(asOf) - dayNumber(newest.day) <= model.satisfaction.maxSurveyAgeDays ? newest : undefined;
}

/** The satisfaction score of a survey as docs/scoring.md defines it: Σ weight × value, five-point answers through answerValues. */
function scoreOf(survey: SurveyRow): number {
  const cents = FACTORS.reduce((sum, factor, i) => {
    const answer = survey[QUESTIONS[i]!];
    const value = survey.scale === "1" ? model.satisfaction.answerValues[answer - 1]! : answer;
    return sum + model.satisfaction.weights[factor] * value * 100;
  }, 0);
  return Math.round(cents) / 100;
}

describe("satisfaction and loyalty by period", () => {
  it("gives a customer's satisfaction and loyalty month by month, as the hall's surveys of each month decide it", async () => {
    const nodes = await allCustomers<any>(
      stack,
      `id
      satisfaction { score level history(months: 6) { month asOf score level } }
      satisfactionHistory(months: 6) { month asOf score level }
      loyalty { score level history(months: 6) { month asOf score level } }`,
    );
    let surveyed = 0;
    let unsurveyedWithHistory = 0;
    for (const node of nodes) {
      // Reachable whether or not a survey speaks for the customer now, month by month as the hall's surveys decide.
      expect(node.satisfactionHistory.map((m: { month: string }) => m.month)).toEqual(SIX_MONTHS);
      for (const month of node.satisfactionHistory) expect(month.score, `${node.id} ${month.month}`).toBe(usableSurvey(node.id, month.asOf) ? scoreOf(usableSurvey(node.id, month.asOf)!) : null);
      if (node.satisfaction) expect(node.satisfactionHistory).toEqual(node.satisfaction.history);
      else if (node.satisfactionHistory.some((m: { score: number | null }) => m.score !== null)) unsurveyedWithHistory++;
      expect(node.loyalty.history.map((m: { month: string }) => m.month)).toEqual(SIX_MONTHS);
      expect(node.loyalty.history[0]).toMatchObject({ asOf: TODAY, score: node.loyalty.score, level: node.loyalty.level });
      for (const month of node.loyalty.history) expect(month.level).toBe(levelOf(month.score, model.levelCutPoints));
      if (!node.satisfaction) {
        expect(usableSurvey(node.id, TODAY)).toBeUndefined();
        continue;
      }
      surveyed++;
      for (const month of node.satisfaction.history) {
        const survey = usableSurvey(node.id, month.asOf);
        expect(month.score, `${node.id} ${month.month}`).toBe(survey ? scoreOf(survey) : null);
        expect(month.level).toBe(survey ? levelOf(month.score, model.levelCutPoints) : null);
      }
      expect(node.satisfaction.history[0]).toMatchObject({ asOf: TODAY, score: node.satisfaction.score, level: node.satisfaction.level });
    }
    expect(surveyed).toBeGreaterThan(50);
    expect(unsurveyedWithHistory, "customers whose survey aged out of use within the six months").toBeGreaterThan(0);
  });

  it("counts each group's levels month by month: the judged customers are those with a usable survey in the hall", async () => {
    const { data, errors } = await stack.graphql(`{ levelHistory(groupBy: [KIND], months: 6) { snapshotAsOf { asOf }
      groups { key { dimension value label } months { month customers satisfaction { judged averageScore levels { level label count } } loyalty { judged averageScore levels { level count } } } } } }`);
    expect(errors).toBeUndefined();
    const report = data!.levelHistory;
    expect(report.snapshotAsOf.asOf).toBe(TODAY);
    const codes: Record<string, string> = { RESIDENTIAL: "01", BUSINESS: "02", INDIVIDUAL_KEY_ACCOUNT: "03", ENTERPRISE_KEY_ACCOUNT: "04" };
    const history = await stack.snapshot.history([...kinds.keys()], 6);
    let total = 0;
    for (const group of report.groups) {
      const ofKind = [...kinds].filter(([, kind]) => kind === codes[group.key[0].value]).map(([id]) => id);
      expect(group.months).toHaveLength(6);
      for (const month of group.months) {
        const asOf = history.get(ofKind[0]!)!.find((m) => m.month === month.month)!.asOf;
        expect(month.customers).toBe(ofKind.length);
        expect(month.satisfaction.judged, `${group.key[0].value} ${month.month}`).toBe(ofKind.filter((id) => usableSurvey(id, asOf)).length);
        expect(month.satisfaction.levels.reduce((n: number, l: { count: number }) => n + l.count, 0)).toBe(month.satisfaction.judged);
        expect(month.loyalty.judged).toBe(ofKind.length);
        const scores = ofKind.map((id) => history.get(id)!.find((m) => m.month === month.month)!.loyaltyScore!);
        expect(month.loyalty.averageScore).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 2);
      }
      total += group.months[0].customers;
    }
    expect(total).toBe(CUSTOMERS);
    expect(report.groups[0].months[0].satisfaction.levels.map((l: { label: string }) => l.label)).toEqual(["非常满意", "满意", "基本满意", "不满意", "很不满意"]);
  });

  it("keeps an agent to its region, and groups and filters on the new segments as customers lists them", async () => {
    const agent = await stack.token({ roles: ["agent"], region: "3201" });
    const { data } = await stack.graphql(`{ levelHistory(groupBy: [LOCAL_NETWORK], months: 1) { groups { key { value } months { customers } } } }`, {}, agent);
    const own = [...kinds.keys()].filter((id) => id.startsWith("3201")).length;
    expect(data!.levelHistory.groups).toEqual([{ key: [{ value: "3201" }], months: [{ customers: own }] }]);

    const segments = await stack.graphql(`{ segments(groupBy: [SATISFACTION_LEVEL, LOYALTY_LEVEL, RELATIONSHIP_STATUS]) { totalCount groups { key { value label } count } } }`);
    expect(segments.data!.segments.totalCount).toBe(CUSTOMERS);
    const former = await stack.graphql(`{ customers(filter: { relationshipStatus: FORMER }, first: 100) { totalCount edges { node { id } } } }`);
    const [lost] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT cust_no FROM "${s.hall}".tb_user GROUP BY 1 HAVING bool_and(status = '4')) x`);
    expect(former.data!.customers.totalCount).toBeGreaterThan(0);
    expect(former.data!.customers.totalCount).toBeLessThanOrEqual(lost!.n);
    const ids = former.data!.customers.edges.map((e: { node: { id: string } }) => e.node.id);
    const held = await rows(`SELECT 1 FROM "${s.hall}".tb_user WHERE cust_no = ANY($1) AND status <> '4'`, [ids]);
    expect(held).toEqual([]);
  });
});

describe("recording a survey", () => {
  const MUTATION = `mutation($input: RecordSurveyInput!) { recordSurvey(input: $input) { survey { surveyId surveyDate scale usesOtherCarrier answers { image care priceForQuality } } customerId replayed } }`;
  const READ = `query($id: ID!) { customer(id: $id) { surveys(first: 100) { surveyId } satisfaction { score surveyDate } churnEvents { kind on } } }`;
  const answers = { image: 90, attitude: 85, serviceQuality: 80, care: 75, reliability: 70, timeliness: 65, security: 60, qualityForPrice: 55, priceForQuality: 50 };
  const written = async (key: string) => Number((await rows<{ n: number }>(`SELECT count(*)::int AS n FROM "${s.hall}".tb_survey WHERE client_serial = $1`, [key]))[0]!.n);
  let customerId: string;

  beforeAll(() => {
    customerId = [...kinds.keys()].find((id) => id.startsWith("3201"))!;
  });

  it("records it with the hall for an agent of the customer's region, and the next read shows it, cached or not", async () => {
    const admin = await stack.token({ roles: ["admin"] });
    const before = await stack.graphql(READ, { id: customerId }, admin);
    expect(before.errors).toBeUndefined();
    const key = randomUUID();
    const agent = await stack.token({ roles: ["agent"], region: "3201" });
    const { data, errors } = await stack.graphql(MUTATION, { input: { customerId, answers, usesOtherCarrier: true, idempotencyKey: key } }, agent);
    expect(errors).toBeUndefined();
    expect(data!.recordSurvey).toMatchObject({ customerId, replayed: false, survey: { surveyDate: TODAY, scale: "HUNDRED_POINT", usesOtherCarrier: true, answers: { image: 90, care: 75, priceForQuality: 50 } } });
    const [stored] = await rows<Record<string, unknown>>(`SELECT survey_id::text AS id, ${QUESTIONS.join(", ")}, other_carrier, scale FROM "${s.hall}".tb_survey WHERE client_serial = $1`, [key]);
    expect(stored).toEqual({ id: data!.recordSurvey.survey.surveyId, q1: 90, q2: 85, q3: 80, q4: 75, q5: 70, q6: 65, q7: 60, q8: 55, q9: 50, other_carrier: "Y", scale: "2" });

    const after = await stack.graphql(READ, { id: customerId }, admin);
    expect(after.data!.customer.surveys.map((v: { surveyId: string }) => v.surveyId)).toContain(data!.recordSurvey.survey.surveyId);
    const expected = Object.entries(answers).reduce((sum, [factor, value]) => sum + model.satisfaction.weights[factor as (typeof FACTORS)[number]] * value * 100, 0);
    expect(after.data!.customer.satisfaction).toEqual({ score: Math.round(expected) / 100, surveyDate: TODAY });
    expect(after.data!.customer.churnEvents).toContainEqual({ kind: "COMPETITOR", on: TODAY });

    const replay = await stack.graphql(MUTATION, { input: { customerId, answers, usesOtherCarrier: true, idempotencyKey: key } }, agent);
    expect(replay.data!.recordSurvey).toMatchObject({ replayed: true, survey: { surveyId: data!.recordSurvey.survey.surveyId } });
    expect(await written(key)).toBe(1);
  });

  it("is refused to an agent of another region, an analyst and an architect, and for answers outside 0-100, writing nothing", async () => {
    const refusals: [Promise<string>, Record<string, unknown>, string][] = [
      [stack.token({ roles: ["agent"], region: "44" }), answers, "FORBIDDEN"],
      [stack.token({ roles: ["hq-analyst"], region: "HQ" }), answers, "FORBIDDEN"],
      [stack.token({ roles: ["architect"], region: "HQ" }), answers, "FORBIDDEN"],
      [stack.token({ roles: ["admin"] }), { ...answers, care: 101 }, "BAD_USER_INPUT"],
      [stack.token({ roles: ["admin"] }), { ...answers, image: -5 }, "BAD_USER_INPUT"],
    ];
    for (const [token, given, code] of refusals) {
      const key = randomUUID();
      const { data, errors } = await stack.graphql(MUTATION, { input: { customerId, answers: given, usesOtherCarrier: false, idempotencyKey: key } }, await token);
      expect(data?.recordSurvey ?? null).toBeNull();
      expect(errors!.map((e) => e.extensions?.code)).toEqual([code]);
      expect(await written(key)).toBe(0);
    }
  });

  it("with the hall down: the survey is refused naming it, the snapshot's aggregates are still served", async () => {
    const key = randomUUID();
    stack.simulators.hall.faults.set({ down: true });
    try {
      const { data, errors } = await stack.graphql(
        `mutation($input: RecordSurveyInput!) { recordSurvey(input: $input) { replayed } }`,
        { input: { customerId, answers, usesOtherCarrier: false, idempotencyKey: key } },
        await stack.token({ roles: ["admin"] }),
      );
      expect(data?.recordSurvey ?? null).toBeNull();
      expect(errors![0]!.extensions).toMatchObject({ code: "SOURCE_UNAVAILABLE", source: "business-hall" });
      const report = await stack.graphql(`{ levelHistory(months: 1) { groups { months { customers } } } customer(id: "${customerId}") { id workOrders { orderNo } } }`);
      expect(report.data!.levelHistory.groups[0].months[0].customers).toBe(CUSTOMERS);
      // The customer itself may come from the cache; its work orders, never read, cannot: a field of the hall's own, not
      // nullable, they take the customer with them.
      expect(report.data!.customer).toBeNull();
      expect(report.errors!.map((e) => [e.path?.join("."), e.extensions?.code, e.extensions?.source])).toEqual([["customer.workOrders", "SOURCE_UNAVAILABLE", "business-hall"]]);
    } finally {
      stack.simulators.hall.faults.clear();
    }
    expect(await written(key)).toBe(0);
  });
});
