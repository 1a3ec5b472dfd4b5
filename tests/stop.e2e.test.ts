import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { PORT_VARIABLES, removeStartDirectories, startForReal, waitFor } from "./support/npm-start.js";

afterAll(removeStartDirectories);

/**
 * A port free now, below Linux's ephemeral range (32768 up): one the system hands out (listen 0) can be taken by another
 * test's outgoing connection in the seconds before npm start binds it.
 */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await portIsFree(port)) return port;
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** The real `npm start` on ports known beforehand (to check they are free afterwards), up and ready. */
async function startOnKnownPorts() {
  const ports = await Promise.all(PORT_VARIABLES.map(freePort));
  const started = await startForReal({ SANDBOX_CUSTOMERS: "30", SANDBOX_DIRTY_SHARE: "0", ...Object.fromEntries(PORT_VARIABLES.map((name, i) => [name, String(ports[i])])) });
  const { child, output, exited } = started;
  await waitFor(/Ctrl-C stops everything/, started);
  const url = /Customer graph ready at (\S+)/.exec(output())?.[1];
  const token = /^ {2}TOKEN=(\S+)$/m.exec(output())?.[1];
  const hall = /business hall\s+(http:\/\/\S+) \(SOAP\)/.exec(output())?.[1];
  expect(url && token && hall, output()).toBeTruthy();
  const slowQuery = async (latencyMs: number) => {
    // Slow the business hall so that the query is surely in flight when the signal comes.
    await fetch(`${hall}/__sim/faults`, { method: "PUT", body: JSON.stringify({ latencyMs }) });
    const answer = fetch(url!, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ customers(first: 3) { totalCount edges { node { name } } } }" }),
    }).then((r) => r.json() as Promise<{ data?: { customers: { totalCount: number } }; errors?: unknown }>);
    await new Promise((resolve) => setTimeout(resolve, 400));
    return answer;
  };
  const exitWithin = (ms: number) => Promise.race([exited, new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), ms))]);
  return { child, ports, output, slowQuery, exitWithin };
}

describe("npm start, stopped by a signal", () => {
  it("lets a slow query in flight finish, then exits within 15 s with every port free", async () => {
    const app = await startOnKnownPorts();
    try {
      const slow = app.slowQuery(1_500);
      await new Promise((resolve) => setTimeout(resolve, 400));
      app.child.kill("SIGTERM");
      const answer = await slow;
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.customers.totalCount).toBe(30);
      expect(await app.exitWithin(15_000), app.output()).toBe(0);
      expect(app.output()).toMatch(/SIGTERM: stopping/);
      const free = await Promise.all(app.ports.map(portIsFree));
      expect(PORT_VARIABLES.filter((_, i) => !free[i])).toEqual([]);
    } finally {
      if (app.child.exitCode === null) app.child.kill("SIGKILL");
    }
  }, 150_000);

  it("exits at once on a second signal, without waiting for the query in flight", async () => {
    const app = await startOnKnownPorts();
    try {
      void app.slowQuery(6_000).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 400));
      app.child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 200));
      app.child.kill("SIGTERM");
      expect(await app.exitWithin(3_000), app.output()).toBe(130);
      expect(app.output()).toMatch(/SIGTERM again: exiting now/);
    } finally {
      if (app.child.exitCode === null) app.child.kill("SIGKILL");
    }
  }, 150_000);
});
