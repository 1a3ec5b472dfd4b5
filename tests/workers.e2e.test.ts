import { readFile, readdir } from "node:fs/promises";
import { afterAll, describe, expect, it, vi } from "vitest";
import { PORT_VARIABLES, removeStartDirectories, startForReal, waitFor } from "./support/npm-start.js";

afterAll(removeStartDirectories);

/** The pids of `npm start`'s worker processes: children of the primary running stack/worker.ts. */
async function workersOf(primary: number): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const [stat, cmdline] = await Promise.all([readFile(`/proc/${entry}/stat`, "utf8").catch(() => ""), readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "")]);
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (parent === primary && cmdline.includes("stack/worker.ts")) pids.push(Number(entry));
  }
  return pids.sort();
}

async function customer360(url: string, token: string, query: string): Promise<{ data?: { customer?: { name?: string } }; errors?: unknown }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: query });
  return (await response.json()) as never;
}

describe("npm start on every core", () => {
  it("serves from STACK_PROCESSES workers sharing the gateway's port, and replaces a worker that dies", async () => {
    const started = await startForReal({ SANDBOX_CUSTOMERS: "30", SANDBOX_DIRTY_SHARE: "0", STACK_PROCESSES: "2", ...zeroPorts() });
    try {
      const [, url] = await waitFor(/Customer graph ready at (\S+) \(2 processes serving/, started);
      const [, token] = await waitFor(/^ {2}TOKEN=(\S+)$/m, started);
      const [, body] = await waitFor(/^ {2}curl .* -d '(.*)'$/m, started);
      const workers = await workersOf(started.child.pid!);
      expect(workers).toHaveLength(2);

      const answers = await Promise.all(Array.from({ length: 8 }, () => customer360(url!, token!, body!)));
      for (const answer of answers) expect(answer.errors).toBeUndefined();
      expect(new Set(answers.map((a) => a.data?.customer?.name)).size).toBe(1);
      // One /metrics for the deployment: the primary adds up the workers' series.
      const [, metricsUrl] = await waitFor(/^ {2}metrics (\S+)/m, started);
      await vi.waitFor(async () => expect(await (await fetch(metricsUrl!)).text()).toMatch(/^cg_gateway_requests_total\{operation_type="query",status="200"\} 8$/m));

      process.kill(workers[0]!, "SIGKILL");
      await waitFor(new RegExp(`worker ${workers[0]} exited \\(SIGKILL\\); starting another`), started);
      await waitFor(new RegExp(`worker \\d+ serving in place of ${workers[0]}`), started);
      const replaced = await workersOf(started.child.pid!);
      expect(replaced).toHaveLength(2);
      expect(replaced).not.toContain(workers[0]);
      expect((await customer360(url!, token!, body!)).errors).toBeUndefined();

      started.child.kill("SIGTERM");
      expect(await started.exited, started.output()).toBe(0);
      expect(await workersOf(started.child.pid!)).toEqual([]);
    } finally {
      if (started.child.exitCode === null) started.child.kill("SIGKILL");
    }
  }, 180_000);
});

/** Every port on a free one the system picks: the workers share whichever the primary got. */
function zeroPorts(): Record<string, string> {
  return Object.fromEntries(PORT_VARIABLES.map((name) => [name, "0"]));
}
