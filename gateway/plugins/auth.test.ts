import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HeaderMap } from "@apollo/server";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authPlugin, VerifiedTokens } from "./auth.js";

const SECRET = "a-development-secret-of-at-least-32-characters";
const claims = { roles: ["agent"], region: "3201" };

function bearer(token: string): HeaderMap {
  return new HeaderMap([["authorization", `Bearer ${token}`]]);
}

function sign(key: CryptoKey | Uint8Array, alg: string, payload: Record<string, unknown> = claims, ttl = "5m", kid?: string): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
    .setSubject("user-1")
    .setIssuer("customer-graph")
    .setAudience("customer-graph")
    .setExpirationTime(ttl)
    .sign(key);
}

describe("authPlugin with a development secret (HS256)", () => {
  const plugin = authPlugin({ jwtSecret: SECRET, issuer: "customer-graph", audience: "customer-graph" });
  const hs = new TextEncoder().encode(SECRET);

  it("turns a valid token into the caller's identity", async () => {
    const token = await sign(hs, "HS256", { ...claims, pii: true, roles: ["ka-manager"], managerId: "JL32010001" });
    expect(await plugin.context!(bearer(token))).toEqual({ identity: { subject: "user-1", roles: ["ka-manager"], region: "3201", managerId: "JL32010001", pii: true } });
  });

  it("refuses each kind of bad token with UNAUTHENTICATED and HTTP 401, saying why", async () => {
    const cases: [HeaderMap, RegExp][] = [
      [new HeaderMap(), /bearer token is required/],
      [new HeaderMap([["authorization", "Basic dXNlcjpwYXNz"]]), /bearer token is required/],
      [bearer(await sign(hs, "HS256", claims, "-10s")), /expired/],
      [bearer(await sign(new TextEncoder().encode("x".repeat(40)), "HS256")), /signature/],
      [bearer(await sign(hs, "HS256", { roles: ["agent"] })), /region/],
      [bearer(await sign(hs, "HS256", { roles: ["ka-manager"], region: "3201" })), /managerId/],
      [bearer("a.b.c"), /not a valid JWT/],
    ];
    for (const [headers, message] of cases) {
      const error = await plugin.context!(headers).then(
        () => null,
        (e: unknown) => e as { message: string; extensions: { code: string; http: { status: number } } },
      );
      expect(error?.message).toMatch(message);
      expect(error?.extensions.code).toBe("UNAUTHENTICATED");
      expect(error?.extensions.http.status).toBe(401);
    }
  });

  it("refuses a token for another issuer or audience", async () => {
    const other = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setSubject("u").setIssuer("elsewhere").setAudience("customer-graph").setExpirationTime("5m").sign(hs);
    await expect(plugin.context!(bearer(other))).rejects.toThrow(/iss/);
  });

  it("needs a secret or a key set", () => {
    expect(() => authPlugin({ issuer: "i", audience: "a" })).toThrow(/AUTH_JWKS_URL or AUTH_JWT_SECRET/);
  });
});

describe("authPlugin with an identity provider's key set (JWKS)", () => {
  let server: Server;
  let url: string;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256");
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    server = createServer((_, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("accepts the provider's tokens and refuses an HS256 token signed with a guessable secret", async () => {
    const plugin = authPlugin({ jwksUrl: url, issuer: "customer-graph", audience: "customer-graph" });
    const identity = await plugin.context!(bearer(await sign(privateKey, "RS256", claims, "5m", "k1")));
    expect(identity.identity?.region).toBe("3201");
    await expect(plugin.context!(bearer(await sign(new TextEncoder().encode(SECRET), "HS256")))).rejects.toThrow(/algorithm|signature|not a valid/);
  });
});

describe("verified tokens, taken on trust for a while", () => {
  const identity = { subject: "user-1", roles: ["agent" as const], region: "3201", managerId: null, pii: false };

  it("holds a token until it expires, and never past five minutes", () => {
    const tokens = new VerifiedTokens();
    const now = 1_000_000_000_000;
    tokens.add("soon", identity, now / 1000 + 60, now);
    tokens.add("late", identity, now / 1000 + 3_600, now);
    expect(tokens.get("soon", now + 59_000)).toEqual(identity);
    expect(tokens.get("soon", now + 60_000)).toBeNull();
    expect(tokens.get("late", now + 299_000)).toEqual(identity);
    expect(tokens.get("late", now + 300_000)).toBeNull();
    expect(tokens.get("never-added", now)).toBeNull();
  });

  it("a token taken on trust still expires for the plugin: the second use after expiry is refused", async () => {
    const plugin = authPlugin({ jwtSecret: SECRET, issuer: "customer-graph", audience: "customer-graph" });
    const token = await sign(new TextEncoder().encode(SECRET), "HS256", claims, "2s");
    await expect(plugin.context!(bearer(token))).resolves.toEqual({ identity: expect.objectContaining({ region: "3201" }) });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expect(plugin.context!(bearer(token))).rejects.toThrow(/expired/);
  });
});
