import { describe, expect, it } from "vitest";
import { stackEnv } from "./env.js";

describe("stackEnv", () => {
  it("leaves the judgements' date to each request unless INSIGHTS_AS_OF fixes it", () => {
    expect(stackEnv({}).INSIGHTS_AS_OF).toBeUndefined();
    expect(stackEnv({ INSIGHTS_AS_OF: "" }).INSIGHTS_AS_OF).toBeUndefined();
    expect(stackEnv({ INSIGHTS_AS_OF: "2026-11-15" }).INSIGHTS_AS_OF).toBe("2026-11-15");
  });

  it("refuses a date that is not on the calendar, naming the variable", () => {
    expect(() => stackEnv({ INSIGHTS_AS_OF: "2026-02-30" })).toThrow(/INSIGHTS_AS_OF/);
    expect(() => stackEnv({ INSIGHTS_AS_OF: "15/11/2026" })).toThrow(/INSIGHTS_AS_OF/);
  });

  it("checks the sandbox's settings too", () => {
    expect(() => stackEnv({ NETWORK_PORT: "70000" })).toThrow(/NETWORK_PORT/);
  });
});
