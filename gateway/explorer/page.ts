import type { ExplorerAssets } from "./assets.js";
import type { PreloadedOperation } from "./operations.js";

/**
 * Only this gateway's own files may run, style, load or be called from the page. `data:` images and
 * fonts are GraphiQL's icons and fonts, inlined in its stylesheet: they make no request.
 */
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export interface PageConfig {
  /** The GraphQL endpoint's path on this gateway. */
  endpoint: string;
  /** GATEWAY_ENV=production: only architect and admin tokens may read the schema. */
  production: boolean;
  operations: PreloadedOperation[];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON that stays data inside a <script> element whatever the operations' text holds. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

/** The explorer page: the token step first, then GraphiQL, every file from this gateway. */
export function explorerPage(assets: ExplorerAssets, config: PageConfig): string {
  const introspection = config.production
    ? "In production only <code>architect</code> and <code>admin</code> tokens may read the schema, so only they get completion and the documentation; every other token still runs the operations its role allows."
    : "Any valid token may read the schema here (development), which gives completion and the documentation of every type and field.";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>customer-graph explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets.graphiqlCss.path}">
<link rel="stylesheet" href="${assets.styles.path}">
</head>
<body>
<header class="cg-bar">
  <strong class="cg-title">customer-graph explorer</strong>
  <label class="cg-token">Bearer token
    <input id="cg-token" type="password" autocomplete="off" spellcheck="false" placeholder="paste a token, then run an operation">
  </label>
  <button id="cg-token-forget" type="button">Forget token</button>
  <span id="cg-token-state" class="cg-token-state" role="status"></span>
  <span class="cg-picker">
    <label>Operation <select id="cg-operation"></select></label>
    <button id="cg-operation-open" type="button">Open in a tab</button>
    <span id="cg-operation-about" class="cg-operation-about"></span>
  </span>
  <details class="cg-help">
    <summary>How do I get a token?</summary>
    <p>Every request to <code>${escapeHtml(config.endpoint)}</code> needs a bearer token (a JWT); this page needs none.</p>
    <ul>
      <li><code>npm start</code> prints one for an HQ analyst with the right to see personal data.</li>
      <li><code>npm run -s token -- --role agent --region 32 | tail -1</code> mints one for another role
        (<code>hq-analyst</code>, <code>agent</code>, <code>ka-manager --manager JL32010001</code>, <code>architect</code>, <code>admin</code>;
        <code>--pii</code> to see personal data unmasked; <code>--help</code> lists the options).</li>
      <li>Against a production gateway, your identity provider issues the token.</li>
    </ul>
    <p>Paste it above. It is kept in this tab's session storage only (gone when the tab closes) and sent as
      <code>Authorization: Bearer …</code> with every request, the schema's included. ${introspection}</p>
    <p>The operations documented in <code>docs/queries/</code> open as tabs the first time; <em>Operation</em> above opens one again. Run the tab with ▶ (Ctrl-Enter).</p>
  </details>
</header>
<main id="cg-graphiql" class="cg-graphiql"></main>
<script id="cg-config" type="application/json">${scriptJson(config)}</script>
<script src="${assets.react.path}"></script>
<script src="${assets.reactDom.path}"></script>
<script src="${assets.graphiql.path}"></script>
<script src="${assets.script.path}"></script>
</body>
</html>
`;
}
