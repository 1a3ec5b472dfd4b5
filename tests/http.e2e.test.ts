import { auditServer } from "graphql-http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestStack, type TestStack } from "./support/stack.js";

const sandbox = inject("sandbox");
let stack: TestStack;

// The audits ask only for { __typename } and malformed requests: the shared population is enough.
beforeAll(async () => {
  stack = await startTestStack(sandbox.databaseUrl, sandbox.schemaPrefix, sandbox.asOf);
});
afterAll(async () => {
  await stack?.close();
});

describe("GraphQL over HTTP", () => {
  it("passes every MUST and SHOULD audit of graphql-http against the gateway, with a token", async () => {
    const token = await stack.token({ subject: "http-audit" });
    const results = await auditServer({
      url: stack.gateway.url,
      fetchFn: (input: string | URL | Request, init?: RequestInit) => fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers).entries()), authorization: `Bearer ${token}` } }),
    });
    const failed = results.filter((r) => r.status !== "ok" && !r.name.startsWith("MAY")).map((r) => `${r.id} ${r.name}: ${"reason" in r ? r.reason : ""}`);
    expect(results.length).toBeGreaterThan(40);
    expect(failed).toEqual([]);
  });

  it("names the operation it cannot find instead of failing inside: an operationName the document does not hold", async () => {
    const response = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${await stack.token()}` },
      body: JSON.stringify({ query: "query Mine { __typename }", operationName: "Other" }),
    });
    const body = (await response.json()) as { errors?: { message: string; extensions: { code: string } }[] };
    expect(body.errors?.map((e) => e.extensions.code)).toEqual(["OPERATION_RESOLUTION_FAILURE"]);
    expect(body.errors?.[0]?.message).toContain('"Other"');
  });

  it("answers a mutation over GET with 405 and Allow: POST", async () => {
    const url = `${stack.gateway.url}?query=${encodeURIComponent("mutation { recordVisit }")}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${await stack.token()}` } });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("reads queries over GET, and tells the two response types apart on a document that fails validation", async () => {
    const token = await stack.token();
    const get = await fetch(`${stack.gateway.url}?query=${encodeURIComponent("{ __typename }")}`, { headers: { authorization: `Bearer ${token}`, accept: "application/graphql-response+json" } });
    expect(get.status).toBe(200);
    expect(get.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
    expect(await get.json()).toEqual({ data: { __typename: "Query" } });
    const invalid = (accept: string) =>
      fetch(stack.gateway.url, { method: "POST", headers: { "content-type": "application/json", accept, authorization: `Bearer ${token}` }, body: JSON.stringify({ query: "{ nothingHere }" }) });
    expect((await invalid("application/graphql-response+json")).status).toBe(400);
    const legacy = await invalid("application/json");
    expect(legacy.status).toBe(200);
    expect(((await legacy.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("answers 401 before anything else, whatever the request", async () => {
    const get = await fetch(`${stack.gateway.url}?query=${encodeURIComponent("{ __typename }")}`);
    expect(get.status).toBe(401);
    const broken = await fetch(stack.gateway.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{" }) });
    expect(broken.status).toBe(401);
  });
});
