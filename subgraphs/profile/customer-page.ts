import type { Customer, CustomerPage } from "../../adapters/business-hall/port.js";
import type { OrMalformed } from "../../adapters/errors.js";
import { forbidden } from "../kit/scope.js";
import type { ProfileContext } from "./context.js";

/**
 * One page of the customers the caller may see: the hall filters on the caller's region, so pages and
 * totalCount never include anyone else; a key-account manager pages through their own portfolio.
 */
export async function scopedCustomerPage({ hall, scope }: ProfileContext, after: string | null, first: number): Promise<CustomerPage> {
  if (scope.listRegion !== null) {
    return hall.listCustomers({ after, first, ...(scope.listRegion ? { filter: { regionCode: scope.listRegion } } : {}) });
  }
  const portfolio = await scope.portfolio();
  if (!portfolio) throw forbidden("your role does not read customer data");
  const remaining = [...portfolio].sort().filter((id) => after === null || id > after);
  const wanted = remaining.slice(0, first);
  const found = wanted.length > 0 ? await hall.getCustomers(wanted) : new Map<string, OrMalformed<Customer>>();
  const customers = new Map(wanted.filter((id) => found.has(id)).map((id) => [id, found.get(id) as OrMalformed<Customer>]));
  return { customers, hasNextPage: remaining.length > first, totalCount: portfolio.size };
}
