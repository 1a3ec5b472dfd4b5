import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestStack, type TestStack } from "./support/stack.js";

/** Debian's chromium: CI installs it (.ci/run); playwright-core downloads no browser of its own. */
const CHROMIUM = "/usr/bin/chromium";
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** An element CodeMirror 5 (GraphiQL's editors) keeps its instance on. */
interface EditorElement {
  CodeMirror?: { getValue(): string; setValue(text: string): void };
}
/** The page's DOM, as far as the callbacks that run in the page use it (the project has no DOM types). */
declare const document: { querySelector(selector: string): EditorElement | null; querySelectorAll(selector: string): Iterable<EditorElement> };

const sandbox = inject("sandbox");
let stack: TestStack;
let browser: Browser;
let explorerUrl: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`headless Chromium is missing at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does so when \`command -v chromium\` fails)`);
  }
  stack = await startTestStack(sandbox.databaseUrl, sandbox.schemaPrefix, sandbox.asOf);
  explorerUrl = stack.gateway.url.replace(/\/graphql$/, "/explorer");
  // As root (CI) Chromium refuses to start with its sandbox on.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Everything a page asks for and what went wrong, recorded from before it loads. */
function record(page: Page) {
  const seen = { urls: [] as string[], failed: [] as string[], refused: [] as string[], errors: [] as string[], graphqlAuth: [] as (string | undefined)[] };
  page.on("request", (request) => {
    seen.urls.push(request.url());
    if (new URL(request.url()).pathname === "/graphql") seen.graphqlAuth.push(request.headers()["authorization"]);
  });
  page.on("requestfailed", (request) => seen.failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on("response", (response) => {
    if (response.status() >= 400) seen.refused.push(`${response.status()} ${response.url()}`);
  });
  // A Content-Security-Policy violation shows as a console error: the page must cause none.
  page.on("console", (message) => {
    if (message.type() === "error") seen.errors.push(message.text());
  });
  page.on("pageerror", (error) => seen.errors.push(error.message));
  return seen;
}

/** The text of one of GraphiQL's editors (CodeMirror keeps its instance on its element). */
function editorText(page: Page, selector: string): Promise<string> {
  return page.evaluate((s) => document.querySelector(s)?.CodeMirror?.getValue() ?? "", selector);
}

describe("the explorer in headless Chromium", () => {
  it("runs a preloaded operation with a pasted token, shows the answer, and asks nothing of any other machine", async () => {
    const { data } = await stack.graphql<{ customers: { edges: { node: { id: string; name: string } }[] } }>(`{ customers(first: 1) { edges { node { id name } } } }`);
    const customer = data!.customers.edges[0]!.node;
    const token = await stack.token({ roles: ["hq-analyst"], region: "HQ", pii: true });

    const context = await browser.newContext();
    const page = await context.newPage();
    const seen = record(page);
    try {
      await page.goto(explorerUrl);
      await page.getByText("How do I get a token?").click();
      expect(await page.locator(".cg-help").innerText()).toContain("npm run -s token -- --role");

      await page.fill("#cg-token", token);
      await page.press("#cg-token", "Enter");
      expect(await page.locator("#cg-token-state").innerText()).toContain("hq-analyst");

      // From a fresh tab, pick the documented customer-360 operation in the bar's picker.
      await page.click(".graphiql-tab-add");
      await page.selectOption("#cg-operation", { label: "Customer360 (customer-360.graphql)" });
      expect(await page.locator("#cg-operation-about").innerText()).toContain("One customer whole");
      await page.click("#cg-operation-open");
      await page.waitForFunction(() => document.querySelector(".graphiql-query-editor .CodeMirror") !== null);
      expect(await editorText(page, ".graphiql-query-editor .CodeMirror")).toContain("query Customer360");
      // Its variables name a customer of npm start's data set; this stack generated others. GraphiQL fills the
      // tab's variables once it has switched to it: replace them only after that, or the switch undoes it.
      await page.waitForFunction(() => [...document.querySelectorAll(".graphiql-editor-tool .CodeMirror")].some((e) => e.CodeMirror?.getValue().includes('"id"')));
      await page.evaluate((id) => {
        const editors = [...document.querySelectorAll(".graphiql-editor-tool .CodeMirror")];
        const variables = editors.find((e) => e.CodeMirror?.getValue().includes('"id"'))?.CodeMirror;
        if (!variables) throw new Error("no variables editor holds the operation's variables");
        variables.setValue(JSON.stringify({ id }));
      }, customer.id);

      await page.click(".graphiql-execute-button");
      await page.waitForFunction(() => document.querySelector(".graphiql-response .CodeMirror")?.CodeMirror?.getValue().includes('"data"') ?? false);
      const answer = JSON.parse(await editorText(page, ".graphiql-response .CodeMirror")) as { data: { customer: { name: string } | null; customers: { totalCount: number } } };
      expect(answer.data.customer?.name).toBe(customer.name);
      expect(answer.data.customers.totalCount).toBeGreaterThan(0);

      // Every call to the graph, the schema's too, carried the pasted token.
      expect(seen.graphqlAuth.length).toBeGreaterThanOrEqual(2);
      expect(seen.graphqlAuth.every((auth) => auth === `Bearer ${token}`)).toBe(true);
    } finally {
      await context.close();
    }

    const elsewhere = seen.urls.filter((url) => {
      const parsed = new URL(url);
      return parsed.protocol !== "data:" && !LOCAL_HOSTS.has(parsed.hostname);
    });
    expect(elsewhere).toEqual([]);
    expect(seen.urls.some((url) => new URL(url).pathname.startsWith("/explorer/assets/"))).toBe(true);
    expect(seen.failed).toEqual([]);
    expect(seen.refused).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  it("without a token, the page still opens and a run shows the gateway's UNAUTHENTICATED answer", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(explorerUrl);
      expect(await page.locator("#cg-token-state").innerText()).toContain("no token");
      await page.waitForSelector(".graphiql-execute-button");
      await page.click(".graphiql-execute-button");
      await page.waitForFunction(() => document.querySelector(".graphiql-response .CodeMirror")?.CodeMirror?.getValue().includes("UNAUTHENTICATED") ?? false);
    } finally {
      await context.close();
    }
  });
});
