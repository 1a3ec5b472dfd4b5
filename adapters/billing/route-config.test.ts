import { describe, expect, it } from "vitest";
import { memoryShadowStore } from "../kit/shadow-store.js";
import { stackEnv } from "../../stack/env.js";
import { billingRouting } from "./route-config.js";

describe("billing routing settings", () => {
  it("serve everything with the legacy SQL adapter, unshadowed, by default", () => {
    expect(billingRouting(stackEnv({}), memoryShadowStore())).toEqual({ fallback: "sql", byRegion: {} });
  });

  it("route regions and name a shadow candidate", () => {
    const env = stackEnv({ BILLING_ADAPTER: "sql", BILLING_ADAPTER_BY_REGION: "32:modern,3301:modern", BILLING_SHADOW: "modern", BILLING_SHADOW_SAMPLE: "0.25" });
    const routing = billingRouting(env, memoryShadowStore());
    expect(routing).toMatchObject({ fallback: "sql", byRegion: { "32": "modern", "3301": "modern" }, shadow: { candidate: "modern", sample: 0.25, maxInFlight: 4, timeoutMs: 5_000 } });
  });

  it("name the variable of a bad setting", () => {
    expect(() => stackEnv({ BILLING_ADAPTER: "oracle" })).toThrow(/BILLING_ADAPTER/);
    expect(() => stackEnv({ BILLING_ADAPTER_BY_REGION: "32=modern" })).toThrow(/BILLING_ADAPTER_BY_REGION.*"32=modern"/);
    expect(() => stackEnv({ BILLING_SHADOW: "legacy" })).toThrow(/BILLING_SHADOW/);
    expect(() => stackEnv({ BILLING_SHADOW_SAMPLE: "1.5" })).toThrow(/BILLING_SHADOW_SAMPLE: must be from 0 to 1/);
  });
});
