import { Field, Int, ObjectType } from "type-graphql";
import type * as billing from "../../adapters/billing/port.js";
import type * as usage from "../../adapters/billing/port.js";
import { graphqlEnum } from "../kit/enums.js";
import { SafeInt } from "../kit/scalars.js";
import { BillItemType } from "./types.js";

const CallClass = graphqlEnum(
  "CallClass",
  ["LOCAL", "LONG_DISTANCE", "INTERNATIONAL", "DATA", "VALUE_ADDED"] satisfies usage.CallClass[],
  "A class of usage as billing's rating keeps it (SERV_USAGE_MONTH.CALL_CLASS: LC local calls, LD domestic long distance, IN international, DT data, VA value-added such as SMS).",
);
const CallDirection = graphqlEnum("CallDirection", ["OUTGOING", "INCOMING"] satisfies usage.UsageRecord["direction"][], "Whether the service made or received the call (CDR.DIRECTION: O, I); incoming calls are free.");

@ObjectType({ description: "One service's usage of one class in one billing cycle, as billing's rating summed it (SERV_USAGE_MONTH)." })
export class UsageSummary {
  @Field(() => String, { description: "The billing cycle, YYYY-MM (BILLING_CYCLE_ID)." }) month!: string;
  @Field(() => CallClass, { description: "The class of usage (CALL_CLASS)." }) callClass!: usage.CallClass;
  @Field(() => Int, { description: "Detail records: calls, data sessions or messages (RECORDS)." }) records!: number;
  @Field(() => Int, { description: "Outgoing records (OUT_RECORDS)." }) outgoing!: number;
  @Field(() => Int, { description: "Incoming records (RECORDS less OUT_RECORDS)." }) incoming!: number;
  @Field(() => Int, { description: "Records in peak hours, 08:00–22:00 (PEAK_RECORDS)." }) peak!: number;
  @Field(() => Int, { description: "Records off-peak (RECORDS less PEAK_RECORDS)." }) offPeak!: number;
  @Field(() => SafeInt, { description: "Seconds of use (DURATION)." }) seconds!: number;
  @Field(() => SafeInt, { description: "Minutes of use, rounded up per the whole summary (DURATION / 60)." }) minutes!: number;
  @Field(() => SafeInt, { description: "Data volume in KB (VOLUME_KB); 0 for calls and messages." }) volumeKb!: number;
  @Field(() => SafeInt, { description: "What rating charged, in fen (FEE): the bill's usage item of this class (long distance with international)." }) feeFen!: number;
}

@ObjectType({ description: "One itemised record (清单) of a service, from billing's call-detail records (CDR)." })
export class UsageRecord {
  @Field(() => CallClass, { description: "The class of usage (CALL_CLASS)." }) callClass!: usage.CallClass;
  @Field(() => String, { description: "When it started, local time in the carrier's zone, YYYY-MM-DDTHH:MM:SS (START_TIME)." }) startedAt!: string;
  @Field(() => CallDirection, { description: "Made or received (DIRECTION)." }) direction!: usage.UsageRecord["direction"];
  @Field(() => Boolean, { description: "In peak hours, 08:00–22:00 (PEAK_FLAG)." }) peak!: boolean;
  @Field(() => String, { description: "The other party's number, or the access point for data (OTHER_NBR). Personal data: masked without the PII right." }) otherParty!: string;
  @Field(() => SafeInt, { description: "Seconds (DURATION)." }) seconds!: number;
  @Field(() => SafeInt, { description: "Data volume in KB (VOLUME_KB)." }) volumeKb!: number;
  @Field(() => SafeInt, { description: "Fee in fen (FEE)." }) feeFen!: number;
}

@ObjectType({ description: "A page of a service's itemised records of one cycle, newest first." })
export class UsageRecordPage {
  @Field(() => [UsageRecord], { description: "The records of this page, newest first." }) records!: UsageRecord[];
  @Field(() => String, { nullable: true, description: "Pass as `after` for the next page; null on the last page." }) nextCursor!: string | null;
}

@ObjectType({ description: "The amount of one item type on one cycle's bills (fee composition), from billing (ACCT_ITEM by BILL.BILLING_CYCLE_ID)." })
export class FeeLine {
  @Field(() => String, { description: "The billing cycle, YYYY-MM." }) month!: string;
  @Field(() => BillItemType, { description: "The item type (ACCT_ITEM_TYPE_ID)." }) type!: billing.BillItemType;
  @Field(() => SafeInt, { description: "The sum of the items of that type, in fen; negative for discounts." }) amountFen!: number;
}

export function toUsageSummary(s: usage.UsageSummary): UsageSummary {
  const { serviceNo: _, ...rest } = s;
  return { ...rest, minutes: Math.ceil(s.seconds / 60) };
}
