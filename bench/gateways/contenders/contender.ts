/** One gateway under test, started in its own process over a supergraph whose URLs point at running subgraphs. */
export interface RunningContender {
  /** Where clients POST GraphQL. */
  url: string;
  stop(): Promise<void>;
}

export const CONTENDERS = ["ours", "apollo", "hive", "hive-router"] as const;
export type ContenderName = (typeof CONTENDERS)[number];

export const CONTENDER_LABELS: Record<ContenderName, string> = {
  ours: "ours (startGateway + our plugins)",
  apollo: "stock @apollo/gateway in @apollo/server",
  hive: "Hive Gateway (dedup off)",
  "hive-router": "Hive Gateway + Rust planner (router-runtime)",
};

/** What every contender is started with. */
export interface ContenderOptions {
  supergraphSdl: string;
  /** The secrets of ours's auth plugin and subgraph signing; the others use them when `signSubgraphRequests` says so. */
  jwtSecret: string;
  signingSecret: string;
  /**
   * Workload (b): our subgraphs refuse unsigned calls, so stock Apollo and Hive verify the bearer token
   * and sign every subgraph request as ours does, each through its own extension point.
   */
  signSubgraphRequests?: boolean;
}
