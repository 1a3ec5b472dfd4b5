import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PORT_VARIABLES = [
  ...["GATEWAY_PORT", "PROFILE_PORT", "BILLING_PORT", "NETWORK_SUBGRAPH_PORT", "KEY_ACCOUNT_PORT", "INSIGHTS_PORT", "HALL_PORT", "NETWORK_PORT", "SANDBOX_PG_PORT"],
  ...["BILLING_PROXY_PORT", "BILLING_FAULTS_PORT", "KEY_ACCOUNT_PROXY_PORT", "KEY_ACCOUNT_FAULTS_PORT"],
];
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** The real `npm start` on free ports and a fresh data directory, up and ready; not vitest's process. */
async function startForReal() {
  const dataDir = await mkdtemp(join(tmpdir(), "cg-stop-"));
  dirs.push(dataDir);
  const ports = await Promise.all(PORT_VARIABLES.map(freePort));
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: "", SANDBOX_DATA_DIR: dataDir, SANDBOX_CUSTOMERS: "30", SANDBOX_DIRTY_SHARE: "0" };
  // Apollo Server behaves differently under NODE_ENV=test.
  delete env.NODE_ENV;
  delete env.VITEST;
  PORT_VARIABLES.forEach((name, i) => (env[name] = String(ports[i])));
  const child = spawn(process.execPath, ["--import", "tsx", "stack/main.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  for (let i = 0; i < 600 && !/Ctrl-C stops everything/.test(output); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  const url = /Customer graph ready at (\S+)/.exec(output)?.[1];
  const token = /^ {2}TOKEN=(\S+)$/m.exec(output)?.[1];
  const hall = /business hall\s+(http:\/\/\S+) \(SOAP\)/.exec(output)?.[1];
  expect(url && token && hall, output).toBeTruthy();
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
  return { child, ports, output: () => output, slowQuery, exitWithin };
}

describe("npm start, stopped by a signal", () => {
  it("lets a slow query in flight finish, then exits within 15 s with every port free", async () => {
    const app = await startForReal();
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
  });

  it("exits at once on a second signal, without waiting for the query in flight", async () => {
    const app = await startForReal();
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
  });
});
