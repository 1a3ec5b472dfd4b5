import { describe, expect, it } from "vitest";
import { verifySignedRequest } from "../../../schema/caller.js";
import { mintToken } from "../../../stack/dev-token.js";
import { callerOfBearer, withSignature } from "./signing.js";

const jwtSecret = "j".repeat(48);
const signingSecret = "s".repeat(48);

describe("the stock gateways' signing of subgraph requests", () => {
  it("signs a body for the caller the bearer token names, as our subgraphs verify it", async () => {
    const token = await mintToken(jwtSecret, { roles: ["ka-manager"], region: "3201", managerId: "JL32010001" });
    const caller = await callerOfBearer(jwtSecret, `Bearer ${token}`);
    expect(caller).toMatchObject({ roles: ["ka-manager"], region: "3201", managerId: "JL32010001", pii: false });
    const body = JSON.stringify({ query: "{ me { manager { id } } }" });
    const headers = withSignature(signingSecret, caller, { "content-type": "application/json" }, body);
    expect(headers["content-type"]).toBe("application/json");
    const verified = verifySignedRequest(signingSecret, (name) => headers[name], body);
    expect(verified).toMatchObject({ ok: true, caller });
    expect(verifySignedRequest(signingSecret, (name) => headers[name], `${body} `)).toMatchObject({ ok: false });
  });

  it("refuses a missing or foreign token", async () => {
    await expect(callerOfBearer(jwtSecret, undefined)).rejects.toThrow(/bearer token is required/);
    const foreign = await mintToken("f".repeat(48), { roles: ["architect"], region: "HQ" });
    await expect(callerOfBearer(jwtSecret, `Bearer ${foreign}`)).rejects.toThrow();
  });
});
