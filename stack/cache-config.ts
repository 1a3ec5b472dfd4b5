import { readFileSync } from "node:fs";
import { parseCacheConfig, type CacheConfig } from "../adapters/kit/cache/config.js";

/** The cache settings file, checked at boot; a bad value stops the start naming its path. */
export function loadCacheConfig(path: string): CacheConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`cannot read the cache config ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseCacheConfig(raw, path);
}
