import { onParentMessage, tellParent } from "../ipc.js";
import { buildCatalogue } from "./data.js";
import { serveSyntheticSubgraph } from "./serve.js";
import { syntheticSubgraphs } from "./subgraphs.js";

/**
 * The synthetic subgraphs' own process (pinned by the parent to the load generator's core): reports
 * their URLs once listening, their request counts when asked, and exits when told to stop.
 */
try {
  const subgraphs = syntheticSubgraphs(buildCatalogue());
  const served = await Promise.all(subgraphs.map((s) => serveSyntheticSubgraph(s.name, s.schema)));
  onParentMessage(async (message) => {
    if (message.type === "requests") tellParent({ type: "requests", counts: Object.fromEntries(served.map((s) => [s.name, s.requests()])) });
    else if (message.type === "stop") {
      await Promise.all(served.map((s) => s.close()));
      process.exit(0);
    }
  });
  tellParent({ type: "ready", url: served[0]!.url, urls: Object.fromEntries(served.map((s) => [s.name, s.url])) });
} catch (error) {
  tellParent({ type: "failed", error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
