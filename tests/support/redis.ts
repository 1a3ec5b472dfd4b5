import { Redis } from "ioredis";

/** The Redis the tests use: REDIS_URL (CI), or a local one on the default port. */
export const TEST_REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379";

/**
 * Whether the Redis tests run: always with REDIS_URL set (and they fail if it does not answer);
 * without it, when a local Redis answers, so that `npm test` keeps working on the embedded defaults.
 */
export async function redisTestsRun(): Promise<boolean> {
  if (process.env.REDIS_URL) return true;
  const probe = new Redis(TEST_REDIS_URL, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on("error", () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
