/** Whether one subgraph answers a trivial query within the budget. */
export async function probeSubgraph(url: string, timeoutMs: number): Promise<{ ok: boolean; error?: string }> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return { ok: false, error: `HTTP ${response.status}` };
    const body = (await response.json()) as { data?: { __typename?: string } };
    return body.data?.__typename === "Query" ? { ok: true } : { ok: false, error: "unexpected answer" };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.name : "failed" };
  }
}
