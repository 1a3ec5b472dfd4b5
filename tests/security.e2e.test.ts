import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SignJWT } from "jose";
import { signedHeaders } from "../schema/caller.js";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { startTestStack, type TestStack } from "./support/stack.js";

const sandbox = inject("sandbox");
const PREFIX = "sec_";
let stack: TestStack;

interface Known {
  id: string;
  region: string;
  serviceNo: string | null;
  accountNo: string | null;
  managerId: string | null;
}
/** The population as an admin sees it, to pick customers inside and outside a caller's scope. */
let everyone: Known[];

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 120, seed: 11, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf);
  const admin = await stack.token({ roles: ["admin"] });
  const { data, errors } = await stack.graphql(
    `{ customers(first: 200) { edges { node { id region { code } subscriptions { serviceNo } accounts { accountNo } keyAccount { manager { id } } } } } }`,
    {},
    admin,
  );
  expect(errors).toBeUndefined();
  everyone = data!.customers.edges.map(({ node }: { node: any }) => ({
    id: node.id,
    region: node.region.code,
    serviceNo: node.subscriptions[0]?.serviceNo ?? null,
    accountNo: node.accounts[0]?.accountNo ?? null,
    managerId: node.keyAccount?.manager?.id ?? null,
  }));
});
afterAll(async () => {
  await stack?.close();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(stack.gateway.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: any; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] } };
}

const codes = (errors: { extensions?: Record<string, unknown> }[] | undefined) => (errors ?? []).map((e) => e.extensions?.code);

describe("authentication at the gateway", () => {
  const query = { query: "{ judgementsAsOf }" };

  it("refuses a request without a token, with an expired one and with a forged one: 401 UNAUTHENTICATED", async () => {
    const none = await post(query);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(codes(none.body.errors)).toEqual(["UNAUTHENTICATED"]);

    const expired = await post(query, { authorization: `Bearer ${await stack.token({ ttl: "-1m" })}` });
    expect(expired.status).toBe(401);
    expect(expired.body.errors![0]!.message).toMatch(/expired/);

    const forged = await new SignJWT({ roles: ["admin"], region: "HQ", pii: true })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("mallory")
      .setIssuer("customer-graph")
      .setAudience("customer-graph")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("a-secret-that-is-not-the-gateways-secret-at-all"));
    const wrong = await post(query, { authorization: `Bearer ${forged}` });
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors![0]!.message).toMatch(/signature/);

    const garbage = await post(query, { authorization: "Bearer not.a.jwt" });
    expect(garbage.status).toBe(401);
    expect(codes(garbage.body.errors)).toEqual(["UNAUTHENTICATED"]);
  });

  it("refuses a token whose claims name no usable role or region", async () => {
    const token = await new SignJWT({ roles: ["boss"], region: "Jiangsu" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("someone")
      .setIssuer("customer-graph")
      .setAudience("customer-graph")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(stack.secrets.jwtSecret));
    const answer = await post(query, { authorization: `Bearer ${token}` });
    expect(answer.status).toBe(401);
    expect(answer.body.errors![0]!.message).toMatch(/roles.*region|region/);
  });

  it("answers a valid token", async () => {
    const ok = await post(query, { authorization: `Bearer ${await stack.token({ roles: ["agent"], region: "3201" })}` });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toEqual({ judgementsAsOf: sandbox.asOf });
  });
});

describe("the subgraphs answer only the gateway", () => {
  it("refuses direct calls to each of the six subgraphs, _service and _entities included", async () => {
    const customer = everyone[0]!;
    const forgedFacts = { __typename: "Customer", id: customer.id, billingFacts: { accounts: [], bills: [], services: [], suspensions: [], dunning: [] } };
    const calls = [
      { query: "{ _service { sdl } }" },
      { query: "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }", variables: { r: [{ __typename: "Customer", id: customer.id }] } },
    ];
    expect(stack.subgraphs).toHaveLength(6);
    for (const subgraph of stack.subgraphs) {
      for (const body of calls) {
        const response = await fetch(subgraph.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        expect(response.status, `${subgraph.name} ${body.query}`).toBe(401);
        const answer = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
        expect(answer.data).toBeUndefined();
        expect(answer.errors[0]!.extensions.code).toBe("UNAUTHENTICATED");
      }
    }
    // Forged facts handed straight to insights are never judged.
    const insights = stack.subgraphs.find((s) => s.name === "insights")!;
    const forged = JSON.stringify({ query: "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { arrears { totalFen } } } }", variables: { r: [forgedFacts] } });
    const direct = await fetch(insights.url, { method: "POST", headers: { "content-type": "application/json" }, body: forged });
    expect(direct.status).toBe(401);
  });

  it("refuses a signature under another secret, one over another body, and one replayed after the window", async () => {
    const profile = stack.subgraphs.find((s) => s.name === "profile")!;
    const caller = { subject: "x", roles: ["admin" as const], region: "HQ", managerId: null, pii: true };
    const body = JSON.stringify({ query: "{ _service { sdl } }" });
    const send = (headers: Record<string, string>, sent = body) => fetch(profile.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: sent });
    expect((await send(signedHeaders(stack.secrets.signingSecret, caller, body))).status).toBe(200);
    expect((await send(signedHeaders("another-secret-of-the-same-length-as-ours!!!!!", caller, body))).status).toBe(401);
    expect((await send(signedHeaders(stack.secrets.signingSecret, caller, body), JSON.stringify({ query: "{ __typename }" }))).status).toBe(401);
    const stale = await send(signedHeaders(stack.secrets.signingSecret, caller, body, Date.now() - 120_000));
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/expired/);
  });

  it("keeps the facts the judgements read out of the public graph", async () => {
    const { errors } = await stack.graphql(`{ customer(id: "${everyone[0]!.id}") { billingFacts } }`);
    expect(codes(errors)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });
});

describe("region scope, enforced where the data lives", () => {
  const inRegion = () => everyone.find((c) => c.region.startsWith("32") && c.serviceNo && c.accountNo)!;
  const outOfRegion = () => everyone.find((c) => !c.region.startsWith("32") && c.serviceNo && c.accountNo)!;

  it("gives a province agent its own customers and FORBIDDEN, with null, for others by id, service number and account number", async () => {
    const agent = await stack.token({ roles: ["agent"], region: "32" });
    const mine = inRegion();
    const other = outOfRegion();
    const query = `query($id: ID!, $serviceNo: String!, $accountNo: ID!) {
      customer(id: $id) { id }
      customerByServiceNumber(serviceNo: $serviceNo) { id }
      account(accountNo: $accountNo) { accountNo }
    }`;
    const allowed = await stack.graphql(query, { id: mine.id, serviceNo: mine.serviceNo, accountNo: mine.accountNo }, agent);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data).toEqual({ customer: { id: mine.id }, customerByServiceNumber: { id: mine.id }, account: { accountNo: mine.accountNo } });

    const refused = await stack.graphql(query, { id: other.id, serviceNo: other.serviceNo, accountNo: other.accountNo }, agent);
    expect(refused.data).toEqual({ customer: null, customerByServiceNumber: null, account: null });
    expect(refused.errors!.map((e) => [e.path?.join("."), e.extensions?.code]).sort()).toEqual([
      ["account", "FORBIDDEN"],
      ["customer", "FORBIDDEN"],
      ["customerByServiceNumber", "FORBIDDEN"],
    ]);
  });

  it("lists and counts only the customers of the caller's region", async () => {
    for (const region of ["32", "3201"]) {
      const token = await stack.token({ roles: ["agent"], region });
      const { data, errors } = await stack.graphql(`{ customers(first: 200) { totalCount edges { node { id region { code } } } } }`, {}, token);
      expect(errors).toBeUndefined();
      const expected = everyone.filter((c) => c.region.startsWith(region));
      expect(expected.length).toBeGreaterThan(0);
      expect(data!.customers.totalCount).toBe(expected.length);
      expect(data!.customers.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(expected.map((c) => c.id));
    }
  });

  it("refuses out-of-region customers reached from another system too (account → customer)", async () => {
    const other = outOfRegion();
    const agent = await stack.token({ roles: ["agent"], region: "32" });
    const { data, errors } = await stack.graphql(`query($no: ID!) { account(accountNo: $no) { customer { name } } }`, { no: other.accountNo }, agent);
    expect(data!.account).toBeNull();
    expect(codes(errors)).toEqual(["FORBIDDEN"]);
  });

  it("scopes a network line looked up on its own by its exchange, and a manager by the local network they work in", async () => {
    const agent = await stack.token({ roles: ["agent"], region: "32" });
    const mine = everyone.find((c) => c.region.startsWith("32") && c.serviceNo && c.managerId?.startsWith("JL32"))!;
    const other = everyone.find((c) => !c.region.startsWith("32") && c.serviceNo && c.managerId && !c.managerId.startsWith("JL32"))!;
    const query = `query($mine: String!, $other: String!, $myManager: ID!, $otherManager: ID!) {
      mine: networkStatus(serviceNo: $mine) { status }
      other: networkStatus(serviceNo: $other) { status }
      myManager: keyAccountManager(id: $myManager) { id }
      otherManager: keyAccountManager(id: $otherManager) { id }
    }`;
    const { data, errors } = await stack.graphql(query, { mine: mine.serviceNo, other: other.serviceNo, myManager: mine.managerId, otherManager: other.managerId }, agent);
    expect(data!.mine).not.toBeNull();
    expect(data!.myManager).toEqual({ id: mine.managerId });
    expect(data!.other).toBeNull();
    expect(data!.otherManager).toBeNull();
    expect(errors!.map((e) => [e.path?.join("."), e.extensions?.code]).sort()).toEqual([
      ["other", "FORBIDDEN"],
      ["otherManager", "FORBIDDEN"],
    ]);
  });

  it("gives an architect the schema but no customer", async () => {
    const architect = await stack.token({ roles: ["architect"] });
    const { data, errors } = await stack.graphql(`{ customer(id: "${everyone[0]!.id}") { id } customers(first: 5) { totalCount } __schema { queryType { name } } }`, {}, architect);
    expect(data).toEqual({ customer: null, customers: null, __schema: { queryType: { name: "Query" } } });
    expect(codes(errors)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
  });
});

describe("key-account managers see their own portfolio", () => {
  it("lists exactly the manager's portfolio in me and customers, and refuses another manager's customer", async () => {
    const managed = everyone.filter((c) => c.managerId);
    const managerId = managed[0]!.managerId!;
    const portfolio = managed.filter((c) => c.managerId === managerId).map((c) => c.id);
    const other = managed.find((c) => c.managerId !== managerId) ?? everyone.find((c) => !portfolio.includes(c.id))!;
    const token = await stack.token({ roles: ["ka-manager"], region: managerId.slice(2, 6), managerId, pii: false });

    const { data, errors } = await stack.graphql(
      `query($other: ID!) {
        me { subject roles manager { id } portfolio { customer { id name } } }
        customers(first: 50) { totalCount edges { node { id } } }
        other: customer(id: $other) { name }
      }`,
      { other: other.id },
      token,
    );
    expect(data!.me.manager).toEqual({ id: managerId });
    expect(data!.me.portfolio.map((k: { customer: { id: string } }) => k.customer.id).sort()).toEqual([...portfolio].sort());
    expect(data!.me.portfolio.every((k: { customer: { name: string | null } }) => typeof k.customer.name === "string")).toBe(true);
    expect(data!.customers.totalCount).toBe(portfolio.length);
    expect(data!.customers.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([...portfolio].sort());
    expect(data!.other).toBeNull();
    expect(errors!.map((e) => [e.path?.join("."), e.extensions?.code])).toEqual([["other", "FORBIDDEN"]]);
  });

  it("reaches the portfolio's lines, bills and judgements through its customers, and no line on its own", async () => {
    const managed = everyone.find((c) => c.managerId && c.serviceNo)!;
    const token = await stack.token({ roles: ["ka-manager"], region: managed.managerId!.slice(2, 6), managerId: managed.managerId! });
    const { data, errors } = await stack.graphql(
      `query($serviceNo: String!) {
        me { portfolio(first: 1) { customer { subscriptions { serviceNo network { status } } accounts { bills(first: 2) { billNo } } credit { score } } } }
        networkStatus(serviceNo: $serviceNo) { status }
      }`,
      { serviceNo: managed.serviceNo },
      token,
    );
    const customer = data!.me.portfolio[0].customer;
    expect(customer.subscriptions.length).toBeGreaterThan(0);
    expect(customer.subscriptions.some((s: { network: unknown }) => s.network !== null)).toBe(true);
    expect(customer.credit.score).toEqual(expect.any(Number));
    expect(data!.networkStatus).toBeNull();
    expect(errors!.map((e) => [e.path?.join("."), e.extensions?.code])).toEqual([["networkStatus", "FORBIDDEN"]]);
  });
});

describe("personal data, masked at the source", () => {
  const PERSONAL = `customer(id: $id) { phone address idCardNumber contacts { phone } accounts { bank { account } } keyAccount { manager { phone } } }`;

  it("masks ID-card numbers, phones, addresses, contacts' and managers' phones and bank accounts without the PII right", async () => {
    const candidate = everyone.find((c) => c.managerId)!;
    const withPii = await stack.graphql(`query($id: ID!) { ${PERSONAL} }`, { id: candidate.id });
    const without = await stack.graphql(`query($id: ID!) { ${PERSONAL} }`, { id: candidate.id }, await stack.token({ pii: false }));
    expect(withPii.errors).toBeUndefined();
    expect(without.errors).toBeUndefined();
    const shown = withPii.data!.customer;
    const masked = without.data!.customer;
    expect(shown.idCardNumber).toMatch(/^[0-9A-Z]{18}$/);
    expect(masked.idCardNumber).toBe(`${shown.idCardNumber.slice(0, 4)}${"*".repeat(10)}${shown.idCardNumber.slice(-4)}`);
    expect(masked.phone).toBe(`${shown.phone.slice(0, 3)}****${shown.phone.slice(-4)}`);
    expect(masked.address).toBe(`${shown.address.slice(0, 6)}****`);
    expect(masked.keyAccount.manager.phone).toMatch(/\*{4}\d{4}$/);
    expect(masked.keyAccount.manager.phone).not.toBe(shown.keyAccount.manager.phone);
    for (const [i, contact] of masked.contacts.entries()) {
      expect(contact.phone).toMatch(/\*/);
      expect(contact.phone.slice(-4)).toBe(shown.contacts[i].phone.slice(-4));
    }
    const text = JSON.stringify(without.data);
    expect(text).not.toContain(shown.idCardNumber);
    expect(text).not.toContain(shown.phone);
  });

  it("masks bank account numbers on accounts paid by bank debit", async () => {
    const query = `{ customers(first: 200) { edges { node { accounts { accountNo bank { account } } } } } }`;
    const shown = await stack.graphql(query);
    const masked = await stack.graphql(query, {}, await stack.token({ pii: false }));
    const banks = (data: any) => data.customers.edges.flatMap((e: any) => e.node.accounts.filter((a: any) => a.bank).map((a: any) => a.bank.account));
    const plain: string[] = banks(shown.data);
    expect(plain.length).toBeGreaterThan(0);
    expect(banks(masked.data)).toEqual(plain.map((n) => `${n.slice(0, 4)}${"*".repeat(n.length - 8)}${n.slice(-4)}`));
  });
});
