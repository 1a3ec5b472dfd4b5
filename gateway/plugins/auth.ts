import { HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import { MANAGER_ID, REGION_SCOPE, ROLES } from "../../schema/caller.js";
import type { Identity } from "../identity.js";
import type { GatewayPlugin } from "./plugin.js";

export interface AuthOptions {
  /** HS256 shared secret (development, or production without an identity provider). */
  jwtSecret?: string | undefined;
  /** The identity provider's key set (RS256/ES256 …); takes precedence over the secret. */
  jwksUrl?: string | undefined;
  issuer: string;
  audience: string;
}

/** The claims a token must carry, beyond the standard ones jose checks (signature, exp, iss, aud). */
const claimsSchema = z
  .object({
    sub: z.string().min(1).max(200),
    roles: z.array(z.enum(ROLES)).min(1),
    region: z.string().regex(REGION_SCOPE, "must be HQ, a province (2 digits) or a local network (4 digits)"),
    managerId: z.string().regex(MANAGER_ID, "must be JL + 8 digits").optional(),
    pii: z.boolean().optional(),
  })
  .refine((c) => !c.roles.includes("ka-manager") || c.managerId !== undefined, { message: "a ka-manager token needs managerId", path: ["managerId"] });

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: "UNAUTHENTICATED", http: { status: 401, headers: new HeaderMap([["www-authenticate", 'Bearer realm="customer-graph"']]) } },
  });
}

/** The identity a token's payload names, or why it names none. */
export function identityFromClaims(payload: JWTPayload): Identity {
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) {
    throw unauthenticated(`the token's claims are not usable: ${claims.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  }
  const { sub, roles, region, managerId, pii } = claims.data;
  return { subject: sub, roles, region, managerId: managerId ?? null, pii: pii ?? false };
}

/**
 * Authentication: a bearer JWT on every request. The caller's identity goes into the context for the
 * other plugins and the subgraph data sources; anything else is UNAUTHENTICATED with HTTP 401.
 */
export function authPlugin(options: AuthOptions): GatewayPlugin {
  const key: Uint8Array | JWTVerifyGetKey = options.jwksUrl
    ? createRemoteJWKSet(new URL(options.jwksUrl))
    : new TextEncoder().encode(options.jwtSecret ?? "");
  if (!options.jwksUrl && !options.jwtSecret) throw new Error("authentication needs AUTH_JWKS_URL or AUTH_JWT_SECRET");
  const algorithms = options.jwksUrl ? ["RS256", "PS256", "ES256", "EdDSA"] : ["HS256"];
  const verified = new VerifiedTokens();
  return {
    name: "auth",
    async context(headers) {
      const header = headers.get("authorization") ?? "";
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw unauthenticated("a bearer token is required (Authorization: Bearer <token>)");
      const token = match[1]!;
      const known = verified.get(token);
      if (known) return { identity: known };
      try {
        const { payload } = await jwtVerify(token, key as Uint8Array, { issuer: options.issuer, audience: options.audience, algorithms });
        const identity = identityFromClaims(payload);
        verified.add(token, identity, payload.exp);
        return { identity };
      } catch (error) {
        if (error instanceof GraphQLError) throw error;
        throw unauthenticated(tokenProblem(error));
      }
    },
  };
}

/** How long a verified token is taken on trust before its signature is checked again (a key set may rotate). */
const VERIFIED_FOR_MS = 5 * 60_000;
const VERIFIED_TOKENS = 10_000;

/**
 * Tokens whose signature and claims have been checked, with the identity they name: a client sends the
 * same token on every request, and checking an HMAC or RSA signature is most of what authentication
 * costs. An entry lasts until the token expires or VERIFIED_FOR_MS, whichever comes first.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { identity: Identity; until: number }>();

  get(token: string, now = Date.now()): Identity | null {
    const entry = this.entries.get(token);
    if (!entry) return null;
    if (now < entry.until) return entry.identity;
    this.entries.delete(token);
    return null;
  }

  add(token: string, identity: Identity, expiresAtSeconds: number | undefined, now = Date.now()): void {
    const until = Math.min(now + VERIFIED_FOR_MS, expiresAtSeconds === undefined ? Infinity : expiresAtSeconds * 1000);
    if (this.entries.size >= VERIFIED_TOKENS) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { identity, until });
  }
}

function tokenProblem(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "the token has expired";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "the token's signature does not verify";
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "the token is signed with an algorithm this gateway does not accept";
  if (error instanceof joseErrors.JWKSTimeout) return "the identity provider's keys could not be fetched in time";
  if (error instanceof joseErrors.JWKSNoMatchingKey) return "no key of the identity provider matches the token";
  return "the token is not a valid JWT";
}
