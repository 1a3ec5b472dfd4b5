import type { BillingFacts, BillingPort } from "../../adapters/billing/port.js";
import type { BusinessHallPort, Customer, ProfileFacts } from "../../adapters/business-hall/port.js";
import { isAdapterError, type OrMalformed } from "../../adapters/errors.js";
import type { KeyAccountFacts, KeyAccountPort } from "../../adapters/key-account/port.js";
import type { NetworkPort, ServiceNetworkFacts } from "../../adapters/network/port.js";
import type { SnapshotWriter } from "../../adapters/snapshot/port.js";
import { billingPart, heldServiceNos, keyAccountPart, networkPart, profilePart, type FactsParts } from "./facts.js";

export interface SnapshotSources {
  hall: BusinessHallPort;
  billing: BillingPort;
  network: NetworkPort;
  keyAccount: KeyAccountPort;
}

export interface ReadCustomer {
  id: string;
  /** The hall's record, or the error of a record that cannot be read (no row can be made without it). */
  customer: OrMalformed<Customer>;
  parts: FactsParts | null;
  /** The digest of the stored row computed as of the same date, when there is one. */
  storedDigest: string | undefined;
}

export interface ReadBatch {
  /** In id order; never empty. */
  customers: ReadCustomer[];
}

/** How many batches are read at once: the hall lists them one after another, their facts are read side by side. */
export const READ_AHEAD = 3;

interface Listed {
  customers: Map<string, OrMalformed<Customer>>;
  hasNextPage: boolean;
}

/**
 * Batches of customers in id order after `after`, each with every fact the judgements read: one call to
 * each system's batch method (network management after the hall, which says which lines to ask about)
 * and one to the store for the digests, whatever the batch size. While one batch is judged and written,
 * the next READ_AHEAD are read: the hall lists each page after the one before (its cursor), and the
 * facts of listed pages are read side by side.
 */
export class BatchReader {
  private next: Promise<Listed | null>;
  private readonly queue: Promise<ReadBatch | null>[] = [];

  constructor(
    private readonly sources: SnapshotSources,
    /** Null when no digests are compared (a back-filled month). */
    private readonly store: SnapshotWriter | null,
    private readonly asOf: string,
    private readonly first: number,
    after: string | null,
  ) {
    this.next = this.list(after);
    this.fill();
  }

  /** The next batch in order; null after the last. A failed read rejects here, in its turn. */
  async take(): Promise<ReadBatch | null> {
    const batch = this.queue.shift() ?? Promise.resolve(null);
    this.fill();
    return batch;
  }

  private fill(): void {
    while (this.queue.length < READ_AHEAD) {
      const listed = this.next;
      this.next = listed.then((page) => (page?.hasNextPage && page.customers.size > 0 ? this.list([...page.customers.keys()].at(-1)!) : null));
      this.next.catch(() => undefined);
      const batch = listed.then((page) => (page && page.customers.size > 0 ? this.facts(page) : null));
      // Rejections are seen when the batch is taken; until then they must not count as unhandled.
      batch.catch(() => undefined);
      this.queue.push(batch);
    }
  }

  private async list(after: string | null): Promise<Listed> {
    return this.sources.hall.listCustomers({ after, first: this.first });
  }

  private async facts(page: Listed): Promise<ReadBatch> {
    const { sources, store, asOf } = this;
    const ids = [...page.customers.keys()];
    const readable = ids.filter((id) => !isAdapterError(page.customers.get(id)));
    const none = new Map<string, never>();
    const [profiles, billing, keyAccounts, digests] =
      readable.length === 0
        ? [none, none, none, none]
        : await Promise.all([
            sources.hall.getProfileFacts(readable) as Promise<Map<string, OrMalformed<ProfileFacts>>>,
            sources.billing.getBillingFacts(readable, { asOf }) as Promise<Map<string, OrMalformed<BillingFacts>>>,
            sources.keyAccount.getKeyAccountFacts(readable, { asOf }) as Promise<Map<string, OrMalformed<KeyAccountFacts>>>,
            store ? store.digests(readable, asOf) : Promise.resolve(new Map<string, string>()),
          ]);
    const profileParts = new Map(readable.map((id) => [id, profilePart(profiles.get(id))]));
    const serviceNos = [...new Set(readable.flatMap((id) => heldServiceNos(profileParts.get(id)!)))];
    const lines: Map<string, OrMalformed<ServiceNetworkFacts>> = serviceNos.length === 0 ? new Map() : await sources.network.getServiceFacts(serviceNos);
    const customers = ids.map((id): ReadCustomer => {
      const customer = page.customers.get(id)!;
      const profile = profileParts.get(id);
      const parts: FactsParts | null = profile
        ? { profile, billing: billingPart(billing.get(id)), network: networkPart(profile, lines), keyAccount: keyAccountPart(keyAccounts.get(id)) }
        : null;
      return { id, customer, parts, storedDigest: digests.get(id) };
    });
    return { customers };
  }
}
