import { GraphQLError } from "graphql";
import type { Caller } from "../../schema/caller.js";

/** The customer ids of a key-account manager's portfolio, as the key-account system keeps it. */
export type PortfolioLookup = (managerId: string) => Promise<readonly string[]>;

/**
 * What one caller may see, decided in the subgraph that owns the data (docs/security.md):
 * admin everything; hq-analyst and agent the customers of their region; ka-manager the customers of
 * their own portfolio; architect no customer data at all. Several roles add up.
 */
export interface Scope {
  readonly caller: Caller;
  /** Whether personal data is shown unmasked. */
  readonly pii: boolean;
  /** Region prefix every listed customer must have; "" for every region. Null when lists must come from the portfolio or are closed. */
  readonly listRegion: string | null;
  /** The portfolio's customer ids when the caller sees customers only through one; null otherwise. */
  portfolio(): Promise<ReadonlySet<string> | null>;
  /** The customer ids of the caller's own portfolio as a key-account manager, whatever its other roles; empty for others. */
  managedPortfolio(): Promise<ReadonlySet<string>>;
  /** Whether the caller may see this customer (its number starts with the local network that holds it). */
  allowsCustomer(customerId: string): Promise<boolean>;
  /** Whether the caller may see records of this local network that belong to no particular customer. */
  allowsRegion(regionCode: string): boolean;
}

export function regionOfCustomer(customerId: string): string {
  return customerId.slice(0, 4);
}

export function scopeFor(caller: Caller, portfolioOf: PortfolioLookup): Scope {
  const roles = new Set(caller.roles);
  const everything = roles.has("admin");
  const byRegion = everything || roles.has("hq-analyst") || roles.has("agent");
  const prefix = everything || caller.region === "HQ" ? "" : caller.region;
  const inRegion = (code: string) => byRegion && code.startsWith(prefix);
  let portfolio: Promise<ReadonlySet<string>> | undefined;
  const ownPortfolio = () => (portfolio ??= portfolioOf(caller.managerId ?? "").then((ids) => new Set(ids)));
  const managesPortfolio = roles.has("ka-manager") && caller.managerId !== null;
  return {
    caller,
    pii: caller.pii,
    listRegion: byRegion ? prefix : null,
    portfolio: async () => (!byRegion && managesPortfolio ? ownPortfolio() : null),
    managedPortfolio: async () => (managesPortfolio ? ownPortfolio() : new Set<string>()),
    async allowsCustomer(customerId) {
      if (inRegion(regionOfCustomer(customerId))) return true;
      return managesPortfolio && (await ownPortfolio()).has(customerId);
    },
    allowsRegion: inRegion,
  };
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "FORBIDDEN" } });
}

/** Throws FORBIDDEN unless the caller may see the customer; the error lands at the field being resolved. */
export async function checkCustomer(scope: Scope, customerId: string, what = `customer ${customerId}`): Promise<void> {
  if (!(await scope.allowsCustomer(customerId))) throw forbidden(`${what} is outside your scope`);
}

/** The items whose customer the caller may see: out-of-scope items are left out of lists, never shown. */
export async function visible<T>(scope: Scope, items: readonly T[], customerOf: (item: T) => string): Promise<T[]> {
  const allowed = await Promise.all(items.map((item) => scope.allowsCustomer(customerOf(item))));
  return items.filter((_, i) => allowed[i]);
}
