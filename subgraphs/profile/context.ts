import type DataLoader from "dataloader";
import type { BusinessHallPort, Complaint, Contact, Customer, CustomerOffer, ProfileFacts, Subscription, SurveyAnswer, WorkOrder } from "../../adapters/business-hall/port.js";
import type { SnapshotReader, SnapshotRow } from "../../adapters/snapshot/port.js";
import { listLoader, mapLoader } from "../kit/loaders.js";
import type { Scope } from "../kit/scope.js";
import { snapshotRowLoader } from "./judgement-snapshot.resolver.js";

export interface ProfileLoaders {
  customers: DataLoader<string, Customer | null>;
  customerIdByServiceNo: DataLoader<string, string | null>;
  /** ID-card number → every customer the hall registered under it. */
  customerIdsByIdCard: DataLoader<string, string[]>;
  subscriptions: DataLoader<string, Subscription | null>;
  subscriptionsByCustomer: DataLoader<string, Subscription[]>;
  contacts: DataLoader<string, Contact[]>;
  complaints: DataLoader<string, Complaint[]>;
  surveys: DataLoader<string, SurveyAnswer[]>;
  workOrders: DataLoader<string, WorkOrder[]>;
  /** The offers each customer's lines took at the counter. */
  offers: DataLoader<string, CustomerOffer[]>;
  facts: DataLoader<string, ProfileFacts | null>;
  /** Customers' rows in the judgement snapshot, null for those it has not judged. */
  snapshotRows: DataLoader<string, SnapshotRow | null>;
}

/**
 * The snapshot rows this request has read, by customer (null: read, and not judged; an error: the read
 * failed): a judgementSnapshot asked of them resolves at once, without a promise per customer of a page.
 */
export type SnapshotRowsRead = Map<string, SnapshotRow | null | Error>;

export interface ProfileContext {
  hall: BusinessHallPort;
  /** The judgement snapshot, for lists filtered or ordered on judgements and for segments. */
  snapshot: SnapshotReader;
  scope: Scope;
  loaders: ProfileLoaders;
  snapshotRowsRead: SnapshotRowsRead;
}

/** A fresh context per request: loaders batch within one request and never share a cache across callers. */
export function profileContext(hall: BusinessHallPort, scope: Scope, snapshot: SnapshotReader): ProfileContext {
  const snapshotRowsRead: SnapshotRowsRead = new Map();
  return {
    snapshotRowsRead,
    hall,
    snapshot,
    scope,
    loaders: {
      customers: mapLoader((ids) => hall.getCustomers(ids), null),
      customerIdByServiceNo: mapLoader((nos) => hall.findCustomerIdsByServiceNumbers(nos), null),
      customerIdsByIdCard: listLoader((nos) => hall.findCustomerIdsByIdDocumentNumbers(nos)),
      subscriptions: mapLoader((nos) => hall.getSubscriptions(nos), null),
      subscriptionsByCustomer: listLoader((ids) => hall.getSubscriptionsByCustomer(ids)),
      contacts: listLoader((ids) => hall.getContacts(ids)),
      complaints: listLoader((ids) => hall.getComplaints(ids)),
      surveys: listLoader((ids) => hall.getSurveyAnswers(ids)),
      workOrders: listLoader((ids) => hall.getWorkOrders(ids)),
      offers: listLoader((ids) => hall.getCustomerOffers(ids)),
      facts: mapLoader((ids) => hall.getProfileFacts(ids), null),
      snapshotRows: snapshotRowLoader(snapshot, snapshotRowsRead),
    },
  };
}
