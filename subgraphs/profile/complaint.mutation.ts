import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { CUSTOMER_ID, IDEMPOTENCY_KEY, SERVICE_NO } from "../../adapters/business-hall/port.js";
import { writeThrough } from "../kit/write-errors.js";
import { checkFormat, checkIdempotencyKey, checkText } from "../kit/write-input.js";
import { checkWriteRole, checkWriteTarget } from "../kit/write-scope.js";
import type { ProfileContext } from "./context.js";
import { MAX_CONTENT, RecordComplaintInput, RecordComplaintPayload } from "./write-types.js";

@Resolver()
export class ComplaintWriteResolver {
  @Mutation(() => RecordComplaintPayload, {
    nullable: true,
    description:
      "Files a customer's complaint with the business hall. agent (a customer of its region), ka-manager (a customer of its portfolio) and admin; keyed by idempotencyKey. Null, with the error at its path, when refused.",
  })
  async recordComplaint(
    @Arg("input", () => RecordComplaintInput, { description: "The complaint: customer, optional line, type, what was said and the caller's idempotency key." })
    input: RecordComplaintInput,
    @Ctx() ctx: ProfileContext,
  ): Promise<RecordComplaintPayload | null> {
    checkWriteRole(ctx.scope, "recordComplaint");
    const customerId = checkFormat("input.customerId", input.customerId, CUSTOMER_ID, "a customer number (12 digits)");
    const serviceNo = input.serviceNo == null ? null : checkFormat("input.serviceNo", input.serviceNo, SERVICE_NO, "a service number");
    const content = checkText("input.content", input.content, MAX_CONTENT);
    const idempotencyKey = checkIdempotencyKey("input.idempotencyKey", input.idempotencyKey, IDEMPOTENCY_KEY);
    // The customer is the argument itself; the hall refuses one it does not know, or a line that is not theirs.
    await checkWriteTarget(ctx.scope, "recordComplaint", { customerId, what: `customer ${customerId}` });
    const { record, replayed } = await writeThrough("recordComplaint", () =>
      ctx.hall.recordComplaint({ customerId, serviceNo, type: input.type, content, idempotencyKey }),
    );
    return { complaint: record, customerId: record.customerId, replayed };
  }
}
