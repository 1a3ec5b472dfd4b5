import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** One file the explorer page loads, read once at boot and served from memory. */
export interface Asset {
  /** Where the page asks for it: the content hash is in the name, so it may be cached for good. */
  path: string;
  contentType: string;
  body: Buffer;
}

export interface ExplorerAssets {
  react: Asset;
  reactDom: Asset;
  graphiql: Asset;
  graphiqlCss: Asset;
  script: Asset;
  styles: Asset;
}

const require = createRequire(import.meta.url);
const STATIC_DIR = fileURLToPath(new URL("./static/", import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/**
 * A file of an installed package. Resolved through the package's package.json, because the packages'
 * `exports` maps do not list their prebuilt browser bundles.
 */
function packageFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** The source map comment would send a browser's developer tools after a file we do not serve. */
function withoutSourceMap(text: string): string {
  return text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n").replace(/\/\*# sourceMappingURL=\S+ \*\/\s*$/, "");
}

function asset(name: string, file: string): Asset {
  const extension = path.extname(name);
  const contentType = CONTENT_TYPES[extension];
  if (!contentType) throw new Error(`explorer asset ${name}: no content type for ${extension}`);
  const body = Buffer.from(withoutSourceMap(readFileSync(file, "utf8")), "utf8");
  const hash = createHash("sha256").update(body).digest("base64url").slice(0, 12);
  return { path: `/explorer/assets/${path.basename(name, extension)}.${hash}${extension}`, contentType, body };
}

/**
 * GraphiQL's prebuilt browser bundle with the React it was built for, and the page's own script and
 * styles: everything the explorer needs, from node_modules and this folder, so it works in a closed
 * network. Throws at boot, naming the file, when one is missing.
 */
export function loadExplorerAssets(): ExplorerAssets {
  return {
    react: asset("react.js", packageFile("react", "umd/react.production.min.js")),
    reactDom: asset("react-dom.js", packageFile("react-dom", "umd/react-dom.production.min.js")),
    graphiql: asset("graphiql.js", packageFile("graphiql", "graphiql.min.js")),
    graphiqlCss: asset("graphiql.css", packageFile("graphiql", "graphiql.min.css")),
    script: asset("explorer.js", path.join(STATIC_DIR, "explorer.js")),
    styles: asset("explorer.css", path.join(STATIC_DIR, "explorer.css")),
  };
}
