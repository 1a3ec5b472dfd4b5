import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { MAX_CUSTOMERS } from "../generate/ids.js";

const run = promisify(execFile);

describe("npm run sandbox:generate", () => {
  it("refuses more customers than the sandbox's numbers hold, naming the limit and why, before opening a database", async () => {
    const failure = await run("npx", ["tsx", "sandbox/cli/generate.ts", "--customers", String(MAX_CUSTOMERS + 1)], {
      env: { ...process.env, DATABASE_URL: "postgres://postgres@db.example.invalid:5432/x" },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining(`--customers: at most ${MAX_CUSTOMERS.toLocaleString("en")}: past that the sandbox's fixed-line numbers`) });
  });
});
