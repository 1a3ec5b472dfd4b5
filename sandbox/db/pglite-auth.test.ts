import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { externalIPv4Addresses } from "../testing.js";
import { openDatabase, withClient, type SandboxDatabase } from "./connect.js";
import { PASSWORD_FILE } from "./password.js";
import { MessageReader } from "./wire.js";

let database: SandboxDatabase;
beforeAll(async () => {
  database = await openDatabase();
});
afterAll(() => database.close());

const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
});

describe("logging in to the embedded database", () => {
  it("lets user postgres in with the password", async () => {
    const row = await withClient(database.url, async (client) => (await client.query("SELECT current_user AS who, 40 + 2 AS n")).rows[0]);
    expect(row).toEqual({ who: "postgres", n: 42 });
  });

  it("refuses a wrong password with 28P01", async () => {
    const error = await loginError(urlWith((url) => (url.password = "not-the-password")));
    expect(error).toMatchObject({ code: "28P01", message: 'password authentication failed for user "postgres"' });
  });

  it("refuses any other user name, even with the right password", async () => {
    const error = await loginError(urlWith((url) => (url.username = "admin")));
    expect(error).toMatchObject({ code: "28P01", message: 'password authentication failed for user "admin"' });
  });

  it("asks for a SCRAM-SHA-256 login and refuses a client that has no password to give", async () => {
    expect(await loginError(urlWith((url) => (url.password = "")))).toBeInstanceOf(Error);
    const { socket, reader } = await rawConnection();
    socket.write(startupMessage("postgres"));
    const request = await reader.typed();
    expect(request.type).toBe("R");
    expect(request.body.readInt32BE(0)).toBe(10);
    expect(request.body.subarray(4).toString()).toBe("SCRAM-SHA-256\0\0");
    socket.write(typed("p", Buffer.from("\0"))); // a PasswordMessage with an empty password
    const refusal = await reader.typed();
    expect(refusal.type).toBe("E");
    expect(refusal.body.toString()).toContain("C28P01\0");
    await expect(reader.typed()).rejects.toThrow(/closed/);
  });

  it("declines TLS and GSSAPI encryption, then carries on in plain text", async () => {
    const { socket } = await rawConnection();
    for (const code of [80_877_103, 80_877_104]) {
      socket.write(negotiation(code, 8));
      const [answer] = (await once(socket, "data")) as [Buffer];
      expect(answer.toString()).toBe("N");
    }
    const reader = new MessageReader(socket);
    socket.write(startupMessage("postgres"));
    expect((await reader.typed()).type).toBe("R");
  });

  it("closes a cancel request without an answer", async () => {
    const { socket, reader } = await rawConnection();
    socket.write(negotiation(80_877_102, 16));
    await expect(reader.typed()).rejects.toThrow(/closed/);
  });

  it("answers a query sent right behind the password (nothing after the startup is lost)", async () => {
    const { socket, reader } = await rawConnection();
    const password = decodeURIComponent(new URL(database.url).password);
    const clientFirstBare = `n=*,r=${randomBytes(18).toString("base64")}`;
    socket.write(startupMessage("postgres"));
    await reader.typed();
    socket.write(saslInitialResponse(`n,,${clientFirstBare}`));
    const serverFirst = (await reader.typed()).body.subarray(4).toString();
    const query = typed("Q", Buffer.from("SELECT 6 * 7 AS answer\0"));
    socket.write(Buffer.concat([typed("p", Buffer.from(scramClientFinal(password, clientFirstBare, serverFirst))), query]));
    const types: string[] = [];
    const rows: string[] = [];
    while (types.filter((type) => type === "Z").length < 2) {
      const message = await reader.typed();
      types.push(message.type === "R" ? `R${message.body.readInt32BE(0)}` : message.type);
      if (message.type === "D") rows.push(message.body.subarray(6).toString());
    }
    expect(types.slice(0, 2)).toEqual(["R12", "R0"]);
    expect(rows).toEqual(["42"]);
  });

  it("listens on the loopback address only", async () => {
    const { hostname, port } = new URL(database.url);
    expect(hostname).toBe("127.0.0.1");
    for (const address of externalIPv4Addresses()) {
      const socket = connect(Number(port), address);
      sockets.push(socket);
      const [error] = (await once(socket, "error")) as [NodeJS.ErrnoException];
      expect(error.code, `through ${address}`).toBe("ECONNREFUSED");
    }
  });

  it("refuses to serve with an empty password, which no client could send", async () => {
    await expect(openDatabase({ password: "" })).rejects.toThrow(/must not be empty/);
  });

  it("keeps a generated password in the data directory for its owner only, uses it again, and lets a configured one override it", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "pglite-auth-"));
    const configured = "p@ss:w/rd %?#&="; // the URL carries it encoded
    try {
      const passwords: string[] = [];
      for (const password of [undefined, undefined, configured]) {
        const opened = await openDatabase({ dataDir, password });
        try {
          await withClient(opened.url, (client) => client.query("SELECT 1"));
          passwords.push(decodeURIComponent(new URL(opened.url).password));
        } finally {
          await opened.close();
        }
      }
      const file = join(dataDir, PASSWORD_FILE);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(passwords).toEqual([(await readFile(file, "utf8")).trim(), passwords[0], configured]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

function urlWith(change: (url: URL) => void): string {
  const url = new URL(database.url);
  change(url);
  return url.toString();
}

/** The error a `pg` login ends with, or null when it gets in. */
async function loginError(connectionString: string): Promise<unknown> {
  const client = new pg.Client({ connectionString });
  return client.connect().then(
    () => client.end().then(() => null),
    (error: unknown) => error,
  );
}

async function rawConnection(): Promise<{ socket: Socket; reader: MessageReader }> {
  const socket = connect(Number(new URL(database.url).port), "127.0.0.1");
  sockets.push(socket);
  await once(socket, "connect");
  return { socket, reader: new MessageReader(socket) };
}

function startupMessage(user: string): Buffer {
  const parameters = Buffer.from(`user\0${user}\0database\0postgres\0\0`);
  return Buffer.concat([negotiation(196_608, 8 + parameters.length).subarray(0, 8), parameters]);
}

/** An untyped request: its length, its code, and zeros for the rest (a cancel request's key). */
function negotiation(code: number, length: number): Buffer {
  const message = Buffer.alloc(length);
  message.writeInt32BE(length, 0);
  message.writeInt32BE(code, 4);
  return message;
}

function typed(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

function saslInitialResponse(clientFirst: string): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(Buffer.byteLength(clientFirst), 0);
  return typed("p", Buffer.concat([Buffer.from("SCRAM-SHA-256\0"), length, Buffer.from(clientFirst)]));
}

/** The client's side of SCRAM-SHA-256 (RFC 5802), written apart from the server's. */
function scramClientFinal(password: string, clientFirstBare: string, serverFirst: string): string {
  const fields = new Map(serverFirst.split(",").map((field) => [field.slice(0, 1), field.slice(2)]));
  const salted = pbkdf2Sync(password, Buffer.from(fields.get("s") ?? "", "base64"), Number(fields.get("i")), 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const withoutProof = `c=biws,r=${fields.get("r")}`;
  const signature = createHmac("sha256", storedKey).update(`${clientFirstBare},${serverFirst},${withoutProof}`).digest();
  const proof = clientKey.map((byte, i) => byte ^ (signature[i] as number));
  return `${withoutProof},p=${Buffer.from(proof).toString("base64")}`;
}
