import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { captureLogs, type CapturedLogs } from "../../tests/support/logs.js";
import type { GatewayContext } from "../identity.js";
import { maskError } from "../errors.js";
import { observeRequest } from "../telemetry.js";
import { telemetryPlugin } from "./telemetry.js";

let apollo: ApolloServer<GatewayContext>;
let server: Server;
let url: string;
let logs: CapturedLogs;

/** An Apollo Server with the telemetry plugin behind the gateway's observer; no token, no identity. */
beforeAll(async () => {
  apollo = new ApolloServer<GatewayContext>({
    typeDefs: "type Query { ping: String secret: String broken: String }",
    resolvers: {
      Query: {
        ping: () => "pong",
        secret: () => {
          throw new GraphQLError("not for you", { extensions: { code: "FORBIDDEN" } });
        },
        broken: () => {
          throw new Error("a bug that names internals");
        },
      },
    },
    formatError: maskError,
    plugins: telemetryPlugin().apollo,
  });
  await apollo.start();
  server = createServer((req, res) =>
    void observeRequest(req, res, "/graphql", async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: "POST", headers: new HeaderMap([["content-type", "application/json"]]), search: "", body: JSON.parse(Buffer.concat(chunks).toString()) },
        context: async () => {
          if (!req.headers.authorization) throw new GraphQLError("no bearer token", { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
          return { identity: { subject: "jane.doe@example.com", roles: ["agent"], region: "32", managerId: null, pii: false }, deadline: Date.now() + 8_000 };
        },
      });
      res.writeHead(response.status ?? 200).end(response.body.kind === "complete" ? response.body.string : "");
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await apollo.stop();
});
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

async function lineFor(body: unknown, authorization: string | null = "Bearer x") {
  await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) }, body: JSON.stringify(body) });
  return vi.waitFor(() => logs.lines().find((line) => line.path === "/graphql") ?? Promise.reject(new Error("no line yet")));
}

describe("the telemetry plugin", () => {
  it("tells the request's line its operation and the caller's roles and region, never the token's subject", async () => {
    const line = await lineFor({ query: "query Ping { ping }", operationName: "Ping" });
    expect(line).toMatchObject({ operationName: "Ping", operationType: "query", roles: ["agent"], region: "32", status: 200 });
    expect(line.errors).toBeUndefined();
    expect(logs.text()).not.toContain("jane.doe");
  });

  it("counts the errors of the answer by the code the caller saw: an internal error as INTERNAL_SERVER_ERROR", async () => {
    const line = await lineFor({ query: "{ ping secret broken }" });
    expect(line).toMatchObject({ level: "error", operationType: "query", errors: { FORBIDDEN: 1, INTERNAL_SERVER_ERROR: 1 } });
    expect(logs.text()).not.toContain("names internals");
  });

  it("notes a refusal before the operation was read, and a document that does not parse", async () => {
    expect(await lineFor({ query: "{ ping }" }, null)).toMatchObject({ status: 401, operationType: "none", errors: { UNAUTHENTICATED: 1 } });
    logs.restore();
    logs = captureLogs();
    expect(await lineFor({ query: "{ ping" })).toMatchObject({ status: 400, operationType: "none", errors: { GRAPHQL_PARSE_FAILED: 1 } });
  });
});
