import { z } from "zod";

/**
 * Which of several adapters of one port serves a key, by the region the key carries (issue 13 item 1): a
 * province ("32") or a local network ("3201") is given to a named adapter, every other key, and every read keyed
 * by nothing that carries a region, goes to the default one. The port-specific part (which key carries which
 * region) lives beside each port, e.g. adapters/billing/route.ts.
 */
export interface RouteTable<Name extends string = string> {
  /** Serves keys of no listed region, keys that carry no region, and searches across regions. */
  fallback: Name;
  /** Region prefix (2 or 4 digits) → adapter; the longest prefix that matches wins. */
  byRegion: Readonly<Record<string, Name>>;
}

/** A province (2 digits) or a local network (4 digits). */
export const REGION_PREFIX = /^\d{2}(\d{2})?$/;

/** The adapter serving a key of `region` (null: the key carries none). */
export function targetOf<Name extends string>(table: RouteTable<Name>, region: string | null): Name {
  if (region === null) return table.fallback;
  return table.byRegion[region.slice(0, 4)] ?? table.byRegion[region.slice(0, 2)] ?? table.fallback;
}

/**
 * `32:modern,3301:sql` as a route table's regions: each entry a region prefix and one of `names`; an empty text is
 * no region routed. The error names the entry at fault, so a bad setting says what to fix.
 */
export function regionRoutes<Name extends string>(names: readonly [Name, ...Name[]]) {
  const name = z.enum(names);
  return z.string().default("").transform((text, ctx) => {
    const routes: Record<string, Name> = {};
    for (const entry of text.split(",").map((e) => e.trim()).filter(Boolean)) {
      const [region = "", adapter = "", extra] = entry.split(":").map((part) => part.trim());
      const parsed = name.safeParse(adapter);
      if (!REGION_PREFIX.test(region) || !parsed.success || extra !== undefined) {
        ctx.addIssue({ code: "custom", message: `"${entry}" is not REGION:ADAPTER (a 2- or 4-digit region, one of ${names.join(", ")})` });
        return z.NEVER;
      }
      if (region in routes) {
        ctx.addIssue({ code: "custom", message: `region ${region} is routed twice` });
        return z.NEVER;
      }
      routes[region] = parsed.data;
    }
    return routes;
  });
}

/**
 * One batch read over several adapters: the keys split by the adapter serving each, one call per adapter (in
 * parallel), the answers merged in the order of the asked keys. `answerKey` names a key's entry in the answer when the
 * port keys its answer otherwise (e.g. a request object answered by its text key). A failed call fails the batch, as
 * one adapter's failed call would.
 */
export async function routedBatch<K, A, V>(
  keys: readonly K[],
  targetOfKey: (key: K) => string,
  call: (target: string, keys: K[]) => Promise<Map<A, V>>,
  answerKey: (key: K) => A = (key) => key as unknown as A,
): Promise<Map<A, V>> {
  const groups = new Map<string, K[]>();
  for (const key of keys) {
    const target = targetOfKey(key);
    const group = groups.get(target);
    if (group) group.push(key);
    else groups.set(target, [key]);
  }
  const answers = new Map(await Promise.all([...groups].map(async ([target, group]) => [target, await call(target, group)] as const)));
  const merged = new Map<A, V>();
  for (const key of keys) {
    const answerOf = answers.get(targetOfKey(key));
    const id = answerKey(key);
    if (answerOf?.has(id)) merged.set(id, answerOf.get(id) as V);
  }
  return merged;
}
