import { describe, expect, it } from "vitest";
import { outageReporter } from "./outage.js";

describe("outage reporter", () => {
  it("warns once per outage, again after the dependency has answered in between", () => {
    const warnings: string[] = [];
    const outage = outageReporter("cache: Redis", (message) => warnings.push(message));
    outage.answered();
    outage.failed(new Error("ECONNREFUSED"));
    outage.failed(new Error("Command timed out"));
    expect(warnings).toEqual(["cache: Redis failed; reads go to the sources until it answers again (Error: ECONNREFUSED)"]);
    outage.answered();
    outage.failed(new Error("Command timed out"));
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toContain("Command timed out");
  });
});
