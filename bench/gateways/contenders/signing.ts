import { jwtVerify } from "jose";
import { identityFromClaims } from "../../../gateway/plugins/auth.js";
import { signedHeaders, type Caller } from "../../../schema/caller.js";

/**
 * What stock Apollo and Hive need to call our subgraphs, which refuse unsigned calls: the caller named
 * by the request's bearer token (checked as our gateway checks it), and the signed headers over the
 * exact body each subgraph request carries (schema/caller.ts, the one wire contract).
 */
export interface SubgraphSigning {
  jwtSecret: string;
  signingSecret: string;
}

const ISSUER = "customer-graph";
const AUDIENCE = "customer-graph";

/** The caller an `Authorization: Bearer …` header names; throws when there is none or it does not verify. */
export async function callerOfBearer(jwtSecret: string, authorization: string | null | undefined): Promise<Caller> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match) throw new Error("a bearer token is required");
  const { payload } = await jwtVerify(match[1]!, new TextEncoder().encode(jwtSecret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
  return identityFromClaims(payload);
}

/** The request's headers plus the signature of `body` for `caller`, with the default deadline. */
export function withSignature(signingSecret: string, caller: Caller, headers: Record<string, string>, body: string): Record<string, string> {
  return { ...headers, ...signedHeaders(signingSecret, caller, body) };
}
