import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { CacheConfigError, DEFAULT_CACHE_CONFIG, loadCacheConfig, MAX_STALE_MS, parseCacheConfig } from "./config.js";

describe("cache config", () => {
  it("defaults each system by how fast its records change", () => {
    expect(parseCacheConfig(undefined)).toEqual(DEFAULT_CACHE_CONFIG);
    expect(parseCacheConfig({})).toEqual(DEFAULT_CACHE_CONFIG);
    expect(DEFAULT_CACHE_CONFIG.network.ttlMs).toBeLessThan(DEFAULT_CACHE_CONFIG.billing.ttlMs);
    expect(DEFAULT_CACHE_CONFIG.billing.ttlMs).toBeLessThan(DEFAULT_CACHE_CONFIG["business-hall"].ttlMs);
    expect(DEFAULT_CACHE_CONFIG["business-hall"].ttlMs).toBeLessThan(DEFAULT_CACHE_CONFIG["key-account"].ttlMs);
  });

  it("keeps the defaults of what a config leaves out", () => {
    const config = parseCacheConfig({ network: { ttlMs: 5_000 }, billing: { enabled: false } });
    expect(config.network).toEqual({ enabled: true, ttlMs: 5_000, staleMs: DEFAULT_CACHE_CONFIG.network.staleMs });
    expect(config.billing).toEqual({ ...DEFAULT_CACHE_CONFIG.billing, enabled: false });
    expect(config["key-account"]).toEqual(DEFAULT_CACHE_CONFIG["key-account"]);
    // The defaults are not shared objects a caller could change.
    config["key-account"].ttlMs = 1;
    expect(parseCacheConfig({})["key-account"].ttlMs).toBe(DEFAULT_CACHE_CONFIG["key-account"].ttlMs);
  });

  it("names the path of a bad value", () => {
    expect(() => parseCacheConfig({ network: { ttlMs: -1 } })).toThrow(CacheConfigError);
    expect(() => parseCacheConfig({ network: { ttlMs: -1 } })).toThrow(/^invalid cache config: network\.ttlMs: /);
    expect(() => parseCacheConfig({ billing: { staleMs: MAX_STALE_MS + 1 } }, "CACHE_CONFIG")).toThrow(/^invalid CACHE_CONFIG: billing\.staleMs: /);
    expect(() => parseCacheConfig({ "key-account": { enabled: "yes" } })).toThrow(/key-account\.enabled/);
    expect(() => parseCacheConfig({ network: { ttl: 5 } })).toThrow(/network: .*ttl/);
    expect(() => parseCacheConfig({ crm: {} })).toThrow(/\(root\): .*crm/);
  });

  it("reads the shipped config/cache.json, which holds the defaults, and names a file it cannot read", () => {
    expect(loadCacheConfig(fileURLToPath(new URL("../../../config/cache.json", import.meta.url)))).toEqual(DEFAULT_CACHE_CONFIG);
    expect(() => loadCacheConfig("/nowhere/cache.json")).toThrow(/^cannot read cache config \/nowhere\/cache\.json: /);
  });
});
