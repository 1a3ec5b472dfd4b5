import { isAdapterError, type AdapterError } from "../kit/errors.js";
import { groupBy } from "../kit/group.js";
import { parseRecord, readWhole, type OrMalformed } from "../kit/parse.js";
import { checkAccountNos, checkServiceNos } from "./ids.js";
import type { AccountNo, ServiceNo } from "./port.js";
import { callRecord, feeLineRecord, usageSummaryRecord } from "./rest.computed-records.js";
import type { BillingRestSource } from "./rest.source.js";
import { CALL_CLASS } from "./usage-rows.js";
import { checkRequest } from "./usage.js";
import { usageRequestKey, type CallClass, type FeeLine, type UsageRecordPage, type UsageRecordRequest, type UsageSummary } from "./usage-port.js";

type Raw = Record<string, unknown>;

const classOfCode = (code: string) => CALL_CLASS[code] as CallClass;
const codeOfClass = (callClass: CallClass) => Object.keys(CALL_CLASS).find((code) => CALL_CLASS[code] === callClass) as string;

/**
 * A page's cursor, the position of its last record: its start (YYYYMMDDHHMMSS), call class and sequence number, as
 * the SQL adapter spells it (usage.ts), so a cursor one adapter gave continues with the other.
 */
function cursorOf(record: { startedAt: string; callClass: CallClass; seq: number }): string {
  const position = `${record.startedAt.replace(/\D/g, "")}${codeOfClass(record.callClass)}${String(record.seq).padStart(6, "0")}`;
  return Buffer.from(position, "latin1").toString("base64url");
}

/** The position a checked cursor names, in the service's terms. */
function positionOf(after: string): { startedAt: string; callClass: CallClass; seq: number } {
  const t = after.slice(0, 14);
  return {
    startedAt: `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}`,
    callClass: classOfCode(after.slice(14, 16)),
    seq: Number(after.slice(16)),
  };
}

/** Usage reads through modern billing's service: one request per batch, the service adding up what rating recorded. */
export class RestUsage {
  constructor(private readonly source: BillingRestSource) {}

  async getUsageSummaries(serviceNos: readonly ServiceNo[]): Promise<Map<ServiceNo, OrMalformed<UsageSummary[]>>> {
    const ids = checkServiceNos(serviceNos);
    if (ids.length === 0) return new Map();
    const found = await this.source.read("/v1/usage:summaries", "serviceNos", ids, {}, {
      schema: usageSummaryRecord,
      keyField: "serviceNo",
      name: (raw) => `usage ${String(raw.serviceNo)}/${String(raw.month)}/${String(raw.callClass)}`,
    });
    return groupBy(ids, found);
  }

  async getFeeTrends(accountNos: readonly AccountNo[]): Promise<Map<AccountNo, OrMalformed<FeeLine[]>>> {
    const ids = checkAccountNos(accountNos);
    if (ids.length === 0) return new Map();
    const found = await this.source.read("/v1/usage:feeTrends", "accountNos", ids, {}, {
      schema: feeLineRecord,
      keyField: "accountNo",
      name: (raw) => `bill items of ${String(raw.accountNo)} ${String(raw.month)}/${String(raw.type)}`,
    });
    return groupBy(ids, found);
  }

  async getUsageRecords(requests: readonly UsageRecordRequest[]): Promise<Map<string, OrMalformed<UsageRecordPage>>> {
    const checked = requests.map((r) => ({ key: usageRequestKey(r), ...checkRequest(r), month: r.month }));
    const distinct = [...new Map(checked.map((c) => [c.key, c])).values()];
    if (distinct.length === 0) return new Map();
    const rows = await this.source.allPages("/v1/usage:records", {
      requests: distinct.map((c) => ({ serviceNo: c.nbr, month: c.month, after: c.after === null ? null : positionOf(c.after), first: c.first })),
    });
    const byRequest = new Map<number, Raw[]>();
    for (const row of rows) byRequest.set(Number(row.request), [...(byRequest.get(Number(row.request)) ?? []), row]);
    const pages = new Map<string, OrMalformed<UsageRecordPage>>();
    distinct.forEach((c, i) => {
      const found = byRequest.get(i + 1) ?? [];
      const page = readWhole(() =>
        found.slice(0, c.first).map((raw) => {
          const name = `call record ${String(raw.serviceNo)}/${String(raw.month)}/${String(raw.callClass)}/${String(raw.seq)}`;
          return parseRecord(callRecord, raw, "billing", name);
        }),
      );
      pages.set(c.key, isAdapterError(page) ? (page as AdapterError) : { records: page.map(({ seq: _, ...record }) => record), nextCursor: found.length > c.first && page.length > 0 ? cursorOf(page.at(-1)!) : null });
    });
    return pages;
  }
}
