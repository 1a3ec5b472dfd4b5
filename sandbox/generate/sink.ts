/** Where generated rows go: one call per row, values in the table's column order (as in its DDL). */
export interface RowSink {
  row(schema: string, table: string, values: unknown[]): void;
}
