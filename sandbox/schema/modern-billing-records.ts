/**
 * Modern billing's detail records (call_records): made on read from usage_months as the legacy CDR view makes them from
 * SERV_USAGE_MONTH (billing.ts), seeded by the same legacy keys and spellings, so that the records one service had in
 * one cycle are the same in both systems. A real migration would copy the stored records; the sandbox stores none.
 */
export function modernCallRecordsView(s: string): string {
  const hex = (from: number) => `('x' || lpad(substr(x.h, ${from}, 7), 8, '0'))::bit(32)::bigint`;
  const legacyClass = `CASE u.call_class WHEN 'LOCAL' THEN 'LC' WHEN 'LONG_DISTANCE' THEN 'LD' WHEN 'INTERNATIONAL' THEN 'IN' WHEN 'DATA' THEN 'DT' ELSE 'VA' END`;
  return `CREATE VIEW ${s}.call_records AS
SELECT u.service_id, u.service_no, u.month, u.call_class, g.n AS seq,
  to_char(to_date(u.month, 'YYYY-MM') + (g.day_no)::int, 'YYYY-MM-DD') || 'T'
    || lpad((CASE WHEN g.peak THEN 8 + g.hour_no % 14 ELSE (22 + g.hour_no % 10) % 24 END)::text, 2, '0') || ':'
    || lpad((g.second_no % 3600 / 60)::text, 2, '0') || ':' || lpad((g.second_no % 60)::text, 2, '0') AS started_at,
  CASE WHEN g.n <= u.outgoing THEN 'OUTGOING' ELSE 'INCOMING' END AS direction,
  g.peak,
  CASE u.call_class
    WHEN 'LOCAL' THEN '8' || lpad((g.party % 10000000)::text, 7, '0')
    WHEN 'LONG_DISTANCE' THEN '0' || (20 + g.party % 880)::text || lpad((g.party / 1000 % 100000000)::text, 8, '0')
    WHEN 'INTERNATIONAL' THEN '00' || (ARRAY['1','44','81','82','852','853','886','65','61','49'])[1 + g.party % 10] || lpad((g.party / 10 % 1000000000)::text, 9, '0')
    WHEN 'VALUE_ADDED' THEN '106' || lpad((g.party % 100000000)::text, 8, '0')
    ELSE 'CTNET' END AS other_party,
  (u.seconds * g.cw / g.tw) - (u.seconds * (g.cw - g.w) / g.tw) AS seconds,
  (u.volume_kb * g.cw / g.tw) - (u.volume_kb * (g.cw - g.w) / g.tw) AS volume_kb,
  CASE WHEN g.fw = 0 THEN 0 ELSE (u.fee_fen * g.cf / g.tf) - (u.fee_fen * (g.cf - g.fw) / g.tf) END AS fee_fen
FROM ${s}.usage_months u
CROSS JOIN LATERAL (
  SELECT y.*, (sum(y.w) OVER (ORDER BY y.n))::bigint AS cw, (sum(y.w) OVER ())::bigint AS tw,
    (sum(y.fw) OVER (ORDER BY y.n))::bigint AS cf, (sum(y.fw) OVER ())::bigint AS tf
  FROM (
    SELECT x.n,
      1 + ${hex(1)} % 1000 AS w,
      CASE WHEN x.n <= u.outgoing THEN 1 + ${hex(8)} % 1000 ELSE 0 END AS fw,
      ${hex(15)} % extract(day FROM to_date(u.month, 'YYYY-MM') + interval '1 month' - interval '1 day')::bigint AS day_no,
      ${hex(22)} AS hour_no, ${hex(26)} AS second_no, ${hex(1)} * 37 + ${hex(8)} AS party,
      floor(x.n * u.peak::numeric / u.records) > floor((x.n - 1) * u.peak::numeric / u.records) AS peak
    FROM (SELECT n, md5(u.service_id || ':' || replace(u.month, '-', '') || ':' || ${legacyClass} || ':' || n) AS h
          FROM generate_series(1, u.records) n) x
  ) y
) g;`;
}
