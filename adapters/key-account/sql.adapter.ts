import type { SourceHealth } from "../health.js";
import { AdapterError } from "../kit/errors.js";
import { byKey, groupBy } from "../kit/group.js";
import { checkIdempotencyKey, type Written } from "../kit/idempotency.js";
import { recordParser, recordReader, type OrMalformed } from "../kit/parse.js";
import type { SystemPolicyConfig } from "../kit/policies/config.js";
import type { RoundTripCounter } from "../kit/round-trips.js";
import { SqlSource } from "../kit/sql.js";
import { carrierToday, checkAsOf, isCalendarDate } from "../kit/values.js";
import { keyAccountFactsOf, keyAccountFactsQuery } from "./facts.js";
import { checkCustomerIds, checkKeyAccountIds, checkManagerIds, legacyCustomerNo } from "./ids.js";
import {
  notAKeyAccount,
  type FactsQuery,
  type AccountManager,
  type Contract,
  type CustomerId,
  type KeyAccount,
  type KeyAccountFacts,
  type KeyAccountId,
  type KeyAccountPort,
  type ManagerId,
  type NewVisit,
  type Visit,
} from "./port.js";
import { BFFS, contractRow, keyAccountRow, managerRow, visitRow } from "./rows.js";
import { contractSelect, keyAccountSelect, visitSelect } from "./selects.js";

export interface KeyAccountSqlAdapterOptions {
  connectionString: string;
  /** The schema holding the key-account system's tables. */
  schema: string;
  counter: RoundTripCounter;
  /** The key-account system's policies (config/resilience.json); the shipped ones when absent. */
  resilience?: SystemPolicyConfig;
  /** Overrides the policies' per-attempt budget. */
  timeoutMs?: number;
  poolSize?: number;
  /** Today as an ISO date in the carrier's time zone: no visit is recorded for a later day. */
  today?: () => string;
}

type Row = Record<string, unknown>;

const parse = recordParser("key-account");
const read = recordReader("key-account");

/** BFNR is VARCHAR(400); PostgreSQL counts characters, not bytes. */
const MAX_NOTES = 400;

/**
 * The key-account system's tables read over SQL: one query per batch call, each row checked before it is
 * believed. Each row is tied to the asked id it was selected by, so that one that cannot be read costs that id only.
 */
export class KeyAccountSqlAdapter implements KeyAccountPort {
  private readonly source: SqlSource;
  private readonly today: () => string;

  constructor(options: KeyAccountSqlAdapterOptions) {
    this.source = new SqlSource({
      system: "key-account",
      connectionString: options.connectionString,
      schema: options.schema,
      counter: options.counter,
      resilience: options.resilience,
      timeoutMs: options.timeoutMs,
      poolSize: options.poolSize,
    });
    this.today = options.today ?? (() => carrierToday());
  }

  private get s(): string {
    return this.source.schema;
  }

  async getKeyAccountsByCustomer(customerIds: readonly CustomerId[]): Promise<Map<CustomerId, OrMalformed<KeyAccount>>> {
    const ids = checkCustomerIds(customerIds);
    if (ids.length === 0) return new Map();
    const asked = new Map(ids.map((id) => [legacyCustomerNo(id), id]));
    const rows = await this.source.query<Row>(`${keyAccountSelect(this.s)} WHERE "YYKHH" = ANY($1::text[])`, [[...asked.keys()]]);
    return byKey(ids, rows.map((row) => [asked.get(row.YYKHH as string), readKeyAccount(row)] as const));
  }

  async getKeyAccounts(keyAccountIds: readonly KeyAccountId[]): Promise<Map<KeyAccountId, OrMalformed<KeyAccount>>> {
    const ids = checkKeyAccountIds(keyAccountIds);
    if (ids.length === 0) return new Map();
    const rows = await this.source.query<Row>(`${keyAccountSelect(this.s)} WHERE "KHBH" = ANY($1::text[])`, [ids]);
    return byKey(ids, rows.map((row) => [row.KHBH as string, readKeyAccount(row)] as const));
  }

  async getManagers(managerIds: readonly ManagerId[]): Promise<Map<ManagerId, OrMalformed<AccountManager>>> {
    const ids = checkManagerIds(managerIds);
    if (ids.length === 0) return new Map();
    const rows = await this.source.query<Row>(
      `SELECT "JLBH", "XM", "LXDH", "SSQY", "ZT" FROM ${this.s}."DKH_KHJL" WHERE "JLBH" = ANY($1::text[])`,
      [ids],
    );
    return byKey(ids, rows.map((row) => [row.JLBH as string, read(managerRow, row, `DKH_KHJL ${row.JLBH}`)] as const));
  }

  async getKeyAccountsByManager(managerIds: readonly ManagerId[]): Promise<Map<ManagerId, OrMalformed<KeyAccount[]>>> {
    const ids = checkManagerIds(managerIds);
    if (ids.length === 0) return new Map();
    const rows = await this.source.query<Row>(
      `${keyAccountSelect(this.s)} WHERE "KHJL" = ANY($1::text[]) ORDER BY "KHBH"`,
      [ids],
    );
    return groupBy(ids, rows.map((row) => [row.KHJL as string, readKeyAccount(row)] as const));
  }

  async getContracts(keyAccountIds: readonly KeyAccountId[]): Promise<Map<KeyAccountId, OrMalformed<Contract[]>>> {
    const ids = checkKeyAccountIds(keyAccountIds);
    if (ids.length === 0) return new Map();
    const rows = await this.source.query<Row>(
      `${contractSelect(this.s)}
       WHERE "KHBH" = ANY($1::text[]) ORDER BY "KHBH", "QSRQ" DESC, "HTBH" DESC`,
      [ids],
    );
    return groupBy(ids, rows.map((row) => [row.KHBH as string, read(contractRow, row, `DKH_HT ${row.HTBH}`)] as const));
  }

  async getVisits(keyAccountIds: readonly KeyAccountId[]): Promise<Map<KeyAccountId, OrMalformed<Visit[]>>> {
    const ids = checkKeyAccountIds(keyAccountIds);
    if (ids.length === 0) return new Map();
    const rows = await this.source.query<Row>(
      `${visitSelect(this.s)} WHERE "KHBH" = ANY($1::text[]) ORDER BY "KHBH", "BFRQ" DESC, "BFBH" DESC`,
      [ids],
    );
    return groupBy(ids, rows.map((row) => [row.KHBH as string, read(visitRow, row, `DKH_BFJL ${row.BFBH}`)] as const));
  }

  async getKeyAccountFacts(customerIds: readonly CustomerId[], query: FactsQuery = {}): Promise<Map<CustomerId, OrMalformed<KeyAccountFacts>>> {
    const ids = checkCustomerIds(customerIds);
    const asOf = checkAsOf(query.asOf, "key-account");
    if (ids.length === 0) return new Map();
    const asked = new Map(ids.map((id) => [legacyCustomerNo(id), id]));
    const rows = await this.source.query<Row>(keyAccountFactsQuery(this.s), [[...asked.keys()]]);
    const found = byKey(ids, rows.map((row) => [asked.get(row.YYKHH as string), keyAccountFactsOf(row, asOf)] as const));
    return new Map(ids.map((id) => [id, found.get(id) ?? notAKeyAccount()]));
  }

  async recordVisit(visit: NewVisit): Promise<Written<Visit>> {
    const [keyAccountId] = checkKeyAccountIds([visit.keyAccountId]);
    const [managerId] = checkManagerIds([visit.managerId]);
    const key = checkIdempotencyKey(visit.idempotencyKey, "key-account");
    if (typeof visit.date !== "string" || !isCalendarDate(visit.date)) {
      throw new AdapterError("BAD_USER_INPUT", "key-account", `date must be an ISO date YYYY-MM-DD, got ${JSON.stringify(visit.date)}`);
    }
    // ISO dates compare as text.
    if (visit.date > this.today()) throw new AdapterError("BAD_USER_INPUT", "key-account", `date ${visit.date} is after today`);
    const methodCode = Object.keys(BFFS).find((code) => BFFS[code] === visit.method);
    if (methodCode === undefined) {
      throw new AdapterError("BAD_USER_INPUT", "key-account", `unknown visit method ${JSON.stringify(visit.method)}`);
    }
    if (typeof visit.notes !== "string" || [...visit.notes].length > MAX_NOTES) {
      throw new AdapterError("BAD_USER_INPUT", "key-account", `notes must be text of at most ${MAX_NOTES} characters`);
    }
    // One statement inserts the visit, or finds the one an earlier call stored under the same key.
    const rows = await this.source.query<Row>(
      `WITH ka AS (SELECT "KHBH" FROM ${this.s}."DKH_KHXX" WHERE "KHBH" = $1),
       mgr AS (SELECT "JLBH" FROM ${this.s}."DKH_KHJL" WHERE "JLBH" = $2),
       fresh AS (
         INSERT INTO ${this.s}."DKH_BFJL" ("BFBH", "KHBH", "JLBH", "BFRQ", "BFFS", "BFNR", "WBLSH")
         SELECT nextval('${this.s}."SEQ_BFBH"'), ka."KHBH", mgr."JLBH", $3, $4, $5, $6 FROM ka, mgr
         ON CONFLICT ("WBLSH") DO NOTHING
         RETURNING "BFBH", "KHBH", "JLBH", "BFRQ", "BFFS", "BFNR"
       )
       SELECT *, false AS "REPLAYED" FROM fresh
       UNION ALL
       SELECT v.*, true AS "REPLAYED" FROM (${visitSelect(this.s)} WHERE "WBLSH" = $6) v`,
      [keyAccountId, managerId, visit.date.replaceAll("-", "/"), methodCode, visit.notes, key],
      // Keyed by WBLSH (a unique index at the source): a retry answers with the first visit.
      { write: true, idempotent: true },
    );
    let stored = rows[0];
    if (stored === undefined) {
      // A concurrent call with the same key committed after this statement's snapshot was taken (the
      // insert then did nothing), or the account or manager does not exist: a fresh read tells which.
      const [found] = await this.source.query<Row>(
        `SELECT EXISTS (SELECT 1 FROM ${this.s}."DKH_KHXX" WHERE "KHBH" = $1) AS "KA_FOUND",
                EXISTS (SELECT 1 FROM ${this.s}."DKH_KHJL" WHERE "JLBH" = $2) AS "MANAGER_FOUND", v.*, true AS "REPLAYED"
         FROM (SELECT 1) one LEFT JOIN (${visitSelect(this.s)} WHERE "WBLSH" = $3) v ON true`,
        [keyAccountId, managerId, key],
      );
      if (found?.BFBH !== null && found?.BFBH !== undefined) stored = found;
      else if (found?.KA_FOUND === false) {
        throw new AdapterError("BAD_USER_INPUT", "key-account", `no key account ${keyAccountId}`);
      } else if (found?.MANAGER_FOUND === false) {
        throw new AdapterError("BAD_USER_INPUT", "key-account", `no account manager ${managerId}`);
      } else {
        throw new AdapterError("SOURCE_UNAVAILABLE", "key-account", `visit ${key} was neither recorded nor found`);
      }
    }
    const recorded = parse(visitRow, stored, `DKH_BFJL ${stored.BFBH}`);
    const same =
      recorded.keyAccountId === keyAccountId &&
      recorded.managerId === managerId &&
      recorded.date === visit.date &&
      recorded.method === visit.method &&
      recorded.notes === visit.notes;
    if (!same) {
      throw new AdapterError(
        "CONFLICT",
        "key-account",
        `idempotency key ${key} was already used for visit ${recorded.visitId} to ${recorded.keyAccountId} on ${recorded.date}`,
      );
    }
    return { record: recorded, replayed: stored.REPLAYED === true };
  }

  health(): SourceHealth {
    return this.source.health();
  }

  async close(): Promise<void> {
    await this.source.close();
  }
}

const readKeyAccount = (row: Row) => read(keyAccountRow, row, `DKH_KHXX ${row.KHBH}`);
