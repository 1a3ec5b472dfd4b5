import { readWhole, recordParser, type OrMalformed } from "../kit/parse.js";
import { inKeys, jsonRecord, listIn } from "../kit/sql.js";
import type { Contract, KeyAccountFacts } from "./port.js";
import { contractRow, keyAccountRow, visitRow } from "./rows.js";
import { contractSelect, keyAccountSelect, visitSelect } from "./selects.js";

type Row = Record<string, unknown>;

const parse = recordParser("key-account");

/**
 * One statement for the customers whose YYKHH is in $1: one row per customer the system holds (YYKHH is
 * unique), with every contract and visit of that key account as JSON arrays of rows as the per-record reads
 * select them, so the same row parsers check them all, not only the ones that count.
 */
export function keyAccountFactsQuery(s: string): string {
  return `WITH ka AS (${keyAccountSelect(s)} WHERE ${inKeys(`"YYKHH"`)})
    SELECT ka."YYKHH", to_jsonb(ka) AS "KEY_ACCOUNT", ht.list AS "CONTRACTS", bf.list AS "VISITS"
    FROM ka
    LEFT JOIN (
      SELECT x."KHBH", jsonb_agg(${jsonRecord("x", ["HTJE"])} ORDER BY x."QSRQ" DESC, x."HTBH" DESC) AS list
      FROM (${contractSelect(s)} WHERE "KHBH" IN (SELECT "KHBH" FROM ka)) x GROUP BY x."KHBH"
    ) ht ON ht."KHBH" = ka."KHBH"
    LEFT JOIN (
      SELECT x."KHBH", jsonb_agg(${jsonRecord("x", ["BFBH"])} ORDER BY x."BFRQ" DESC, x."BFBH" DESC) AS list
      FROM (${visitSelect(s)} WHERE "KHBH" IN (SELECT "KHBH" FROM ka)) x GROUP BY x."KHBH"
    ) bf ON bf."KHBH" = ka."KHBH"`;
}

/**
 * One customer's row of `keyAccountFactsQuery`. A revoked recognition is no key account, so it has no level
 * nor relationship; its contracts and visits are still reported as the system holds them. Facts with a
 * record that cannot be read are that record's error.
 */
export function keyAccountFactsOf(row: Row, asOf?: string): OrMalformed<KeyAccountFacts> {
  return readWhole(() => factsOf(row, asOf));
}

/**
 * As of a date (ISO, compared as text): recognised by then, and the contracts in force on it, signed by then
 * and not yet expired, whatever their state says now, unless terminated (a termination carries no date).
 * Without one, the system's states as they are now. A revocation carries no date either: it counts at any date.
 */
function factsOf(row: Row, asOf: string | undefined): KeyAccountFacts {
  const raw = row.KEY_ACCOUNT as Row;
  const account = parse(keyAccountRow, raw, `DKH_KHXX ${raw.KHBH}`);
  const contracts = listIn(row.CONTRACTS).map((c) => parse(contractRow, c, `DKH_HT ${c.HTBH}`));
  const visits = listIn(row.VISITS).map((v) => parse(visitRow, v, `DKH_BFJL ${v.BFBH}`));
  const inForce = (contract: Contract) =>
    asOf === undefined ? contract.status === "ACTIVE" : contract.status !== "TERMINATED" && contract.signedOn <= asOf && asOf <= contract.expiresOn;
  const active = contracts.filter(inForce);
  const recognised = account.active && (asOf === undefined || account.recognisedOn <= asOf);
  return {
    isKeyAccount: recognised,
    level: recognised ? account.level : null,
    relationship: recognised ? account.relationship : null,
    activeContracts: active.length,
    contractValueFen: active.reduce((sum, contract) => sum + contract.amountFen, 0),
    visitDates: visits.map((visit) => visit.date),
  };
}
