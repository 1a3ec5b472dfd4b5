import { readFileSync } from "node:fs";
import { z } from "zod";
import { onParentMessage, tellParent } from "../ipc.js";
import { startApollo } from "./apollo.js";
import { CONTENDERS, type ContenderOptions, type RunningContender } from "./contender.js";
import { startHive } from "./hive.js";
import { startOurs } from "./ours.js";

/**
 * One gateway's own process: `main.ts <contender> <supergraph file>`, secrets in the environment.
 * Says ready with its URL, and stops when its parent says so or goes.
 */
const [name, supergraphPath] = z.tuple([z.enum(CONTENDERS), z.string()]).parse(process.argv.slice(2));
const env = z
  .object({ BENCH_JWT_SECRET: z.string().min(32), BENCH_SIGNING_SECRET: z.string().min(32), BENCH_SIGN_SUBGRAPH_REQUESTS: z.enum(["0", "1"]).default("0") })
  .parse(process.env);

try {
  const options: ContenderOptions = {
    supergraphSdl: readFileSync(supergraphPath, "utf8"),
    jwtSecret: env.BENCH_JWT_SECRET,
    signingSecret: env.BENCH_SIGNING_SECRET,
    signSubgraphRequests: env.BENCH_SIGN_SUBGRAPH_REQUESTS === "1",
  };
  const running: RunningContender =
    name === "ours" ? await startOurs(options) : name === "apollo" ? await startApollo(options) : await startHive(options, name === "hive-router");
  onParentMessage(async (message) => {
    if (message.type !== "stop") return;
    await running.stop().catch(() => {});
    process.exit(0);
  });
  tellParent({ type: "ready", url: running.url });
} catch (error) {
  tellParent({ type: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
