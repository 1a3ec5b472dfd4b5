import { buildBillingSubgraph } from "./billing/schema.js";
import { buildCallCentreSubgraph } from "./call-centre/schema.js";
import { buildInsightsSubgraph } from "./insights/schema.js";
import type { FederatedSubgraph } from "./kit/federation.js";
import { buildKeyAccountSubgraph } from "./key-account/schema.js";
import { buildNetworkSubgraph } from "./network/schema.js";
import { buildProfileSubgraph } from "./profile/schema.js";

export type SubgraphName = "profile" | "billing" | "network" | "key-account" | "insights" | "call-centre";

export interface SubgraphEntry {
  name: SubgraphName;
  build: () => Promise<FederatedSubgraph>;
  /** Where the committed supergraph says the subgraph listens; deployments override it per environment. */
  defaultPort: number;
}

export const SUBGRAPHS: readonly SubgraphEntry[] = [
  { name: "profile", build: buildProfileSubgraph, defaultPort: 4001 },
  { name: "billing", build: buildBillingSubgraph, defaultPort: 4002 },
  { name: "network", build: buildNetworkSubgraph, defaultPort: 4003 },
  { name: "key-account", build: buildKeyAccountSubgraph, defaultPort: 4004 },
  { name: "insights", build: buildInsightsSubgraph, defaultPort: 4005 },
  { name: "call-centre", build: buildCallCentreSubgraph, defaultPort: 4006 },
];

export function defaultUrl(entry: SubgraphEntry): string {
  return `http://127.0.0.1:${entry.defaultPort}/graphql`;
}
