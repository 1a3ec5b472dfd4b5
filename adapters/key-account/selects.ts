/**
 * The SELECTs that read each key-account record, shared by the per-record reads and the one-statement
 * key-account facts, so both hand the row parsers the same columns. `s` is the (checked) schema; callers
 * append their WHERE.
 */

export function keyAccountSelect(s: string): string {
  return `SELECT "KHBH", "KHMC", "KHLX", "KHJB", "GXLX", "KHJL", "YYKHH", "RWRQ", "ZT" FROM ${s}."DKH_KHXX"`;
}

export function contractSelect(s: string): string {
  return `SELECT "HTBH", "KHBH", "HTMC", "QSRQ", "DQRQ", "HTJE", "ZT" FROM ${s}."DKH_HT"`;
}

export function visitSelect(s: string): string {
  return `SELECT "BFBH", "KHBH", "JLBH", "BFRQ", "BFFS", "BFNR" FROM ${s}."DKH_BFJL"`;
}
