import type pg from "pg";
import type { RowSink } from "./sink.js";

interface TableBuffer {
  insert: string;
  columns: unknown[][];
  rows: number;
}

/**
 * Buffers rows column by column and writes each table with one multi-row INSERT … SELECT FROM
 * unnest($1::type[], …): one round trip per table per flush, on PostgreSQL and PGlite alike.
 * Column order and types come from the catalogue, so the DDL stays the only description of a table.
 */
export class BulkLoader implements RowSink {
  private readonly tables = new Map<string, TableBuffer>();
  readonly counts = new Map<string, number>();

  private constructor(private readonly pool: pg.Pool) {}

  static async open(pool: pg.Pool, schemas: readonly string[]): Promise<BulkLoader> {
    const loader = new BulkLoader(pool);
    const { rows } = await pool.query<{ schema: string; table: string; column: string; type: string }>(
      `SELECT table_schema AS schema, table_name AS table, column_name AS column, udt_name AS type
         FROM information_schema.columns WHERE table_schema = ANY($1) ORDER BY table_schema, table_name, ordinal_position`,
      [schemas],
    );
    const byTable = new Map<string, { schema: string; table: string; columns: { name: string; type: string }[] }>();
    for (const r of rows) {
      const key = `${r.schema}.${r.table}`;
      const entry = byTable.get(key) ?? { schema: r.schema, table: r.table, columns: [] };
      entry.columns.push({ name: r.column, type: r.type });
      byTable.set(key, entry);
    }
    for (const [key, t] of byTable) {
      const names = t.columns.map((c) => `"${c.name}"`).join(", ");
      const casts = t.columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
      loader.tables.set(key, {
        insert: `INSERT INTO "${t.schema}"."${t.table}" (${names}) SELECT * FROM unnest(${casts})`,
        columns: t.columns.map(() => []),
        rows: 0,
      });
      loader.counts.set(key, 0);
    }
    return loader;
  }

  row(schema: string, table: string, values: unknown[]): void {
    const key = `${schema}.${table}`;
    const buffer = this.tables.get(key);
    if (!buffer) throw new Error(`no table ${key}`);
    if (values.length !== buffer.columns.length) {
      throw new Error(`${key} has ${buffer.columns.length} columns, got a row of ${values.length}`);
    }
    for (let i = 0; i < values.length; i++) (buffer.columns[i] as unknown[]).push(values[i]);
    buffer.rows++;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Hands the buffered rows to the database and starts new buffers at once, so generation can go on. */
  flush(): Promise<void> {
    const writes: Promise<unknown>[] = [];
    for (const buffer of this.tables.values()) {
      if (buffer.rows === 0) continue;
      writes.push(this.pool.query(buffer.insert, buffer.columns));
      buffer.columns = buffer.columns.map(() => []);
      buffer.rows = 0;
    }
    return Promise.all(writes).then(() => undefined);
  }

  totalRows(): number {
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }
}
