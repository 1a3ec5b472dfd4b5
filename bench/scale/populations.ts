import { checkRoom } from "../../sandbox/generate/disk-room.js";
import { generateSandbox, sandboxIsComplete } from "../../sandbox/generate/generate.js";
import { schemaNames } from "../../sandbox/schema/names.js";

/** The reference date of every scale population: the snapshot is judged as of the same day. */
export const SCALE_AS_OF = "2026-11-30";
export const SCALE_SEED = 1;

/** The schema prefix of the population of `customers`: 10,000 → scale10k_, 1,000,000 → scale1m_. */
export function populationPrefix(customers: number): string {
  if (customers % 1_000_000 === 0) return `scale${customers / 1_000_000}m_`;
  if (customers % 1_000 === 0) return `scale${customers / 1_000}k_`;
  return `scale${customers}_`;
}

/**
 * Makes sure the population of `customers` (seed 1) is in `databaseUrl`: reused when a generation ran to
 * its end, generated otherwise, with progress on stderr (1,000,000 customers: about 7 minutes and 10 GB).
 */
export async function ensurePopulation(databaseUrl: string, customers: number): Promise<{ prefix: string; generated: boolean }> {
  const prefix = populationPrefix(customers);
  if (await sandboxIsComplete(databaseUrl, prefix)) {
    console.error(`population ${prefix}: ${customers.toLocaleString("en")} customers already generated, reused`);
    return { prefix, generated: false };
  }
  await checkRoom(customers, { databaseUrl, embedded: false, schemas: Object.values(schemaNames(prefix)) }, (line) => console.error(line));
  console.error(`population ${prefix}: generating ${customers.toLocaleString("en")} customers, seed ${SCALE_SEED}, as of ${SCALE_AS_OF}`);
  let last = 0;
  await generateSandbox({
    databaseUrl,
    customers,
    seed: SCALE_SEED,
    asOf: SCALE_AS_OF,
    schemaPrefix: prefix,
    onProgress: (p) => {
      if (p.phase === "rows" && Date.now() - last < 10_000) return;
      last = Date.now();
      const done = `${p.customersDone.toLocaleString("en")}/${p.customersTotal.toLocaleString("en")}`;
      console.error(`population ${prefix}: ${p.phase} ${done}, ${p.rows.toLocaleString("en")} rows, ${Math.round(p.elapsedMs / 1000)} s`);
    },
  });
  return { prefix, generated: true };
}
