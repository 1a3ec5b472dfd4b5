import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExplorer, isExplorerPath } from "./explorer.js";
import { EXPLORER_CSP } from "./page.js";

let server: Server;
let base: string;
let operationsDir: string;

beforeAll(async () => {
  operationsDir = mkdtempSync(path.join(tmpdir(), "explorer-"));
  // A document that tries to end the <script> element holding the page's configuration.
  writeFileSync(path.join(operationsDir, "me.graphql"), '# Who am I? </script><script>alert(1)</script>\nquery Me { me { subject roles } }\n');
  const explorer = createExplorer({ endpoint: "/graphql", production: true, operationsDir });
  server = createServer((req, res) => explorer(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(operationsDir, { recursive: true, force: true });
});

/** The URLs the page loads: its scripts and stylesheets. */
const loadedBy = (html: string) => [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");

describe("the explorer's files", () => {
  it("serves the page without a token, with a Content-Security-Policy that allows this gateway only, and checked again on every visit", async () => {
    const response = await fetch(`${base}/explorer`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toBe(EXPLORER_CSP);
    expect(EXPLORER_CSP).toContain("default-src 'none'");
    expect(EXPLORER_CSP).toContain("script-src 'self'");
    expect(EXPLORER_CSP).toContain("connect-src 'self'");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await response.text();
    expect(html).toContain("How do I get a token?");
    expect(html).toContain("npm run -s token -- --role");
    // production: the help says who may read the schema there
    expect(html).toContain("only <code>architect</code> and <code>admin</code>");
  });

  it("loads nothing from elsewhere: every script and stylesheet is one of its own, content-hashed, cached for good", async () => {
    const html = await (await fetch(`${base}/explorer/`)).text();
    const urls = loadedBy(html).filter((url) => url !== "data:,");
    expect(urls.length).toBe(6);
    for (const url of urls) {
      expect(url).toMatch(/^\/explorer\/assets\/[a-z-]+\.[A-Za-z0-9_-]{12}\.(js|css)$/);
      const response = await fetch(`${base}${url}`);
      expect(response.status, url).toBe(200);
      expect(response.headers.get("content-type")).toBe(url.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const body = await response.text();
      expect(body.length).toBeGreaterThan(100);
      expect(body).not.toMatch(/sourceMappingURL=/);
    }
  });

  it("embeds the preloaded operations as data the page's script reads, never as markup", async () => {
    const html = await (await fetch(`${base}/explorer`)).text();
    expect(html).not.toContain("<script>alert(1)</script>");
    const json = /<script id="cg-config" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ?? "";
    const config = JSON.parse(json) as { endpoint: string; production: boolean; operations: { name: string; description: string }[] };
    expect(config.endpoint).toBe("/graphql");
    expect(config.production).toBe(true);
    expect(config.operations).toEqual([expect.objectContaining({ name: "Me", description: "Who am I? </script><script>alert(1)</script>" })]);
  });

  it("answers HEAD without a body, refuses other methods, and 404s what it does not have", async () => {
    const head = await fetch(`${base}/explorer`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const post = await fetch(`${base}/explorer`, { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect((await fetch(`${base}/explorer/assets/graphiql.js`)).status).toBe(404);
    expect((await fetch(`${base}/explorer/../package.json`)).status).toBe(404);
  });

  it("claims only its own paths", () => {
    expect(isExplorerPath("/explorer")).toBe(true);
    expect(isExplorerPath("/explorer/assets/react.abc.js")).toBe(true);
    expect(isExplorerPath("/explorers")).toBe(false);
    expect(isExplorerPath("/graphql")).toBe(false);
    expect(isExplorerPath(undefined)).toBe(false);
  });
});
