import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { CUSTOMER_ID, IDEMPOTENCY_KEY, MAX_CREDIT_REASON } from "../../adapters/billing/port.js";
import { badUserInput } from "../kit/errors.js";
import { writeThrough } from "../kit/write-errors.js";
import { checkFormat, checkIdempotencyKey, checkText } from "../kit/write-input.js";
import { checkWriteRole, checkWriteTarget } from "../kit/write-scope.js";
import type { BillingContext } from "./context.js";
import { SetCreditLevelInput, SetCreditLevelPayload } from "./credit-level.types.js";

@Resolver()
export class CreditLevelMutation {
  @Mutation(() => SetCreditLevelPayload, {
    nullable: true,
    description:
      "Sets a customer's credit level by hand in billing's credit control (信控), taking precedence over the computed one in Customer.credit (source MANUAL), or lifts it (level null). admin, and agent for the customers of its region; keyed by idempotencyKey; the caller's subject is recorded as who set it. Null, with the error at its path, when refused.",
  })
  async setCreditLevel(
    @Arg("input", () => SetCreditLevelInput, { description: "The customer, the level (null to lift), the list if not the level's own, the reason and the caller's idempotency key." })
    input: SetCreditLevelInput,
    @Ctx() ctx: BillingContext,
  ): Promise<SetCreditLevelPayload | null> {
    // Who may grade whom is the kit's table of writes (subgraphs/kit/write-scope.ts): admin, and agent for its region.
    checkWriteRole(ctx.scope, "setCreditLevel");
    const customerId = checkFormat("input.customerId", input.customerId, CUSTOMER_ID, "a customer id (12 digits)");
    if (input.level === undefined) throw badUserInput("input.level is required: the level to set, or null to lift the level set by hand");
    const list = input.list ?? null;
    if (input.level === null && list !== null) throw badUserInput("input.list must be absent when lifting the level set by hand (level null)");
    const reason = checkText("input.reason", input.reason, MAX_CREDIT_REASON);
    const idempotencyKey = checkIdempotencyKey("input.idempotencyKey", input.idempotencyKey, IDEMPOTENCY_KEY);
    await checkWriteTarget(ctx.scope, "setCreditLevel", { customerId, what: `customer ${customerId}` });
    const level = input.level;
    const written = await writeThrough("setCreditLevel", () => ctx.billing.setCreditGrade({ customerId, level, list, reason, setBy: ctx.scope.caller.subject, idempotencyKey }));
    const { customerId: owner, ...manualLevel } = written.record;
    return { manualLevel, customer: { id: owner }, replayed: written.replayed };
  }
}
