import { subgraphsOf } from "../../../gateway/supergraph.js";

/**
 * The committed supergraph with each subgraph's URL replaced by where it runs now, so every gateway,
 * whatever its own way of being told URLs, reads them from the one document.
 */
export function withSubgraphUrls(supergraphSdl: string, urls: Record<string, string>): string {
  let sdl = supergraphSdl;
  for (const { name, url } of subgraphsOf(supergraphSdl)) {
    const now = urls[name];
    if (!now) throw new Error(`no running subgraph named ${name}`);
    sdl = sdl.replace(`@join__graph(name: ${JSON.stringify(name)}, url: ${JSON.stringify(url)})`, `@join__graph(name: ${JSON.stringify(name)}, url: ${JSON.stringify(now)})`);
  }
  return sdl;
}
