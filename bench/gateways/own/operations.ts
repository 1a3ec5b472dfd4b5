import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { mintToken } from "../../../stack/dev-token.js";

export const OPERATIONS = ["customer360", "portfolio", "bi"] as const;
export type OperationName = (typeof OPERATIONS)[number];

export const OPERATION_LABELS: Record<OperationName, string> = {
  customer360: "customer 360",
  portfolio: "KA portfolio of 50",
  bi: "BI page of 1,000",
};

/** One operation of workload (b): every request with its own variables, and the token it is sent with. */
export interface BenchOperation {
  name: OperationName;
  body(n: number): string;
  headers(n: number): Record<string, string>;
}

/** What the operations draw their variables from, picked once from the graph itself. */
export interface Picks {
  customerIds: string[];
  /** Managers with the most key accounts first. */
  managerIds: string[];
  /** `customers` arguments for the BI page: orders, filters and later pages' cursors. */
  biVariables: Record<string, unknown>[];
}

const documentOf = (file: string) => readFileSync(fileURLToPath(new URL(`../../../docs/queries/${file}`, import.meta.url)), "utf8");

/** Spreads consecutive requests over the whole list (a prime stride), so neighbours never repeat a customer. */
const STRIDE = 7919;

export function nth<T>(list: readonly T[], n: number): T {
  if (list.length === 0) throw new Error("nothing to pick from");
  const stride = list.length % STRIDE === 0 ? 1 : STRIDE;
  return list[(n * stride) % list.length]!;
}

/** A manager's token names their local network, as `npm run token` does by default. */
export const managerRegion = (managerId: string) => managerId.slice(2, 6);

/** The three operations over the picks; tokens are minted here, once, never in the measured path. */
export async function benchOperations(jwtSecret: string, picks: Picks): Promise<Record<OperationName, BenchOperation>> {
  const analyst = { authorization: `Bearer ${await mintToken(jwtSecret, { roles: ["hq-analyst"], region: "HQ", pii: true })}` };
  const managers = await Promise.all(
    picks.managerIds.map(async (managerId) => ({ authorization: `Bearer ${await mintToken(jwtSecret, { roles: ["ka-manager"], region: managerRegion(managerId), managerId })}` })),
  );
  const customer360 = documentOf("customer-360.graphql");
  const portfolio = documentOf("ka-portfolio.graphql");
  const bi = documentOf("bi-page.graphql");
  return {
    customer360: { name: "customer360", body: (n) => JSON.stringify({ query: customer360, variables: { id: nth(picks.customerIds, n) } }), headers: () => analyst },
    portfolio: { name: "portfolio", body: () => JSON.stringify({ query: portfolio, variables: { first: 50 } }), headers: (n) => nth(managers, n) },
    bi: { name: "bi", body: (n) => JSON.stringify({ query: bi, variables: { first: 1000, ...nth(picks.biVariables, n) } }), headers: () => analyst },
  };
}

const ORDER_FIELDS = ["CREDIT_SCORE", "REVENUE_12M", "ARREARS", "ARPU"] as const;
const DIRECTIONS = ["ASC", "DESC"] as const;

const pageSchema = z.object({
  data: z.object({
    customers: z.object({
      pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
      edges: z.array(z.object({ node: z.object({ id: z.string(), keyAccount: z.object({ manager: z.object({ id: z.string() }).nullable() }).nullable().optional() }) })),
    }),
  }),
});

/**
 * Picks the variables from the graph (through a gateway of our own, an HQ analyst's token): every
 * customer id, the managers holding key accounts, and with `bi` (which needs the judgement snapshot)
 * for the BI page each snapshot order both ways, first page, the next two by cursor, and per province.
 */
export async function pickVariables(gatewayUrl: string, jwtSecret: string, progress: (line: string) => void, options: { bi: boolean }): Promise<Picks> {
  const token = await mintToken(jwtSecret, { roles: ["hq-analyst"], region: "HQ", pii: true });
  const ask = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(gatewayUrl, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const json: unknown = await response.json();
    const page = pageSchema.safeParse(json);
    if (!page.success) throw new Error(`picking the benchmark's variables: ${JSON.stringify(json).slice(0, 500)}`);
    return page.data.data.customers;
  };

  const customerIds: string[] = [];
  const portfolios = new Map<string, number>();
  let after: string | null = null;
  do {
    const page = await ask(`query ($after: String) { customers(first: 1000, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id keyAccount { manager { id } } } } } }`, { after });
    for (const { node } of page.edges) {
      customerIds.push(node.id);
      const manager = node.keyAccount?.manager?.id;
      if (manager) portfolios.set(manager, (portfolios.get(manager) ?? 0) + 1);
    }
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  const managerIds = [...portfolios].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
  progress(`  picked ${customerIds.length.toLocaleString("en")} customers, ${managerIds.length} managers with key accounts (largest portfolio ${portfolios.get(managerIds[0] ?? "") ?? 0})`);

  if (!options.bi) return { customerIds: customerIds.sort(), managerIds, biVariables: [] };
  const provinces = [...new Set(customerIds.map((id) => id.slice(0, 2)))].sort();
  const biVariables: Record<string, unknown>[] = [];
  for (const field of ORDER_FIELDS) {
    for (const direction of DIRECTIONS) {
      const orderBy = { field, direction };
      biVariables.push({ orderBy });
      let cursor: string | null = null;
      for (let page = 0; page < 2; page++) {
        const next = await ask(`query ($orderBy: CustomerOrder, $after: String) { customers(orderBy: $orderBy, first: 1000, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`, { orderBy, after: cursor });
        if (!next.pageInfo.hasNextPage || !next.pageInfo.endCursor) break;
        cursor = next.pageInfo.endCursor;
        biVariables.push({ orderBy, after: cursor });
      }
      for (const regionCode of provinces) biVariables.push({ orderBy, filter: { regionCode } });
    }
  }
  progress(`  picked ${biVariables.length} BI pages (${ORDER_FIELDS.length * DIRECTIONS.length} orders; first, second and third page; ${provinces.length} provinces)`);
  return { customerIds: customerIds.sort(), managerIds, biVariables };
}
