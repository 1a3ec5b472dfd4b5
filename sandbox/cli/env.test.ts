import { describe, expect, it } from "vitest";
import { sandboxEnv } from "./env.js";

describe("sandboxEnv", () => {
  it("fills defaults when nothing is set", () => {
    const env = sandboxEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.HALL_PORT).toBe(4101);
    expect(env.SANDBOX_DATA_DIR).toBe(".data/pglite");
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(sandboxEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("leaves the embedded database's password to the data directory unless SANDBOX_PG_PASSWORD is set", () => {
    expect(sandboxEnv({}).SANDBOX_PG_PASSWORD).toBeUndefined();
    expect(sandboxEnv({ SANDBOX_PG_PASSWORD: "" }).SANDBOX_PG_PASSWORD).toBeUndefined();
    expect(sandboxEnv({ SANDBOX_PG_PASSWORD: "s3cret" }).SANDBOX_PG_PASSWORD).toBe("s3cret");
  });

  it("gives first-run data a little dirt unless SANDBOX_DIRTY_SHARE says otherwise, 0 to 0.05", () => {
    expect(sandboxEnv({}).SANDBOX_DIRTY_SHARE).toBe(0.001);
    expect(sandboxEnv({ SANDBOX_DIRTY_SHARE: "0" }).SANDBOX_DIRTY_SHARE).toBe(0);
    expect(() => sandboxEnv({ SANDBOX_DIRTY_SHARE: "0.5" })).toThrow(/SANDBOX_DIRTY_SHARE/);
  });

  it("runs billing's write-off every 10 seconds unless SANDBOX_WRITE_OFF_SECONDS says otherwise, 0 for never", () => {
    expect(sandboxEnv({}).SANDBOX_WRITE_OFF_SECONDS).toBe(10);
    expect(sandboxEnv({ SANDBOX_WRITE_OFF_SECONDS: "0" }).SANDBOX_WRITE_OFF_SECONDS).toBe(0);
    expect(sandboxEnv({ SANDBOX_WRITE_OFF_SECONDS: "60" }).SANDBOX_WRITE_OFF_SECONDS).toBe(60);
    expect(() => sandboxEnv({ SANDBOX_WRITE_OFF_SECONDS: "-1" })).toThrow(/SANDBOX_WRITE_OFF_SECONDS: must be 0 \(no runs\) or more/);
    expect(() => sandboxEnv({ SANDBOX_WRITE_OFF_SECONDS: "2.5" })).toThrow(/SANDBOX_WRITE_OFF_SECONDS: must be a whole number of seconds/);
    expect(() => sandboxEnv({ SANDBOX_WRITE_OFF_SECONDS: "often" })).toThrow(/SANDBOX_WRITE_OFF_SECONDS/);
  });

  it("names the bad variable", () => {
    expect(() => sandboxEnv({ HALL_PORT: "eighty" })).toThrow(/HALL_PORT/);
    expect(() => sandboxEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgres/);
  });
});
