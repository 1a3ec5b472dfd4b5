import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";

/** The one SASL mechanism offered: no TLS here, so no channel binding (-PLUS). */
export const SCRAM_MECHANISM = "SCRAM-SHA-256";
const ITERATIONS = 4096;
/** printable = %x21-2B / %x2D-7E (RFC 5802): the characters a nonce may hold. */
const CLIENT_FIRST = /^([ny]),,(n=[^,]*,r=([\x21-\x2b\x2d-\x7e]+))$/;
const CLIENT_FINAL = /^(c=([^,]*),r=([^,]*)),p=([A-Za-z0-9+/=]+)$/;

/** One login in progress: the server-first message to send, then the check of the client's proof. */
export interface ScramExchange {
  readonly serverFirst: string;
  /** The server-final message when the client proved it knows the password, else null. */
  finish(clientFinal: string): string | null;
}

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) for one password. The keys are derived once, as PostgreSQL stores
 * them, so a login costs a few HMACs instead of a PBKDF2, and the password itself never crosses the wire.
 */
export class ScramVerifier {
  private readonly salt = randomBytes(16).toString("base64");
  private readonly storedKey: Buffer;
  private readonly serverKey: Buffer;

  constructor(password: string) {
    // pg and libpq SASLprep the password; its NFKC step is what changes a printable password.
    const salted = pbkdf2Sync(password.normalize("NFKC"), Buffer.from(this.salt, "base64"), ITERATIONS, 32, "sha256");
    this.storedKey = sha256(hmac(salted, "Client Key"));
    this.serverKey = hmac(salted, "Server Key");
  }

  /** Starts a login from the client-first message; null when it is malformed or asks for channel binding. */
  begin(clientFirst: string): ScramExchange | null {
    const match = CLIENT_FIRST.exec(clientFirst);
    if (!match) return null;
    const [, gs2Flag, clientFirstBare, clientNonce] = match;
    const nonce = clientNonce + randomBytes(18).toString("base64");
    const serverFirst = `r=${nonce},s=${this.salt},i=${ITERATIONS}`;
    const channelBinding = Buffer.from(`${gs2Flag},,`).toString("base64");
    return {
      serverFirst,
      finish: (clientFinal) => {
        const final = CLIENT_FINAL.exec(clientFinal);
        if (!final || final[2] !== channelBinding || final[3] !== nonce) return null;
        const authMessage = `${clientFirstBare},${serverFirst},${final[1]}`;
        const proof = Buffer.from(final[4] as string, "base64");
        const signature = hmac(this.storedKey, authMessage);
        if (proof.length !== signature.length) return null;
        const clientKey = proof.map((byte, i) => byte ^ (signature[i] as number));
        if (!timingSafeEqual(sha256(clientKey), this.storedKey)) return null;
        return `v=${hmac(this.serverKey, authMessage).toString("base64")}`;
      },
    };
  }
}

function hmac(key: Buffer, text: string): Buffer {
  return createHmac("sha256", key).update(text).digest();
}

function sha256(data: Uint8Array): Buffer {
  return createHash("sha256").update(data).digest();
}
