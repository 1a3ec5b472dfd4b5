import type pg from "pg";

/**
 * A digest of every row of every table in the given schemas, in a stable order: equal digests
 * mean byte-identical data, which is how generator determinism is checked.
 */
export async function schemaChecksums(pool: pg.Pool, schemas: readonly string[]): Promise<Record<string, string>> {
  const { rows: tables } = await pool.query<{ schema: string; table: string }>(
    `SELECT table_schema AS schema, table_name AS table FROM information_schema.tables
      WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
    [schemas],
  );
  const digests: Record<string, string> = {};
  for (const { schema, table } of tables) {
    const { rows } = await pool.query<{ digest: string; n: string }>(
      `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest, count(*) AS n FROM "${schema}"."${table}" t`,
    );
    // Keyed without the schema so that two copies under different prefixes compare directly.
    const row = rows[0] as { digest: string; n: string };
    digests[table] = `${row.n}:${row.digest}`;
  }
  return digests;
}
