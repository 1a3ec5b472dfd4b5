import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { PORT_VARIABLES, removeStartDirectories, startForReal, waitFor, type NpmStart } from "./support/npm-start.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const dirs: string[] = [];
afterAll(async () => {
  await removeStartDirectories();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** `npm start` on free ports; the printed query must answer without errors, so no dirty rows. */
function start(extraEnv: Record<string, string> = {}): Promise<NpmStart> {
  const freePorts = Object.fromEntries(PORT_VARIABLES.map((name) => [name, "0"]));
  return startForReal({ SANDBOX_CUSTOMERS: "40", SANDBOX_DIRTY_SHARE: "0", ...freePorts, ...extraEnv });
}

describe("npm start", () => {
  it("generates a small data set and its secrets, prints a token and a curl that answers as printed, and stops cleanly on SIGTERM", async () => {
    const started = await start();
    const { child, output, exited } = started;
    const [, url] = await waitFor(/Customer graph ready at (\S+)/, started);
    const [tokenLine] = await waitFor(/^ {2}TOKEN=\S+$/m, started);
    const [curlLine] = await waitFor(/^ {2}curl .*$/m, started);
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
  }, 150_000);

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

  it("refuses to start on offer rules that do not validate, naming the offer and the setting", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cg-offers-"));
    dirs.push(dir);
    const rules = JSON.parse(await readFile(join(ROOT, "config", "offers.json"), "utf8"));
    rules.offers.YH0004.minLines = "two";
    await writeFile(join(dir, "offers.json"), JSON.stringify(rules));
    const { output, exited } = await start({ OFFER_RULES_PATH: join(dir, "offers.json") });
    expect(await exited).toBe(1);
    expect(output()).toMatch(/offers\.YH0004\.minLines/);
  });
});
