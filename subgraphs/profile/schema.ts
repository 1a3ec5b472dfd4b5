import { buildFederatedSubgraph, type FederatedSubgraph } from "../kit/federation.js";
import { ComplaintWriteResolver } from "./complaint.mutation.js";
import { checkCustomer } from "../kit/scope.js";
import type { ProfileContext } from "./context.js";
import { CustomerResolver } from "./customer.resolver.js";
import { CustomerListResolver } from "./customers.resolver.js";
import { JudgementSnapshotResolver } from "./judgement-snapshot.resolver.js";
import { SegmentResolver } from "./segments.resolver.js";
import { CustomerByIdCardResolver } from "./id-card.resolver.js";
import { SubscriptionResolver } from "./subscription.resolver.js";
import { CustomerHallTouchesResolver } from "./touches.resolver.js";
import { ChurnSummaryResolver } from "./churn-summary.resolver.js";
import { CustomerChurnRecordsResolver } from "./customer-churn.resolver.js";
import { LevelHistoryResolver } from "./level-history.resolver.js";
import { SurveyWriteResolver } from "./survey.mutation.js";
import { CustomerOfferResolver, CustomerOffersResolver, resolveCustomerOffer } from "./offers.resolver.js";
import { toCustomer, toSubscription } from "./types.js";

/** The profile subgraph: customers and subscriptions as the business hall knows them. */
export function buildProfileSubgraph(): Promise<FederatedSubgraph> {
  return buildFederatedSubgraph({
    resolvers: [CustomerResolver, CustomerListResolver, SegmentResolver, JudgementSnapshotResolver, CustomerByIdCardResolver, SubscriptionResolver, ComplaintWriteResolver, CustomerHallTouchesResolver,
      CustomerChurnRecordsResolver, ChurnSummaryResolver, LevelHistoryResolver, SurveyWriteResolver,
      CustomerOffersResolver, CustomerOfferResolver],
    references: {
      Customer: {
        __resolveReference: async (ref: { id: string }, ctx: ProfileContext) => {
          await checkCustomer(ctx.scope, ref.id);
          const found = await ctx.loaders.customers.load(ref.id);
          return found && toCustomer(found, ctx.scope.pii);
        },
      },
      CustomerOffer: { __resolveReference: resolveCustomerOffer },
      ServiceSubscription: {
        __resolveReference: async (ref: { serviceNo: string }, ctx: ProfileContext) => {
          const found = await ctx.loaders.subscriptions.load(ref.serviceNo);
          if (found) await checkCustomer(ctx.scope, found.customerId, `service number ${ref.serviceNo}`);
          return found && toSubscription(found);
        },
      },
    },
  });
}
