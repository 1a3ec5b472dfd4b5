import { SignJWT } from "jose";
import type { Role } from "../schema/caller.js";

export interface TokenRequest {
  roles: Role[];
  /** HQ, a province (2 digits) or a local network (4 digits). */
  region: string;
  managerId?: string | undefined;
  pii?: boolean;
  subject?: string;
  /** Lifetime, as jose reads it: "8h", "30m", "7d". */
  ttl?: string;
}

/** A development bearer token with the claims the gateway's auth plugin reads. */
export function mintToken(secret: string, request: TokenRequest, issuer = "customer-graph", audience = "customer-graph"): Promise<string> {
  const claims = {
    roles: request.roles,
    region: request.region,
    ...(request.managerId ? { managerId: request.managerId } : {}),
    ...(request.pii ? { pii: true } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(request.subject ?? `dev:${request.roles.join("+")}:${request.region}${request.managerId ? `:${request.managerId}` : ""}`)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(request.ttl ?? "8h")
    .sign(new TextEncoder().encode(secret));
}
