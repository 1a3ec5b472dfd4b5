import { GraphQLError } from "graphql";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { ADAPTER_ERROR_CODES, isAdapterError, type AdapterError } from "../../adapters/errors.js";
import { CUSTOMER_ID, IDEMPOTENCY_KEY, MAX_CREDIT_REASON } from "../../adapters/billing/port.js";
import { badUserInput } from "../kit/errors.js";
import { redact } from "../kit/redact.js";
import { forbidden, regionOfCustomer, type Scope } from "../kit/scope.js";
import { checkFormat, checkIdempotencyKey, checkText } from "../kit/write-input.js";
import type { BillingContext } from "./context.js";
import { SetCreditLevelInput, SetCreditLevelPayload } from "./credit-level.types.js";

/**
 * Who may set a credit level by hand (docs/security.md, "Writes"): admin for every customer, and an agent
 * for the customers of its region, as the local network's front and back office that already takes their
 * payments and dunning contacts. Not a key-account manager, who would be grading its own portfolio, nor the
 * read-only roles. The rule is this write's own: the kit's table of writes (subgraphs/kit/write-scope.ts)
 * does not list it yet.
 */
function mayGrade(scope: Scope): boolean {
  return scope.caller.roles.includes("admin") || scope.caller.roles.includes("agent");
}

function checkGradeTarget(scope: Scope, customerId: string): void {
  const { caller } = scope;
  if (caller.roles.includes("admin")) return;
  const prefix = caller.region === "HQ" ? "" : caller.region;
  if (caller.roles.includes("agent") && regionOfCustomer(customerId).startsWith(prefix)) return;
  throw forbidden(`customer ${customerId} is outside your scope for setCreditLevel`);
}

const RESEND = "send the same request with the same idempotencyKey again: it is written at most once";

/** The one text a consumer reads for each refusal by billing: fixed, in our own words; billing's own go to the log. */
const REFUSALS: Record<AdapterError["code"], string> = {
  BAD_USER_INPUT: "billing refused the credit level: customerId is not a customer billing knows; nothing was written",
  CONFLICT: "idempotencyKey was already used for a different credit level; nothing was written: use a new key for a new level, or resend the first request unchanged to get its result",
  SOURCE_UNAVAILABLE: `billing is unavailable and did not confirm the credit level; ${RESEND}`,
  SOURCE_TIMEOUT: `billing did not answer in time: the credit level may or may not have been written; ${RESEND}`,
  MALFORMED_RECORD: `billing answered with a record that cannot be read: the credit level may have been written; ${RESEND} to read it`,
  INTERNAL: "internal error",
};

function refusal(error: AdapterError): GraphQLError {
  console.error(redact(`setCreditLevel refused, ${error.code}: ${error.message}${error.record ? ` (${error.record})` : ""}`));
  const { publicCode } = ADAPTER_ERROR_CODES[error.code];
  const extensions = error.code === "INTERNAL" ? { code: publicCode } : { code: publicCode, source: error.source };
  return new GraphQLError(REFUSALS[error.code], { extensions });
}

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
    if (!mayGrade(ctx.scope)) throw forbidden("your role may not setCreditLevel");
    const customerId = checkFormat("input.customerId", input.customerId, CUSTOMER_ID, "a customer id (12 digits)");
    if (input.level === undefined) throw badUserInput("input.level is required: the level to set, or null to lift the level set by hand");
    const list = input.list ?? null;
    if (input.level === null && list !== null) throw badUserInput("input.list must be absent when lifting the level set by hand (level null)");
    const reason = checkText("input.reason", input.reason, MAX_CREDIT_REASON);
    const idempotencyKey = checkIdempotencyKey("input.idempotencyKey", input.idempotencyKey, IDEMPOTENCY_KEY);
    checkGradeTarget(ctx.scope, customerId);
    let written;
    try {
      written = await ctx.billing.setCreditGrade({ customerId, level: input.level, list, reason, setBy: ctx.scope.caller.subject, idempotencyKey });
    } catch (error) {
      throw isAdapterError(error) ? refusal(error) : error;
    }
    const { customerId: owner, ...manualLevel } = written.record;
    return { manualLevel, customer: { id: owner }, replayed: written.replayed };
  }
}
