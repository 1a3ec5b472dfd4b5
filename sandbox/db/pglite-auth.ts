import type { Socket } from "node:net";
import { SCRAM_MECHANISM, type ScramVerifier } from "./scram.js";
import { authentication, fatal, type MessageReader } from "./wire.js";

const PROTOCOL_3_0 = 196_608;
const SSL_REQUEST = 80_877_103;
const GSSENC_REQUEST = 80_877_104;
const CANCEL_REQUEST = 80_877_102;
const SASL = 10;
const SASL_CONTINUE = 11;
const SASL_FINAL = 12;
/** PGlite's one role. */
export const DATABASE_USER = "postgres";

/**
 * Reads a connection's startup and logs it in with SCRAM-SHA-256 as user postgres. Gives back the
 * startup message, for PGlite to answer with AuthenticationOk and the session's parameters; null
 * when the connection was refused, cancelled or lost, the socket then being closed.
 */
export async function authenticate(reader: MessageReader, socket: Socket, verifier: ScramVerifier): Promise<Buffer | null> {
  try {
    const startup = await readStartup(reader, socket);
    if (!startup) return null;
    const user = startupUser(startup);
    socket.write(authentication(SASL, `${SCRAM_MECHANISM}\0\0`));
    const initial = await reader.typed();
    const clientFirst = initial.type === "p" ? scramClientFirst(initial.body) : null;
    const exchange = clientFirst === null ? null : verifier.begin(clientFirst);
    if (!exchange) return refuse(socket, user);
    socket.write(authentication(SASL_CONTINUE, exchange.serverFirst));
    const response = await reader.typed();
    const serverFinal = response.type === "p" ? exchange.finish(response.body.toString()) : null;
    // Another user name goes through the same exchange, so a refusal does not tell which part was wrong.
    if (!serverFinal || user !== DATABASE_USER) return refuse(socket, user);
    socket.write(authentication(SASL_FINAL, serverFinal));
    return startup;
  } catch {
    socket.destroy();
    return null;
  }
}

/** The startup message, after declining TLS and GSSAPI encryption; null when there is none to answer. */
async function readStartup(reader: MessageReader, socket: Socket): Promise<Buffer | null> {
  for (let packet = 0; packet < 3; packet++) {
    const message = await reader.untyped();
    const code = message.readInt32BE(4);
    if (code === PROTOCOL_3_0) return message;
    // No backend process to signal: like PostgreSQL, close without an answer.
    if (code === CANCEL_REQUEST) {
      socket.end();
      return null;
    }
    if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) {
      socket.end(fatal("0A000", `unsupported frontend protocol ${code >>> 16}.${code & 0xffff}: server supports 3.0`));
      return null;
    }
    socket.write("N");
  }
  socket.end(fatal("08P01", "too many encryption requests"));
  return null;
}

function startupUser(startup: Buffer): string {
  const fields = startup.subarray(8).toString().split("\0");
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === "user") return fields[i + 1] as string;
  return "";
}

/** The client-first message of a SASLInitialResponse that chose SCRAM-SHA-256, else null. */
function scramClientFirst(body: Buffer): string | null {
  const end = body.indexOf(0);
  if (end < 0 || body.subarray(0, end).toString() !== SCRAM_MECHANISM || body.length < end + 5) return null;
  const data = body.subarray(end + 5);
  return body.readInt32BE(end + 1) === data.length ? data.toString() : null;
}

function refuse(socket: Socket, user: string): null {
  socket.end(fatal("28P01", `password authentication failed for user "${user}"`));
  return null;
}
