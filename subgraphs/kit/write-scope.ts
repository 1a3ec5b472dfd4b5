import type { Caller } from "../../schema/caller.js";
import { forbidden, regionOfCustomer, type Scope } from "./scope.js";

/** The graph's writes, each made through the adapter of the system that owns its record. */
export const WRITES = ["recordComplaint", "openTroubleTicket", "recordPayment", "recordDunningContact", "recordVisit", "recordSurvey", "setCreditLevel"] as const;
export type WriteName = (typeof WRITES)[number];

/**
 * Which roles may make each write (docs/security.md, "Writes"), besides admin, who may make every write
 * for every customer. An agent works the front office for the customers of its region; a key-account
 * manager records its own visits and passes on what its customers report (complaints, faults), for its
 * own portfolio only. hq-analyst and architect read only. Several roles add up.
 */
export const WRITE_RIGHTS: Readonly<Record<WriteName, { agent: boolean; kaManager: boolean }>> = {
  recordComplaint: { agent: true, kaManager: true },
  openTroubleTicket: { agent: true, kaManager: true },
  recordPayment: { agent: true, kaManager: false },
  recordDunningContact: { agent: true, kaManager: false },
  recordVisit: { agent: false, kaManager: true },
  // Whoever records what a customer says: the front office and call centre, and a manager for its own accounts.
  recordSurvey: { agent: true, kaManager: true },
  // The local network's front and back office, which already takes the customer's payments and dunning contacts,
  // grades its region's customers; a key-account manager would be grading its own portfolio.
  setCreditLevel: { agent: true, kaManager: false },
};

/** Whether any role of the caller may make this write at all, for some customer. */
export function mayWrite(caller: Caller, write: WriteName): boolean {
  const roles = new Set(caller.roles);
  const rights = WRITE_RIGHTS[write];
  return roles.has("admin") || (rights.agent && roles.has("agent")) || (rights.kaManager && roles.has("ka-manager") && caller.managerId !== null);
}

/** Throws FORBIDDEN unless a role of the caller may make this write: checked before anything is read or sent. */
export function checkWriteRole(scope: Scope, write: WriteName): void {
  if (!mayWrite(scope.caller, write)) throw forbidden(`your role may not ${write}`);
}

/** Whose record a write makes, as the system that owns it says. */
export interface WriteTarget {
  customerId: string;
  /** How the refusal names the target, in the caller's own terms (the account or line it sent, never a customer it did not). */
  what: string;
  /** The manager responsible for the key account written to, when the write is for one. */
  managerId?: string;
}

/**
 * Throws FORBIDDEN unless a role of the caller that may make this write reaches the target: admin every
 * customer, agent those of its region, ka-manager those of its own portfolio (for a key account, the ones it manages).
 */
export async function checkWriteTarget(scope: Scope, write: WriteName, target: WriteTarget): Promise<void> {
  const { caller } = scope;
  const roles = new Set(caller.roles);
  const rights = WRITE_RIGHTS[write];
  if (roles.has("admin")) return;
  const prefix = caller.region === "HQ" ? "" : caller.region;
  if (rights.agent && roles.has("agent") && regionOfCustomer(target.customerId).startsWith(prefix)) return;
  if (rights.kaManager && roles.has("ka-manager") && caller.managerId !== null) {
    const manages =
      target.managerId !== undefined ? target.managerId === caller.managerId : (await scope.managedPortfolio()).has(target.customerId);
    if (manages) return;
  }
  throw forbidden(`${target.what} is outside your scope for ${write}`);
}
