import type { Customer, CustomerFilter as HallFilter } from "../../adapters/business-hall/port.js";
import type { OrMalformed } from "../../adapters/errors.js";
import { isAdapterError } from "../../adapters/errors.js";
import { positionOf, type SnapshotFilter, type SnapshotOrder, type SnapshotPosition, type SnapshotScope } from "../../adapters/snapshot/port.js";
import { forbidden, visible } from "../kit/scope.js";
import { fromSnapshot, snapshotMissing } from "../kit/snapshot.js";
import type { ProfileContext } from "./context.js";
import { hallFilterOf } from "./filter.js";

export interface CustomerListRequest {
  filter: SnapshotFilter;
  order: SnapshotOrder;
  after: SnapshotPosition | null;
  first: number;
}

export interface CustomerListing {
  /** The page in order; a customer whose hall record cannot be read is that error, in its place. */
  entries: { position: SnapshotPosition; customer: OrMalformed<Customer> }[];
  hasNextPage: boolean;
  /** Where the next page starts: the page's last row, even one the hall no longer knows. */
  end: SnapshotPosition | null;
  /** All customers matching; called only when totalCount is asked. */
  count(): Promise<number>;
  snapshotAsOf: { asOf: string; computedAt: string } | null;
}

const NOTHING: CustomerListing = { entries: [], hasNextPage: false, end: null, count: async () => 0, snapshotAsOf: null };

/**
 * One page of the customers the caller may see that match the filter. Hall criteria in customer-number
 * order are served live by the hall (a key-account manager's portfolio from its records); judgements,
 * products and other orders page through the snapshot, then read the page's records in one hall call.
 */
export async function listCustomers(ctx: ProfileContext, request: CustomerListRequest): Promise<CustomerListing> {
  const scope = await snapshotScope(ctx);
  const filter = withinRegion(request.filter, scope.regionPrefix);
  if (filter === null) return NOTHING;
  const hallFilter = hallFilterOf(filter);
  const live = hallFilter !== null && request.order.field === "CUSTOMER_ID" && request.order.direction === "ASC";
  if (!live) return fromSnapshotPage(ctx, { ...request, filter }, scope);
  return scope.customerIds === null ? hallPage(ctx, hallFilter, request) : portfolioPage(ctx, scope.customerIds, hallFilter, request);
}

/** What the caller may list, as the snapshot takes it: a region prefix, or a key-account manager's portfolio. */
export async function snapshotScope({ scope }: ProfileContext): Promise<SnapshotScope> {
  if (scope.listRegion !== null) return { regionPrefix: scope.listRegion, customerIds: null };
  const portfolio = await scope.portfolio();
  if (!portfolio) throw forbidden("your role does not read customer data");
  return { regionPrefix: null, customerIds: [...portfolio].sort() };
}

/**
 * The filter narrowed to the caller's region: a region asked outside it matches nobody (null), so that
 * another region's customers are never listed, counted or grouped.
 */
export function withinRegion(filter: SnapshotFilter, prefix: string | null): SnapshotFilter | null {
  if (!prefix) return filter;
  const asked = filter.regionCode;
  if (asked === undefined || prefix.startsWith(asked)) return { ...filter, regionCode: prefix };
  return asked.startsWith(prefix) ? filter : null;
}

async function hallPage({ hall }: ProfileContext, filter: HallFilter, { after, first }: CustomerListRequest): Promise<CustomerListing> {
  const page = await hall.listCustomers({ after: after?.customerId ?? null, first, filter });
  const entries = [...page.customers].map(([id, customer]) => ({ position: { value: id, customerId: id }, customer }));
  return { entries, hasNextPage: page.hasNextPage, end: entries.at(-1)?.position ?? null, count: () => hall.countCustomers(filter), snapshotAsOf: null };
}

/** A portfolio is small: with criteria, its records are read whole in one call and filtered here. */
async function portfolioPage({ hall }: ProfileContext, portfolio: readonly string[], filter: HallFilter, { after, first }: CustomerListRequest): Promise<CustomerListing> {
  const criteria = Object.keys(filter).length > 0;
  const remaining = portfolio.filter((id) => after === null || id > after.customerId);
  const asked = criteria ? portfolio : remaining.slice(0, first);
  const found = asked.length > 0 ? await hall.getCustomers(asked) : new Map<string, OrMalformed<Customer>>();
  // A record that cannot be read cannot be ruled out: it keeps its place, as its error.
  const matching = (ids: readonly string[]) => ids.filter((id) => found.has(id) && matches(found.get(id) as OrMalformed<Customer>, filter));
  const candidates = criteria ? matching(remaining) : remaining;
  const page = candidates.slice(0, first);
  const entries = page.filter((id) => found.has(id)).map((id) => ({ position: { value: id, customerId: id }, customer: found.get(id) as OrMalformed<Customer> }));
  const total = criteria ? matching(portfolio).length : portfolio.length;
  const last = page.at(-1);
  return { entries, hasNextPage: candidates.length > first, end: last ? { value: last, customerId: last } : null, count: async () => total, snapshotAsOf: null };
}

function matches(customer: OrMalformed<Customer>, filter: HallFilter): boolean {
  if (isAdapterError(customer)) return true;
  return (
    (filter.regionCode === undefined || customer.region.code.startsWith(filter.regionCode)) &&
    (filter.kind === undefined || customer.kind === filter.kind) &&
    (filter.industryCode === undefined || customer.industry?.code === filter.industryCode) &&
    (filter.education === undefined || customer.education === filter.education)
  );
}

async function fromSnapshotPage(ctx: ProfileContext, request: CustomerListRequest, scope: SnapshotScope): Promise<CustomerListing> {
  const { snapshot, hall } = ctx;
  // The page is read beside the latest run, not after it: a scan pays one store round trip a page, not two.
  const reading = fromSnapshot("page", () => snapshot.page({ ...request, scope }));
  // Not asked for when no run has finished: that answer is SNAPSHOT_MISSING, whatever the page's read did.
  reading.catch(() => undefined);
  const latest = await fromSnapshot("latest", () => snapshot.latest());
  if (!latest) throw snapshotMissing();
  const page = await reading;
  // The store was told the scope; the subgraph that owns the data checks it again, row by row.
  const rows = await visible(ctx.scope, page.rows, (row) => row.customerId);
  // A judgementSnapshot asked of these customers needs no second store query.
  for (const row of rows) {
    ctx.loaders.snapshotRows.prime(row.customerId, row);
    ctx.snapshotRowsRead.set(row.customerId, row);
  }
  const found = rows.length > 0 ? await hall.getCustomers(rows.map((row) => row.customerId)) : new Map<string, OrMalformed<Customer>>();
  const entries = rows.filter((row) => found.has(row.customerId)).map((row) => ({ position: positionOf(request.order, row), customer: found.get(row.customerId) as OrMalformed<Customer> }));
  const last = page.rows.at(-1);
  return {
    entries,
    hasNextPage: page.hasNextPage,
    end: last ? positionOf(request.order, last) : null,
    count: () => fromSnapshot("count", () => snapshot.count(request.filter, scope)),
    snapshotAsOf: latest,
  };
}
