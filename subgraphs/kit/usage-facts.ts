import { z } from "zod";

/**
 * A customer's usage per service and billing cycle, as billing's subgraph hands it to the judgements (insights)
 * through @requires: what rating (批价) counted and charged for each service's own calls, data sessions and
 * messages in each cycle (SERV_USAGE_MONTH summed over call classes), for every service billing holds for the
 * customer, removed ones included, over the cycles before the as-of month. Basic fees are not usage: they are
 * charged whether the line is used or not.
 */
export interface ServiceUsageFacts {
  usage: {
    serviceNo: string;
    /** The billing cycle, "YYYY-MM". */
    month: string;
    /** Calls, data sessions and messages rated, incoming ones included. */
    records: number;
    /** What rating charged for them, in fen. */
    feeFen: number;
  }[];
}

const count = z.number().int().nonnegative().refine(Number.isSafeInteger, "must be a safe integer");

export const serviceUsageFactsSchema = z.object({
  usage: z.array(
    z.object({
      serviceNo: z.string().min(1),
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM"),
      records: count,
      feeFen: z.number().int().refine(Number.isSafeInteger, "must be a safe integer"),
    }),
  ),
}) satisfies z.ZodType<ServiceUsageFacts>;
