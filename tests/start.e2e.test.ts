import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** `npm start` as a user runs it, on free ports and a fresh data directory. */
async function start(extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; output: () => string; exited: Promise<number | null> }> {
  const dataDir = await mkdtemp(join(tmpdir(), "cg-start-"));
  dirs.push(dataDir);
  const child = spawn(process.execPath, ["--import", "tsx", "stack/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      // Always the embedded engine in a fresh directory: the first-run generation is part of what is tested.
      DATABASE_URL: "",
      SANDBOX_DATA_DIR: dataDir,
      SANDBOX_CUSTOMERS: "40",
      // The printed query must answer without errors: no dirty rows in this population.
      SANDBOX_DIRTY_SHARE: "0",
      SANDBOX_PG_PORT: "0",
      GATEWAY_PORT: "0",
      PROFILE_PORT: "0",
      BILLING_PORT: "0",
      NETWORK_SUBGRAPH_PORT: "0",
      KEY_ACCOUNT_PORT: "0",
      INSIGHTS_PORT: "0",
      HALL_PORT: "0",
      NETWORK_PORT: "0",
      BILLING_PROXY_PORT: "0",
      BILLING_FAULTS_PORT: "0",
      KEY_ACCOUNT_PROXY_PORT: "0",
      KEY_ACCOUNT_FAULTS_PORT: "0",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout!.on("data", (chunk) => (text += chunk));
  child.stderr!.on("data", (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function waitFor(pattern: RegExp, output: () => string, exited: Promise<number | null>): Promise<RegExpMatchArray> {
  let done = false;
  void exited.then(() => (done = true));
  for (let i = 0; i < 450; i++) {
    const match = pattern.exec(output());
    if (match) return match;
    if (done) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never printed ${pattern}:\n${output()}`);
}

describe("npm start", () => {
  it("generates a small data set and its secrets, prints a token and a curl that answers as printed, and stops cleanly on SIGTERM", async () => {
    const { child, output, exited } = await start();
    const [, url] = await waitFor(/Customer graph ready at (\S+)/, output, exited);
    const [tokenLine] = await waitFor(/^ {2}TOKEN=\S+$/m, output, exited);
    const [curlLine] = await waitFor(/^ {2}curl .*$/m, output, exited);
    expect(output()).toMatch(/Generated development secrets .* in .*dev-secrets\.json/);
    // Exactly as a user pastes the two lines into a shell.
    const printed = execFileSync("bash", ["-c", `${tokenLine!.trim()}\n${curlLine!.trim()}`], { encoding: "utf8" });
    const result = JSON.parse(printed) as { data?: { customer: { name: string; accounts: unknown[]; keyAccount: unknown } }; errors?: unknown };
    expect(result.errors).toBeUndefined();
    expect(result.data!.customer.name).toEqual(expect.any(String));
    expect(result.data!.customer.accounts.length).toBeGreaterThan(0);
    expect(result.data!.customer.keyAccount).not.toBeNull();
    const unauthenticated = await fetch(url!, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ judgementsAsOf }" }) });
    expect(unauthenticated.status).toBe(401);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output()).toContain("stopping");
  });

  it("refuses to start on a bad setting and names the variable", async () => {
    const { output, exited } = await start({ HALL_PORT: "eighty" });
    expect(await exited).toBe(1);
    expect(output()).toMatch(/HALL_PORT/);
  });

  it("refuses to start on a scoring model that does not validate, naming the bad field", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cg-model-"));
    dirs.push(dir);
    const model = JSON.parse(await readFile(join(ROOT, "config", "scoring.json"), "utf8"));
    model.credit.weights.stains = 0.9;
    await writeFile(join(dir, "scoring.json"), JSON.stringify(model));
    const { output, exited } = await start({ SCORING_MODEL_PATH: join(dir, "scoring.json") });
    expect(await exited).toBe(1);
    expect(output()).toMatch(/credit\.weights/);
  });
});
