import DataLoader from "dataloader";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { SnapshotReader, SnapshotRow } from "../../adapters/snapshot/port.js";
import { fromSnapshot } from "../kit/snapshot.js";
import type { ProfileContext, SnapshotRowsRead } from "./context.js";
import { JudgementSnapshot } from "./snapshot-types.js";
import { Customer } from "./types.js";

/** The store's page maximum: a list page of customers is one store query. */
const BATCH = 1000;

/**
 * Customers' snapshot rows, one store query per batch: the page of exactly these ids, in no scope but
 * theirs. What it reads goes into `read` too.
 */
export function snapshotRowLoader(snapshot: SnapshotReader, read: SnapshotRowsRead): DataLoader<string, SnapshotRow | null> {
  return new DataLoader<string, SnapshotRow | null>(
    async (ids) => {
      const page = await fromSnapshot("rows", () =>
        snapshot.page({ filter: {}, scope: { regionPrefix: null, customerIds: ids }, order: { field: "CUSTOMER_ID", direction: "ASC" }, after: null, first: ids.length }),
      );
      const rows = new Map(page.rows.map((row) => [row.customerId, row]));
      return ids.map((id) => {
        const row = rows.get(id) ?? null;
        read.set(id, row);
        return row;
      });
    },
    { maxBatchSize: BATCH },
  );
}

@Resolver(() => Customer)
export class JudgementSnapshotResolver {
  /**
   * The customer was scope-checked where it was resolved; its row is read with the page's other rows, and
   * a row the request already holds (a list page reads them ahead) is answered without a promise.
   */
  @FieldResolver(() => JudgementSnapshot, {
    nullable: true,
    description:
      "The customer's judgements in the latest judgement snapshot, the values lists filter on; null when the snapshot has not judged the customer (or none ran), " +
      "and null with SOURCE_UNAVAILABLE naming the snapshot when the store cannot be read.",
  })
  judgementSnapshot(@Root() customer: Customer, @Ctx() ctx: ProfileContext): JudgementSnapshot | null | Promise<JudgementSnapshot | null> {
    const read = ctx.snapshotRowsRead.get(customer.id);
    if (read instanceof Error) throw read;
    return read === undefined ? ctx.loaders.snapshotRows.load(customer.id).then(judgementOf) : judgementOf(read);
  }
}

function judgementOf(row: SnapshotRow | null): JudgementSnapshot | null {
  if (!row) return null;
  const { asOf, computedAt, valueTier, creditScore, creditLevel, creditList, blackListStatus, loyaltyScore, loyaltyLevel, satisfactionScore, satisfactionLevel, relationshipStatus } = row;
  const { arrearsBucket, arrearsFen, dunningStage, potentialKeyAccount, churnRiskLevel, abnormalFlags, revenue12mFen, arpuFen, arpaFen } = row;
  return {
    asOf,
    computedAt,
    valueTier,
    creditScore,
    creditLevel,
    creditList,
    blackListStatus,
    loyaltyScore,
    loyaltyLevel,
    satisfactionScore,
    satisfactionLevel,
    relationshipStatus,
    arrearsBucket,
    arrearsFen,
    dunningStage,
    potentialKeyAccount,
    churnRiskLevel,
    abnormalFlags,
    revenue12mFen,
    arpuFen,
    arpaFen,
  };
}
