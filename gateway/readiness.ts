import { signedHeaders, type Caller } from "../schema/caller.js";

/** The gateway itself, asking a subgraph whether it answers at all: no data, so no rights needed. */
const PROBE_CALLER: Caller = { subject: "gateway:readiness", roles: ["architect"], region: "HQ", managerId: null, pii: false };

/** Whether one subgraph answers a trivial query within the budget. */
export async function probeSubgraph(url: string, signingSecret: string, timeoutMs: number): Promise<{ ok: boolean; error?: string }> {
  try {
    const body = JSON.stringify({ query: "{ __typename }" });
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...signedHeaders(signingSecret, PROBE_CALLER, body) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return { ok: false, error: `HTTP ${response.status}` };
    const answer = (await response.json()) as { data?: { __typename?: string } };
    return answer.data?.__typename === "Query" ? { ok: true } : { ok: false, error: "unexpected answer" };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.name : "failed" };
  }
}
