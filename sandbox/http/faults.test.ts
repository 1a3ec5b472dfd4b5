import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { externalIPv4Addresses } from "../testing.js";
import { FAULTS_PATH, FaultSwitch } from "./faults.js";
import { isLoopback } from "./loopback.js";

describe("isLoopback", () => {
  it("takes 127.0.0.0/8, ::1 and IPv4-mapped loopback", () => {
    for (const address of ["127.0.0.1", "127.42.0.9", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "::ffff:7f00:1"]) {
      expect(isLoopback(address), address).toBe(true);
    }
  });

  it("refuses every other address, and none at all", () => {
    for (const address of ["128.0.0.1", "10.0.0.1", "0.0.0.0", "::", "::ffff:10.0.0.1", "fd00::1", "fe80::1", "", "localhost", undefined]) {
      expect(isLoopback(address), String(address)).toBe(false);
    }
  });
});

// Bound like a simulator under SANDBOX_HOST=0.0.0.0: reachable through every address of the machine.
const faults = new FaultSwitch();
let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer(faults.wrap((_req, res) => void res.end("served")));
  await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("the fault switch on a server listening on every interface", () => {
  it("takes settings from loopback", async () => {
    const put = await fetch(`http://127.0.0.1:${port}${FAULTS_PATH}`, { method: "PUT", body: JSON.stringify({ latencyMs: 1 }) });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ latencyMs: 1, errorRate: 0, down: false });
    const cleared = await fetch(`http://127.0.0.1:${port}${FAULTS_PATH}`, { method: "DELETE" });
    expect(cleared.status).toBe(200);
  });

  it("refuses the control path through any other address with 403, and still serves the rest there", async () => {
    for (const address of externalIPv4Addresses()) {
      for (const method of ["GET", "PUT", "DELETE"]) {
        const body = method === "PUT" ? JSON.stringify({ down: true }) : null;
        const refused = await fetch(`http://${address}:${port}${FAULTS_PATH}`, { method, body });
        expect(refused.status, `${method} via ${address}`).toBe(403);
        expect(await refused.json()).toEqual({ error: expect.stringMatching(/loopback/) });
      }
      expect(await (await fetch(`http://${address}:${port}/anything`)).text()).toBe("served");
    }
    expect(faults.current).toEqual({ latencyMs: 0, errorRate: 0, down: false });
  });
});
