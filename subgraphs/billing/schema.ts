import { buildFederatedSubgraph, type FederatedSubgraph } from "../kit/federation.js";
import { AccountResolver, BillResolver, CustomerAccountsResolver } from "./account.resolver.js";
import { AccountServicesResolver, BillSettlementsResolver, CustomerStainsResolver } from "./account-services.resolver.js";
import { checkCustomer } from "../kit/scope.js";
import type { BillingContext } from "./context.js";
import { CreditLevelMutation } from "./credit-level.mutation.js";
import { AccountBillingFactsResolver, CustomerBillingFactsResolver } from "./facts.resolver.js";
import { BillingWriteResolver } from "./writes.mutation.js";
import { CustomerPaymentPlacesResolver } from "./payment-place.resolver.js";
import { Customer, toAccount } from "./types.js";
import { AccountFeesResolver, CustomerFeesResolver, ServiceUsageResolver } from "./usage.resolver.js";
import { BillItemOfferResolver, CustomerOfferEffectResolver, CustomerOffersInForceResolver, OfferResolver } from "./offers.resolver.js";
import { CustomerOfferRef, toOffer } from "./offers.types.js";
import { CustomerUsageFactsResolver } from "./usage-facts.resolver.js";

/**
 * The billing subgraph: accounts (their services, bills and write-offs, payments and dunning), each customer's
 * accounts and credit stains, and credit levels set by hand in billing's credit control.
 */
export function buildBillingSubgraph(): Promise<FederatedSubgraph> {
  return buildFederatedSubgraph({
    resolvers: [
      AccountResolver,
      BillResolver,
      CustomerAccountsResolver,
      AccountServicesResolver,
      BillSettlementsResolver,
      CustomerStainsResolver,
      CustomerBillingFactsResolver,
      AccountBillingFactsResolver,
      BillingWriteResolver,
      CreditLevelMutation,
      ServiceUsageResolver,
      AccountFeesResolver,
      CustomerFeesResolver,
      CustomerUsageFactsResolver,
      CustomerPaymentPlacesResolver,
      OfferResolver,
      CustomerOfferEffectResolver,
      BillItemOfferResolver,
      CustomerOffersInForceResolver,
    ],
    orphanedTypes: [Customer, CustomerOfferRef],
    references: {
      Account: {
        __resolveReference: async (ref: { accountNo: string }, ctx: BillingContext) => {
          const found = await ctx.loaders.accounts.load(ref.accountNo);
          if (found) await checkCustomer(ctx.scope, found.customerId, `account ${ref.accountNo}`);
          return found && toAccount(found, ctx.scope.pii);
        },
      },
      Customer: {
        __resolveReference: async (ref: { id: string }, ctx: BillingContext) => {
          await checkCustomer(ctx.scope, ref.id);
          return { id: ref.id };
        },
      },
      // The catalogue is no personal data: any caller may read an offer.
      Offer: {
        __resolveReference: async (ref: { code: string }, ctx: BillingContext) => {
          const found = await ctx.offers.byCode.load(ref.code);
          return found && toOffer(found);
        },
      },
      // A line's offer is its customer's: what it took off the bills is shown only to a caller who may see the customer.
      CustomerOffer: {
        __resolveReference: async (ref: { serviceNo: string; offerCode: string }, ctx: BillingContext) => {
          const service = await ctx.offers.services.load(ref.serviceNo);
          if (!service) return null;
          await checkCustomer(ctx.scope, service.customerId, `service number ${ref.serviceNo}`);
          return { serviceNo: ref.serviceNo, offerCode: ref.offerCode };
        },
      },
    },
  });
}
