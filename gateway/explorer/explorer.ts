import type { IncomingMessage, ServerResponse } from "node:http";
import { loadExplorerAssets, type Asset } from "./assets.js";
import { loadOperations } from "./operations.js";
import { EXPLORER_CSP, explorerPage } from "./page.js";

export interface ExplorerOptions {
  /** The GraphQL endpoint's path, which the page calls. */
  endpoint: string;
  /** GATEWAY_ENV=production: the page says that only architect and admin tokens may read the schema. */
  production: boolean;
  /** Where the operations to preload are; docs/queries/ of this repository when absent. */
  operationsDir?: string;
}

/** Whether a path is the explorer's: the gateway dispatches those here. */
export const isExplorerPath = (path: string | undefined) => path === "/explorer" || (path?.startsWith("/explorer/") ?? false);

const SECURITY_HEADERS = { "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" } as const;

/**
 * The explorer: GraphiQL served from this gateway's own memory, so that it works in a closed network.
 * Everything is read at boot; a request only picks a buffer. The page needs no token (it holds no
 * data); the GraphQL endpoint it calls still does.
 */
export function createExplorer(options: ExplorerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const assets = loadExplorerAssets();
  const page = Buffer.from(explorerPage(assets, { endpoint: options.endpoint, production: options.production, operations: loadOperations(options.operationsDir) }), "utf8");
  const byPath = new Map<string, Asset>(Object.values(assets).map((a) => [a.path, a]));

  return (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8", ...SECURITY_HEADERS }).end("the explorer is read with GET\n");
      return;
    }
    if (path === "/explorer" || path === "/explorer/") {
      // The page names the current assets' hashes, so it is checked again on every visit.
      return send(req, res, page, { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache", "content-security-policy": EXPLORER_CSP });
    }
    const asset = byPath.get(path);
    if (asset) return send(req, res, asset.body, { "content-type": asset.contentType, "cache-control": "public, max-age=31536000, immutable" });
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8", ...SECURITY_HEADERS }).end("not found: the explorer is /explorer\n");
  };
}

function send(req: IncomingMessage, res: ServerResponse, body: Buffer, headers: Record<string, string>): void {
  res.writeHead(200, { ...headers, ...SECURITY_HEADERS, "content-length": String(body.length) });
  res.end(req.method === "HEAD" ? undefined : body);
}
