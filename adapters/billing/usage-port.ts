import type { OrMalformed } from "../errors.js";
import type { AccountNo, BillItemType, ServiceNo } from "./port.js";

/**
 * Usage as billing's rating keeps it (批价): monthly summaries per service and call class, the itemised
 * detail records (清单) behind them, and the fee composition of bills. Every read takes many keys and costs
 * one round trip; a record that cannot be read is its key's MALFORMED_RECORD error, the other keys are served.
 */

export type CallClass = "LOCAL" | "LONG_DISTANCE" | "INTERNATIONAL" | "DATA" | "VALUE_ADDED";

/** One service's usage of one call class in one billing cycle. */
export interface UsageSummary {
  serviceNo: ServiceNo;
  /** The billing cycle, "YYYY-MM". */
  month: string;
  callClass: CallClass;
  /** Detail records: calls, data sessions or messages. */
  records: number;
  outgoing: number;
  incoming: number;
  /** Records in peak hours (08:00–22:00); the rest are off-peak. */
  peak: number;
  offPeak: number;
  seconds: number;
  volumeKb: number;
  /** What rating charged for them; the bill's usage item of the class's type is this (LONG_DISTANCE with INTERNATIONAL). */
  feeFen: number;
}

/** One detail record (清单 line). */
export interface UsageRecord {
  serviceNo: ServiceNo;
  month: string;
  callClass: CallClass;
  /** Local time in the carrier's zone, "YYYY-MM-DDTHH:MM:SS". */
  startedAt: string;
  direction: "OUTGOING" | "INCOMING";
  peak: boolean;
  /** The other party's number (an access point name for data): personal data. */
  otherParty: string;
  seconds: number;
  volumeKb: number;
  feeFen: number;
}

/** Which page of one service's records of one cycle, newest first. */
export interface UsageRecordRequest {
  serviceNo: ServiceNo;
  /** "YYYY-MM". */
  month: string;
  /** At most this many records (1–200). */
  first: number;
  /** The `nextCursor` of the page before, or null for the first page. */
  after: string | null;
}

export interface UsageRecordPage {
  records: UsageRecord[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

/** One line of an account's fee composition: the amounts of one item type on one cycle's bill(s). */
export interface FeeLine {
  accountNo: AccountNo;
  month: string;
  type: BillItemType;
  amountFen: number;
}

/** The largest page of detail records one request may ask for. */
export const MAX_USAGE_PAGE = 200;

export interface UsagePort {
  /** Each service's monthly usage summaries, newest cycle first, then by call class. */
  getUsageSummaries(serviceNos: readonly ServiceNo[]): Promise<Map<ServiceNo, OrMalformed<UsageSummary[]>>>;
  /** Each account's bill items summed per cycle and item type over the last 12 cycles billed, newest first. */
  getFeeTrends(accountNos: readonly AccountNo[]): Promise<Map<AccountNo, OrMalformed<FeeLine[]>>>;
  /** A page of each requested service-and-cycle's detail records, newest first, keyed by `usageRequestKey`. */
  getUsageRecords(requests: readonly UsageRecordRequest[]): Promise<Map<string, OrMalformed<UsageRecordPage>>>;
}

/** The key of a request in getUsageRecords' answer. */
export const usageRequestKey = (r: Pick<UsageRecordRequest, "serviceNo" | "month" | "after" | "first">) =>
  `${r.serviceNo}|${r.month}|${r.first}|${r.after ?? ""}`;
