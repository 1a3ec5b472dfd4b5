import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * The wire contract between the gateway and the subgraphs: who the caller is, vouched for by the
 * gateway. Both sides import this one copy, so the signed text cannot drift between them.
 */

export const ROLES = ["hq-analyst", "agent", "ka-manager", "architect", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** "HQ" (everything), a province ("32") or a local network ("3201"), as in Customer.region.code. */
export const REGION_SCOPE = /^(HQ|\d{2}|\d{4})$/;
/** A key-account manager's id: JL + local network + 4 digits. */
export const MANAGER_ID = /^JL\d{8}$/;

export const callerSchema = z.strictObject({
  subject: z.string().min(1).max(200),
  roles: z.array(z.enum(ROLES)).min(1),
  region: z.string().regex(REGION_SCOPE, "must be HQ, a province (2 digits) or a local network (4 digits)"),
  managerId: z.string().regex(MANAGER_ID, "must be JL + 8 digits").nullable(),
  pii: z.boolean(),
});

/** Who is calling, as the gateway established it from the bearer token. */
export type Caller = z.infer<typeof callerSchema>;

export const CALLER_HEADER = "x-cg-caller";
export const TIMESTAMP_HEADER = "x-cg-timestamp";
export const SIGNATURE_HEADER = "x-cg-signature";
/** When the gateway stops waiting for the request (epoch milliseconds): every legacy call fits in it. */
export const DEADLINE_HEADER = "x-cg-deadline";
/** A request's deadline when the gateway sets none of its own (GATEWAY_DEADLINE_MS overrides it there). */
export const DEFAULT_DEADLINE_MS = 8_000;

/** How far a signed request's timestamp may be from the subgraph's clock: a captured call soon goes stale. */
export const REPLAY_WINDOW_MS = 30_000;

function signature(secret: string, caller: string, timestamp: string, deadline: string, body: string | Buffer): string {
  const bodyHash = createHash("sha256").update(body).digest("hex");
  return createHmac("sha256", secret).update(`v1\n${timestamp}\n${deadline}\n${caller}\n${bodyHash}`).digest("base64url");
}

/** The headers that vouch for one request body sent on behalf of `caller`, to be answered by `deadline`. */
export function signedHeaders(secret: string, caller: Caller, body: string, now = Date.now(), deadline = now + DEFAULT_DEADLINE_MS): Record<string, string> {
  const encoded = Buffer.from(JSON.stringify(caller)).toString("base64url");
  const timestamp = String(now);
  const until = String(Math.round(deadline));
  return { [CALLER_HEADER]: encoded, [TIMESTAMP_HEADER]: timestamp, [DEADLINE_HEADER]: until, [SIGNATURE_HEADER]: signature(secret, encoded, timestamp, until, body) };
}

export type Verified = { ok: true; caller: Caller; deadline: number } | { ok: false; reason: string };

/** Checks a request's signed headers against its raw body; says why when they do not hold. */
export function verifySignedRequest(
  secret: string,
  header: (name: string) => string | undefined,
  body: string | Buffer,
  now = Date.now(),
): Verified {
  const encoded = header(CALLER_HEADER);
  const timestamp = header(TIMESTAMP_HEADER);
  const deadline = header(DEADLINE_HEADER);
  const given = header(SIGNATURE_HEADER);
  if (!encoded || !timestamp || !deadline || !given) return { ok: false, reason: "the request is not signed by the gateway" };
  if (!/^\d{1,16}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > REPLAY_WINDOW_MS) {
    return { ok: false, reason: "the request's signature has expired" };
  }
  if (!/^\d{1,16}$/.test(deadline)) return { ok: false, reason: "the request's deadline is not readable" };
  const expected = Buffer.from(signature(secret, encoded, timestamp, deadline, body));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, reason: "the request's signature does not match" };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "the signed caller is not readable" };
  }
  const caller = callerSchema.safeParse(decoded);
  return caller.success ? { ok: true, caller: caller.data, deadline: Number(deadline) } : { ok: false, reason: "the signed caller is not readable" };
}
