import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Every port `npm start` listens on (modern billing's only when a billing adapter over it is configured), by the variable that sets it. */
export const PORT_VARIABLES = [
  ...["GATEWAY_PORT", "PROFILE_PORT", "BILLING_PORT", "NETWORK_SUBGRAPH_PORT", "KEY_ACCOUNT_PORT", "INSIGHTS_PORT", "CALL_CENTRE_SUBGRAPH_PORT"],
  ...["HALL_PORT", "NETWORK_PORT", "CALL_CENTRE_PORT", "MODERN_BILLING_PORT", "SANDBOX_PG_PORT"],
  ...["BILLING_PROXY_PORT", "BILLING_FAULTS_PORT", "KEY_ACCOUNT_PROXY_PORT", "KEY_ACCOUNT_FAULTS_PORT"],
  "METRICS_PORT",
];

export interface NpmStart {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

const dirs: string[] = [];
const children: ChildProcess[] = [];

/**
 * `npm start` as a user runs it: the real process (not vitest's, whose NODE_ENV=test changes how Apollo
 * Server behaves), the embedded engine in a fresh data directory, so the first-run generation is part of
 * what is tested. `env` sets the ports and anything else.
 */
export async function startForReal(env: Record<string, string>): Promise<NpmStart> {
  const dataDir = await mkdtemp(join(tmpdir(), "cg-start-"));
  dirs.push(dataDir);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: "", SANDBOX_DATA_DIR: dataDir, ...env };
  delete childEnv.NODE_ENV;
  delete childEnv.VITEST;
  const child = spawn(process.execPath, ["--import", "tsx", "stack/main.ts"], { cwd: ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let text = "";
  child.stdout!.on("data", (chunk) => (text += chunk));
  child.stderr!.on("data", (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/**
 * Waits (up to 90 s: a first start generates, judges and starts everything, on a machine busy with the
 * other test files) for `pattern` in the output; fails with the output when it never comes or the process ends.
 */
export async function waitFor(pattern: RegExp, started: NpmStart): Promise<RegExpMatchArray> {
  let done = false;
  void started.exited.then(() => (done = true));
  for (let i = 0; i < 900; i++) {
    const match = pattern.exec(started.output());
    if (match) return match;
    if (done) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never printed ${pattern}:\n${started.output()}`);
}

/** Kills any start a failed test left running, then removes the data directories of every start, once the file's tests are done. */
export async function removeStartDirectories(): Promise<void> {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
}
