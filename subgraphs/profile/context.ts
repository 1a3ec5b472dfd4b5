import type DataLoader from "dataloader";
import type { BusinessHallPort, Complaint, Contact, Customer, ProfileFacts, Subscription } from "../../adapters/business-hall/port.js";
import { listLoader, mapLoader } from "../kit/loaders.js";
import type { Scope } from "../kit/scope.js";

export interface ProfileLoaders {
  customers: DataLoader<string, Customer | null>;
  customerIdByServiceNo: DataLoader<string, string | null>;
  subscriptions: DataLoader<string, Subscription | null>;
  subscriptionsByCustomer: DataLoader<string, Subscription[]>;
  contacts: DataLoader<string, Contact[]>;
  complaints: DataLoader<string, Complaint[]>;
  facts: DataLoader<string, ProfileFacts | null>;
}

export interface ProfileContext {
  hall: BusinessHallPort;
  scope: Scope;
  loaders: ProfileLoaders;
}

/** A fresh context per request: loaders batch within one request and never share a cache across callers. */
export function profileContext(hall: BusinessHallPort, scope: Scope): ProfileContext {
  return {
    hall,
    scope,
    loaders: {
      customers: mapLoader((ids) => hall.getCustomers(ids), null),
      customerIdByServiceNo: mapLoader((nos) => hall.findCustomerIdsByServiceNumbers(nos), null),
      subscriptions: mapLoader((nos) => hall.getSubscriptions(nos), null),
      subscriptionsByCustomer: listLoader((ids) => hall.getSubscriptionsByCustomer(ids)),
      contacts: listLoader((ids) => hall.getContacts(ids)),
      complaints: listLoader((ids) => hall.getComplaints(ids)),
      facts: mapLoader((ids) => hall.getProfileFacts(ids), null),
    },
  };
}
