import { z } from "zod";
import { signedHeaders, type Caller } from "../schema/caller.js";

/** The gateway itself, asking a subgraph whether it answers at all: no data, so no rights needed. */
const PROBE_CALLER: Caller = { subject: "gateway:readiness", roles: ["architect"], region: "HQ", managerId: null, pii: false };

const answerSchema = z.object({
  sources: z.array(z.object({ system: z.string(), ok: z.boolean(), breaker: z.string(), error: z.string().optional() })),
});

export interface SubgraphReadiness {
  ok: boolean;
  error?: string;
  /** The legacy systems the subgraph owns: whether each answers, and its breaker's state. */
  sources: z.infer<typeof answerSchema>["sources"];
}

/** Whether one subgraph answers, and what it says of its legacy systems, within the budget. */
export async function probeSubgraph(graphqlUrl: string, signingSecret: string, timeoutMs: number): Promise<SubgraphReadiness> {
  const url = new URL("/readyz", graphqlUrl);
  try {
    const now = Date.now();
    const response = await fetch(url, {
      headers: signedHeaders(signingSecret, PROBE_CALLER, "", now, now + timeoutMs),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status !== 200 && response.status !== 503) return { ok: false, error: `HTTP ${response.status}`, sources: [] };
    const answer = answerSchema.safeParse(await response.json());
    if (!answer.success) return { ok: false, error: "unexpected answer", sources: [] };
    const sources = answer.data.sources;
    return { ok: true, sources, ...(sources.every((s) => s.ok) ? {} : { error: `${sources.filter((s) => !s.ok).map((s) => s.system).join(", ")} down` }) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.name : "failed", sources: [] };
  }
}
