import os from "node:os";
import { openDatabase } from "../sandbox/db/connect.js";
import { checkRoom } from "../sandbox/generate/disk-room.js";
import { generateSandbox } from "../sandbox/generate/generate.js";
import { schemaNames } from "../sandbox/schema/names.js";

/** Times one generator run and prints a row ready for BENCHMARKS.md. */
export async function benchGenerate(options: { customers: number; seed: number }): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const database = await openDatabase({ databaseUrl });
  const engine = databaseUrl ? "PostgreSQL" : "PGlite (in memory)";
  console.log(`generate: ${options.customers.toLocaleString("en")} customers into ${engine}, schema prefix bench_`);
  let last = 0;
  try {
    await checkRoom(options.customers, { databaseUrl: database.url, embedded: database.embedded, schemas: Object.values(schemaNames("bench_")) });
    const summary = await generateSandbox({
      databaseUrl: database.url,
      customers: options.customers,
      seed: options.seed,
      asOf: "2026-11-15",
      schemaPrefix: "bench_",
      onProgress: (p) => {
        if (Date.now() - last < 10_000 && p.phase === "rows") return;
        last = Date.now();
        console.log(`  ${p.phase} ${p.customersDone.toLocaleString("en")}/${p.customersTotal.toLocaleString("en")}, ${p.rows.toLocaleString("en")} rows, ${Math.round(p.elapsedMs / 1000)}s`);
      },
    });
    const secs = summary.elapsedMs / 1000;
    const cpu = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
    console.log(`\n| ${new Date().toISOString().slice(0, 10)} | ${engine} | ${summary.customers.toLocaleString("en")} | ${summary.totalRows.toLocaleString("en")} | ${secs.toFixed(0)} s | ${Math.round(summary.totalRows / secs).toLocaleString("en")} rows/s | ${cpu}, Node ${process.version} |`);
  } finally {
    await database.close();
  }
}
