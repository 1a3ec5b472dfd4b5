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

  it("names the bad variable", () => {
    expect(() => sandboxEnv({ HALL_PORT: "eighty" })).toThrow(/HALL_PORT/);
    expect(() => sandboxEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgres/);
  });
});
