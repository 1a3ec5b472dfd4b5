import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { FAULTS_PATH } from "../http/faults.js";
import { externalIPv4Addresses } from "../testing.js";
import { startFaultProxy, type Endpoint, type FaultProxy } from "./fault-proxy.js";

const { databaseUrl } = inject("sandbox");
// Far above what a healthy local query needs: a fault must surface as a connection error, never as these.
const BOUNDS = { connectionTimeoutMillis: 5_000, query_timeout: 5_000 };
const CONNECTION_LOST = /Connection terminated unexpectedly/;

let proxy: FaultProxy;
const clients: Array<pg.Client | pg.Pool> = [];
beforeAll(async () => {
  proxy = await startFaultProxy({ target: databaseUrl });
});
afterEach(() => proxy.faults.clear());
afterAll(async () => {
  await Promise.allSettled(clients.map((client) => client.end()));
  await proxy.close();
});

function client(): pg.Client {
  const c = new pg.Client({ connectionString: proxy.url(databaseUrl), ...BOUNDS });
  // A cut connection is asserted through the calls that fail; unheard, the event would crash the worker.
  c.on("error", () => {});
  clients.push(c);
  return c;
}

function pool(errors: Error[]): pg.Pool {
  const p = new pg.Pool({ connectionString: proxy.url(databaseUrl), max: 1, ...BOUNDS });
  p.on("error", (error) => errors.push(error));
  clients.push(p);
  return p;
}

describe("the SQL fault proxy on the data path", () => {
  it("passes a pg client's queries through to the database", async () => {
    const c = client();
    await c.connect();
    expect((await c.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  it("when down, refuses new connections and cuts open ones, pooled ones too; cleared, it serves again", async () => {
    const open = client();
    await open.connect();
    const poolErrors: Error[] = [];
    const pooled = pool(poolErrors);
    await pooled.query("SELECT 1");
    const openEnded = new Promise((resolve) => open.once("end", resolve));

    proxy.faults.set({ down: true });
    await openEnded;
    await expect(open.query("SELECT 1")).rejects.toThrow(/not queryable/);
    await expect(client().connect()).rejects.toThrow(CONNECTION_LOST);
    await expect(pooled.query("SELECT 1")).rejects.toThrow(CONNECTION_LOST);
    expect(poolErrors.map((error) => error.message)).toEqual([expect.stringMatching(CONNECTION_LOST)]);

    proxy.faults.clear();
    expect((await pooled.query("SELECT 2 AS two")).rows).toEqual([{ two: 2 }]);
  });

  it("delays what the client sends by the latency", async () => {
    const c = client();
    await c.connect();
    proxy.faults.set({ latencyMs: 300 });
    const started = performance.now();
    await c.query("SELECT 1");
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
  });

  it("with error rate 1, resets new connections and the next call of open ones", async () => {
    const open = client();
    await open.connect();
    proxy.faults.set({ errorRate: 1 });
    await expect(open.query("SELECT 1")).rejects.toThrow(/ECONNRESET|terminated/);
    await expect(client().connect()).rejects.toMatchObject({ code: "ECONNRESET" });
    proxy.faults.clear();
    const again = client();
    await again.connect();
    expect((await again.query("SELECT 3 AS three")).rows).toEqual([{ three: 3 }]);
  });
});

describe("the fault proxy's URLs", () => {
  it("keeps a database URL but for host and port, dropping query parameters that would bypass the proxy", () => {
    const url = new URL(proxy.url("postgres://app:p%40ss@db.example:6543/ledger?sslmode=disable&host=elsewhere&port=1"));
    expect(proxy.address.host).toBe("127.0.0.1");
    expect([url.hostname, url.port]).toEqual(["127.0.0.1", String(proxy.address.port)]);
    expect([url.protocol, url.username, url.password, url.pathname]).toEqual(["postgres:", "app", "p%40ss", "/ledger"]);
    expect([...url.searchParams]).toEqual([["sslmode", "disable"]]);
    expect(proxy.controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("refuses a target it cannot dial and unknown options", async () => {
    for (const target of ["nonsense", "db:99999", "http://db:80", "postgres:///ledger?host=/var/run/postgresql"]) {
      await expect(startFaultProxy({ target }), target).rejects.toThrow(/host:port or a postgres/);
    }
    await expect(startFaultProxy({ target: "db:5432", bogus: 1 } as never)).rejects.toThrow(/bogus/);
  });
});

describe("the control API at /__sim/faults", () => {
  const faultsUrl = () => `${proxy.controlUrl}${FAULTS_PATH}`;

  it("shows, replaces and clears the settings", async () => {
    const put = await fetch(faultsUrl(), { method: "PUT", body: JSON.stringify({ latencyMs: 5, errorRate: 0.5 }) });
    expect([put.status, await put.json()]).toEqual([200, { latencyMs: 5, errorRate: 0.5, down: false }]);
    expect(proxy.faults.current).toEqual({ latencyMs: 5, errorRate: 0.5, down: false });
    expect(await (await fetch(faultsUrl())).json()).toEqual({ latencyMs: 5, errorRate: 0.5, down: false });
    const cleared = await fetch(faultsUrl(), { method: "DELETE" });
    expect([cleared.status, await cleared.json()]).toEqual([200, { latencyMs: 0, errorRate: 0, down: false }]);
    expect((await fetch(`${proxy.controlUrl}/elsewhere`)).status).toBe(404);
  });

  it("rejects a bad body with 400 and keeps the settings", async () => {
    for (const body of ["{not json", JSON.stringify({ errorRate: 2 }), JSON.stringify({ latencyMs: -1 }), JSON.stringify({ slow: true })]) {
      const res = await fetch(faultsUrl(), { method: "PUT", body });
      expect(res.status, body).toBe(400);
      expect(await res.json()).toEqual({ error: expect.anything() });
    }
    expect(proxy.faults.current).toEqual({ latencyMs: 0, errorRate: 0, down: false });
  });

  it("cuts open connections when set down over HTTP", async () => {
    const open = client();
    await open.connect();
    const openEnded = new Promise((resolve) => open.once("end", resolve));
    expect((await fetch(faultsUrl(), { method: "PUT", body: JSON.stringify({ down: true }) })).status).toBe(200);
    await openEnded;
    await expect(open.query("SELECT 1")).rejects.toThrow(/not queryable/);
  });

  it("answers loopback callers only, even listening on every interface, and is loopback-only by default", async () => {
    const open = await startFaultProxy({ target: databaseUrl, controlHost: "0.0.0.0" });
    try {
      for (const address of externalIPv4Addresses()) {
        const port = new URL(open.controlUrl).port;
        for (const method of ["GET", "PUT", "DELETE"]) {
          const body = method === "PUT" ? JSON.stringify({ down: true }) : null;
          const refused = await fetch(`http://${address}:${port}${FAULTS_PATH}`, { method, body });
          expect(refused.status, `${method} via ${address}`).toBe(403);
          expect(await refused.json()).toEqual({ error: expect.stringMatching(/loopback/) });
        }
        await expect(fetch(`http://${address}:${new URL(proxy.controlUrl).port}${FAULTS_PATH}`)).rejects.toThrow();
        await expect(dial({ host: address, port: proxy.address.port })).rejects.toMatchObject({ code: "ECONNREFUSED" });
      }
      expect(open.faults.current).toEqual({ latencyMs: 0, errorRate: 0, down: false });
    } finally {
      await open.close();
    }
  });
});

describe("the fault proxy over raw TCP", () => {
  let echo: Server;
  let tcp: FaultProxy;
  beforeAll(async () => {
    echo = createServer((socket) => {
      // The proxy cutting a connection may reset this side; that is no failure of the echo.
      socket.on("error", () => socket.destroy());
      socket.pipe(socket);
    });
    await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
    tcp = await startFaultProxy({ target: `127.0.0.1:${(echo.address() as AddressInfo).port}` });
  });
  afterAll(async () => {
    await tcp.close();
    await new Promise((resolve) => echo.close(resolve));
  });

  it("keeps a connection's chunks in order when the latency drops between them", async () => {
    const socket = await dial(tcp.address);
    tcp.faults.set({ latencyMs: 300 });
    socket.write("first ");
    // Gives "first" time to reach the proxy on its own; should they arrive together, order holds all the same.
    await new Promise((resolve) => setTimeout(resolve, 50));
    tcp.faults.set({ latencyMs: 0 });
    socket.write("second");
    expect(await read(socket, 12)).toBe("first second");
    socket.destroy();
  });

  it("resets connections with the error rate: new ones at once, open ones at their next chunk", async () => {
    const open = await dial(tcp.address);
    tcp.faults.set({ errorRate: 1 });
    const reset = new Promise((resolve) => open.once("error", resolve));
    open.write("ping");
    await expect(reset).resolves.toMatchObject({ code: "ECONNRESET" });
    // The reset may come before or after the client sees its connect complete: an error either way.
    const fresh = connect(tcp.address);
    await expect(new Promise((resolve) => fresh.once("error", resolve))).resolves.toMatchObject({ code: "ECONNRESET" });
    tcp.faults.clear();
  });

  it("closes with connections open and chunks waiting, and frees both ports", async () => {
    const closing = await startFaultProxy({ target: `127.0.0.1:${(echo.address() as AddressInfo).port}` });
    const socket = await dial(closing.address);
    const closed = new Promise((resolve) => socket.once("close", resolve));
    // Cut before the proxy has read its chunk, the connection ends with a reset rather than a FIN.
    socket.on("error", () => {});
    closing.faults.set({ latencyMs: 60_000 });
    socket.write("waiting");
    await closing.close();
    await closed;
    await expect(dial(closing.address)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await expect(fetch(`${closing.controlUrl}${FAULTS_PATH}`)).rejects.toThrow();
  });
});

function dial(endpoint: Endpoint): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(endpoint, () => {
      socket.off("error", reject);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

function read(socket: Socket, length: number): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.length >= length) resolve(text);
    });
  });
}
