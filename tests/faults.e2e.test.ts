import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { FaultSettings } from "../sandbox/http/faults.js";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { readmeQuery } from "./support/readme.js";
import { startTestStack, type TestStack } from "./support/stack.js";

const sandbox = inject("sandbox");
const PREFIX = "flt_";
// Short enough that "slower than its budget" is quick to test, long enough for a healthy answer.
const DEADLINE_MS = 4_000;
let stack: TestStack;
let customerId: string;

type System = "business-hall" | "network" | "billing" | "key-account" | "call-centre";

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 60, seed: 17, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf, { deadlineMs: DEADLINE_MS }, { resiliencePath: quickBreakers() });
  // A key account in arrears has something to lose in every system.
  const { data } = await stack.graphql(`{ customers(first: 60) { edges { node { id keyAccount { level } arrears { totalFen } } } } }`);
  const nodes = data!.customers.edges.map((e: { node: { id: string; keyAccount: unknown; arrears: { totalFen: number } } }) => e.node);
  customerId = (nodes.find((n: { keyAccount: unknown; arrears: { totalFen: number } }) => n.keyAccount && n.arrears.totalFen > 0) ?? nodes.find((n: { keyAccount: unknown }) => n.keyAccount)).id;
});
afterAll(async () => {
  await stack?.close();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

/**
 * The shipped policies with breakers that try again after a second instead of ten: a breaker one system's test
 * opened must not leak into the next system's test, and waiting for it (healed(), below) stays short.
 */
function quickBreakers(): string {
  const policies = JSON.parse(readFileSync("config/resilience.json", "utf8")) as Record<string, { breaker: { halfOpenAfterMs: number } }>;
  for (const policy of Object.values(policies)) policy.breaker.halfOpenAfterMs = 1_000;
  const file = join(mkdtempSync(join(tmpdir(), "faults-")), "resilience.json");
  writeFileSync(file, JSON.stringify(policies));
  return file;
}

/** After a fault is cleared: the query answers whole again (every breaker it opened has closed). */
async function healed(): Promise<void> {
  await vi.waitFor(async () => expect((await stack.graphql(customerQuery(customerId))).errors).toBeUndefined(), { timeout: 20_000, interval: 500 });
}

function faultsOf(system: System) {
  if (system === "business-hall") return stack.simulators.hall.faults;
  if (system === "network") return stack.simulators.network.faults;
  if (system === "billing") return stack.simulators.billing.faults;
  if (system === "call-centre") return stack.simulators.callCentre.faults;
  return stack.simulators.keyAccount.faults;
}

/**
 * The README's query, with the fifth system's fields it leaves out: the customer's calls (call centre) and the
 * contact time line, which reads every system.
 */
function customerQuery(id: string): string {
  return readmeQuery(id).replace(
    /customer\(id: "\d{12}"\) \{/,
    (open) => `${open}\n    calls(first: 5) { callId type outcome }\n    contactTimeline(first: 20) { unreadChannels touches { channel kind sourceId } sources { channel system read } }`,
  );
}

/** Which parts of the README's answer each system provides, to check they alone went missing. */
const OWN_PARTS: Record<System, (customer: Record<string, any>) => unknown[]> = {
  "business-hall": (c) => [c],
  network: (c) => [...c.subscriptions.map((s: { network: unknown }) => s.network), c.valueTier],
  billing: (c) => [c.accounts, c.credit, c.arrears],
  "key-account": (c) => [c.keyAccount, c.valueTier, c.potentialKeyAccount],
  "call-centre": (c) => [c.calls],
};

const FAULTS: [string, Partial<FaultSettings>][] = [
  ["down", { down: true }],
  ["slower than its budget", { latencyMs: DEADLINE_MS + 2_000 }],
  ["failing half its calls", { errorRate: 0.5 }],
];

describe.each(["business-hall", "network", "billing", "key-account", "call-centre"] as const)("the README query with %s sick", (system) => {
  it.each(FAULTS)("%s: the other systems still answer, and what is missing is null with a SOURCE_* error naming it", async (_, fault) => {
    faultsOf(system).set(fault);
    try {
      const { data, errors } = await stack.graphql(customerQuery(customerId));
      for (const error of errors ?? []) {
        expect(error.path, error.message).toBeDefined();
        expect(String(error.path!.at(-1)), "an error at a field consumers cannot ask for").not.toMatch(/Facts$/);
        expect(["SOURCE_UNAVAILABLE", "SOURCE_TIMEOUT"]).toContain(error.extensions?.code);
        // A judgement waits for its facts: when they came back only at the deadline, judging it timed out too.
        const lateJudgement = fault.latencyMs !== undefined && error.extensions?.source === "insights" && error.extensions?.code === "SOURCE_TIMEOUT";
        if (!lateJudgement) expect(error.extensions?.source).toBe(system);
      }
      if (system === "business-hall") {
        // The hall is the customer's owner: without it there is no customer to hang the rest on. Failing
        // half its calls, retries may save some of them: then what was lost is at its own path.
        expect(data).not.toBeNull();
        if (fault.errorRate === undefined) expect(data!.customer).toBeNull();
        return;
      }
      const customer = data!.customer;
      expect(customer.name).toEqual(expect.any(String));
      expect(customer.subscriptions.length).toBeGreaterThan(0);
      // What the other systems give is there, whoever is sick.
      if (system !== "billing") expect(customer.accounts.length).toBeGreaterThan(0);
      if (system !== "billing") expect(customer.arrears).not.toBeNull();
      if (system !== "key-account") expect(customer.keyAccount).not.toBeNull();
      if (system !== "network") expect(customer.subscriptions.some((s: { network: unknown }) => s.network !== null)).toBe(true);
      if (system !== "call-centre") expect(customer.calls).toEqual(expect.any(Array));
      // The call centre feeds no judgement: with it sick, every one is made.
      if (system === "call-centre") for (const judgement of ["credit", "loyalty", "valueTier", "potentialKeyAccount", "arrears", "churnRisk", "abnormal"]) expect(customer[judgement], judgement).not.toBeNull();
      if (fault.errorRate === undefined) {
        expect(errors!.length).toBeGreaterThan(0);
        expect(OWN_PARTS[system](customer).every((part) => part === null)).toBe(true);
      }
      const line = customer.contactTimeline;
      if (line !== null && fault.errorRate === undefined) {
        // The time line keeps every other system's touches and names the sick one, with an error at its source.
        const sick = line.sources.findIndex((source: { system: string }) => source.system === system);
        expect(line.unreadChannels).toEqual([line.sources[sick].channel]);
        expect(line.touches.every((t: { channel: string }) => t.channel !== line.sources[sick].channel)).toBe(true);
        expect(errors).toContainEqual(expect.objectContaining({ path: ["customer", "contactTimeline", "sources", sick, "read"], extensions: expect.objectContaining({ source: system }) }));
      }
      if (system === "call-centre" && fault.latencyMs === undefined && fault.errorRate === undefined) expect(line).not.toBeNull();
    } finally {
      faultsOf(system).clear();
      await healed();
    }
  });
});

describe("a subgraph that does not answer", () => {
  it("costs exactly the fields its fetch would have filled, each null at its path with an error naming it", async () => {
    const own = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf, { deadlineMs: DEADLINE_MS });
    try {
      await own.subgraphs.find((s) => s.name === "billing")!.stop();
      const { data, errors } = await own.graphql(`query($id: ID!) { customer(id: $id) { name accounts { accountNo } keyAccount { level } arrears { totalFen } } }`, { id: customerId });
      expect(data!.customer.name).toEqual(expect.any(String));
      expect(data!.customer.keyAccount).not.toBeNull();
      expect(data!.customer.accounts).toBeNull();
      expect(data!.customer.arrears).toBeNull();
      const paths = errors!.map((e) => e.path?.join("."));
      expect(paths).toContain("customer.accounts");
      expect(paths).toContain("customer.arrears");
      for (const error of errors!) expect(error.extensions).toMatchObject({ code: "SOURCE_UNAVAILABLE", source: "billing" });
    } finally {
      await own.close();
    }
  });
});
