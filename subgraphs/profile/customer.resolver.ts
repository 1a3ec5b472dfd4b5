import { Arg, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { ProfileFacts } from "../../adapters/business-hall/port.js";
import { JSONObject } from "../kit/scalars.js";
import { badUserInput } from "../kit/errors.js";
import { afterArg, firstArg, pageOf } from "../kit/paging.js";
import { checkCustomer } from "../kit/scope.js";
import { CUSTOMER_ID, SERVICE_NO } from "../../adapters/business-hall/port.js";
import type { ProfileContext } from "./context.js";
import { Complaint, Contact, Customer, Subscription, toContact, toCustomer, toSubscription } from "./types.js";

const CONTACTS = { defaultFirst: 20, max: 100 };
const COMPLAINTS = { defaultFirst: 20, max: 100 };

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => Customer, { nullable: true, description: "A customer by the business hall's customer number; null when unknown." })
  async customer(@Arg("id", () => ID, { description: "The business hall's customer number (CustNo), 12 digits: the local network's 4, then 8." }) id: string, @Ctx() ctx: ProfileContext): Promise<Customer | null> {
    if (!CUSTOMER_ID.test(id)) throw badUserInput(`"${id.slice(0, 40)}" is not a customer id (12 digits)`);
    await checkCustomer(ctx.scope, id);
    const found = await ctx.loaders.customers.load(id);
    return found && toCustomer(found, ctx.scope.pii);
  }

  @Query(() => Customer, { nullable: true, description: "The customer holding a service number (phone, broadband, leased line)." })
  async customerByServiceNumber(@Arg("serviceNo", () => String, { description: "The service (access) number, as the business hall writes it (ServNo)." }) serviceNo: string, @Ctx() ctx: ProfileContext): Promise<Customer | null> {
    if (!SERVICE_NO.test(serviceNo)) throw badUserInput(`"${serviceNo.slice(0, 40)}" is not a service number`);
    const id = await ctx.loaders.customerIdByServiceNo.load(serviceNo);
    if (id === null) return null;
    await checkCustomer(ctx.scope, id, `service number ${serviceNo}`);
    const found = await ctx.loaders.customers.load(id);
    return found && toCustomer(found, ctx.scope.pii);
  }

  @FieldResolver(() => [Subscription], { description: "The customer's services (用户), from the business hall (QueryUserList), in its order." })
  async subscriptions(@Root() customer: Customer, @Ctx() ctx: ProfileContext): Promise<Subscription[]> {
    return (await ctx.loaders.subscriptionsByCustomer.load(customer.id)).map(toSubscription);
  }

  @FieldResolver(() => [Contact], { description: "A page of the customer's contact people, in the hall's order." })
  async contacts(
    @Root() customer: Customer,
    @Arg("first", () => Int, firstArg(CONTACTS)) first: number,
    @Arg("after", () => String, afterArg("contactId")) after: string | null | undefined,
    @Ctx() ctx: ProfileContext,
  ): Promise<Contact[]> {
    const contacts = (await ctx.loaders.contacts.load(customer.id)).map((c) => toContact(c, ctx.scope.pii));
    return pageOf(contacts, (c) => c.contactId, first, after, CONTACTS, "contacts");
  }

  @FieldResolver(() => [Complaint], { description: "A page of the customer's complaints, in the hall's order." })
  async complaints(
    @Root() customer: Customer,
    @Arg("first", () => Int, firstArg(COMPLAINTS)) first: number,
    @Arg("after", () => String, afterArg("complaintNo")) after: string | null | undefined,
    @Ctx() ctx: ProfileContext,
  ): Promise<Complaint[]> {
    return pageOf(await ctx.loaders.complaints.load(customer.id), (c) => c.complaintNo, first, after, COMPLAINTS, "complaints");
  }

  /** Plumbing for the insights subgraph (@requires); hidden from consumers by @inaccessible. */
  @FieldResolver(() => JSONObject, { nullable: true })
  @Directive("@inaccessible")
  async profileFacts(@Root() customer: Customer, @Ctx() ctx: ProfileContext): Promise<ProfileFacts | null> {
    return ctx.loaders.facts.load(customer.id);
  }
}
