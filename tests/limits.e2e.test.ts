import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { readmeQuery } from "./support/readme.js";
import { startTestStack, type TestStack } from "./support/stack.js";

const sandbox = inject("sandbox");
const PREFIX = "lim_";
const RATE_LIMIT = 8;
// Subjects of this run only: a Redis counter outlives the run by up to a minute.
const RUN = randomUUID().slice(0, 8);
let stack: TestStack;
let customerId: string;

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 40, seed: 13, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  // Production rules (introspection closed) and a rate limit small enough to reach, counted in Redis when CI provides one.
  stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf, {
    production: true,
    rateLimit: { limit: RATE_LIMIT, windowMs: 60_000 },
    redisUrl: process.env.REDIS_URL || undefined,
  });
  const { data } = await stack.graphql(`{ customers(first: 1) { edges { node { id } } } }`, {}, await stack.token({ subject: `setup-${RUN}` }));
  customerId = data!.customers.edges[0].node.id;
});
afterAll(async () => {
  await stack?.close();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

async function post(query: string, token: string, accept = "application/graphql-response+json") {
  const response = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", accept, authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const totalRoundTrips = () => Object.values(stack.roundTrips.snapshot()).reduce((sum, n) => sum + n, 0);

/** Sends a query that must be refused, and checks no legacy system heard of it. */
async function refusedBeforeAnyLegacyCall(query: string, subject: string) {
  stack.roundTrips.reset();
  const answer = await post(query, await stack.token({ subject: `${subject}-${RUN}` }));
  expect(totalRoundTrips()).toBe(0);
  return answer;
}

describe("query limits, before any subgraph is called", () => {
  it("refuses a 50-level deep query", async () => {
    let selection = "id";
    for (let i = 0; i < 25; i++) selection = `keyAccount { customer { ${selection} } }`;
    const { status, body } = await refusedBeforeAnyLegacyCall(`{ customer(id: "${customerId}") { ${selection} } }`, "deep");
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions!.code).toBe("QUERY_TOO_COMPLEX");
    expect(body.errors![0]!.message).toMatch(/depth/i);
  });

  it("refuses 1,000 aliases", async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: customers(first: 100) { totalCount }`).join(" ");
    const { status, body } = await refusedBeforeAnyLegacyCall(`{ ${aliases} }`, "aliases");
    expect(status).toBe(400);
    expect(body.errors!.every((e) => e.extensions!.code === "QUERY_TOO_COMPLEX")).toBe(true);
  });

  it("refuses the nested portfolio walk, whose lists multiply, without a single legacy round trip", async () => {
    let selection = "name";
    for (let i = 0; i < 12; i++) selection = `keyAccount { manager { portfolio { customer { ${selection} } } } }`;
    const { status, body } = await refusedBeforeAnyLegacyCall(`{ customer(id: "${customerId}") { ${selection} } }`, "walk");
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions!.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("refuses a page over a list's maximum with BAD_USER_INPUT, and still answers the README's query", async () => {
    const token = await stack.token({ subject: `readme-${RUN}` });
    stack.roundTrips.reset();
    const over = await post(`{ customer(id: "${customerId}") { accounts { bills(first: 241) { billNo } } } }`, token);
    expect(over.body.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
    const readme = await post(readmeQuery(customerId), token);
    expect(readme.status).toBe(200);
    expect(readme.body.errors).toBeUndefined();
    // The counter the refusals read does count: this allowed query reached the legacy systems.
    expect(totalRoundTrips()).toBeGreaterThan(0);
  });
});

describe("introspection in production", () => {
  const INTROSPECT = "{ __schema { queryType { name } } }";

  it("is for architects and admins only", async () => {
    for (const role of ["architect", "admin"] as const) {
      const { status, body } = await post(INTROSPECT, await stack.token({ roles: [role], subject: `intro-${role}-${RUN}` }));
      expect(status, role).toBe(200);
      expect(body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
    }
    const refused = await post(INTROSPECT, await stack.token({ roles: ["agent"], region: "32", subject: `intro-agent-${RUN}` }));
    expect(refused.status).toBe(403);
    expect(refused.body.errors![0]!.extensions!.code).toBe("FORBIDDEN");
    const typename = await post("{ __typename }", await stack.token({ roles: ["agent"], region: "32", subject: `intro-agent-${RUN}` }));
    expect(typename.body.data).toEqual({ __typename: "Query" });
  });
});

describe("rate limit per subject", () => {
  it("answers 429 RATE_LIMITED with Retry-After once a subject is over, and leaves other subjects alone", async () => {
    const busy = await stack.token({ subject: `busy-${RUN}` });
    for (let i = 0; i < RATE_LIMIT; i++) expect((await post("{ judgementsAsOf }", busy)).status).toBe(200);
    stack.roundTrips.reset();
    const over = await post(`{ customer(id: "${customerId}") { name } }`, busy);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(over.body.errors![0]!.extensions!.code).toBe("RATE_LIMITED");
    expect(totalRoundTrips()).toBe(0);
    const other = await post("{ judgementsAsOf }", await stack.token({ subject: `calm-${RUN}` }));
    expect(other.status).toBe(200);
  });
});
