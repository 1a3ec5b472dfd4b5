import { GraphQLError } from "graphql";
import { ADAPTER_ERROR_CODES, isAdapterError, type AdapterError, type AdapterErrorCode } from "../../adapters/errors.js";
import { subgraphLog } from "./telemetry.js";
import type { WriteName } from "./write-scope.js";

/** Each write: what it makes, who owns it, and the arguments the owning system may find wrong (checked there, not here). */
const WRITE_WORDS: Readonly<Record<WriteName, { record: string; owner: string; refusedInput: string }>> = {
  recordComplaint: {
    record: "complaint",
    owner: "the business hall",
    refusedInput: "customerId is not a customer it knows, or serviceNo is not one of that customer's lines",
  },
  openTroubleTicket: { record: "trouble ticket", owner: "network management", refusedInput: "serviceNo is not a line it manages" },
  recordPayment: {
    record: "payment",
    owner: "billing",
    refusedInput: "accountNo is not an account it knows, or placeCode is not one of its collection points in the account's local network of a kind that takes money by that channel",
  },
  recordDunningContact: {
    record: "dunning contact",
    owner: "billing",
    refusedInput: "accountNo is not an account it knows, or it owes nothing for that month",
  },
  recordSurvey: { record: "survey", owner: "the business hall", refusedInput: "customerId is not a customer it knows, or an answer is not 0-100" },
  setCreditLevel: { record: "credit level", owner: "billing", refusedInput: "customerId is not a customer billing knows" },
  recordVisit: {
    record: "visit",
    owner: "the key-account system",
    refusedInput: "keyAccountId or its manager is not one it knows, or date is after today",
  },
};

/**
 * The one text a consumer reads for each refusal of each write: fixed, in our own words, naming the
 * argument or the situation. Never the owning system's wording, which may name another record (billing's
 * CONFLICT names the payment, amount and account a reused key was first used for).
 */
export function writeRefusalMessage(write: WriteName, code: AdapterErrorCode): string {
  const { record, owner, refusedInput } = WRITE_WORDS[write];
  const resend = "send the same request with the same idempotencyKey again: it is written at most once";
  switch (code) {
    case "BAD_USER_INPUT":
      return `${owner} refused the ${record}: ${refusedInput}; nothing was written`;
    case "CONFLICT":
      return `idempotencyKey was already used for a different ${record}; nothing was written: use a new key for a new ${record}, or resend the first request unchanged to get its result`;
    case "SOURCE_UNAVAILABLE":
      return `${owner} is unavailable and did not confirm the ${record}; ${resend}`;
    case "SOURCE_TIMEOUT":
      return `${owner} did not answer in time: the ${record} may or may not have been written; ${resend}`;
    case "MALFORMED_RECORD":
      return `${owner} answered with a record that cannot be read: the ${record} may have been written; ${resend} to read it`;
    case "INTERNAL":
      return "internal error";
  }
}

/** The consumer's error for a write the owning system refused; the system's own words go to the log only. */
export function writeRefusal(write: WriteName, error: AdapterError): GraphQLError {
  subgraphLog.error({ code: error.code, source: error.source }, `${write} refused, ${error.code}: ${error.message}${error.record ? ` (${error.record})` : ""}`);
  const { publicCode } = ADAPTER_ERROR_CODES[error.code];
  const extensions = error.code === "INTERNAL" ? { code: publicCode } : { code: publicCode, source: error.source };
  return new GraphQLError(writeRefusalMessage(write, error.code), { extensions });
}

/** Runs a write through its port; a refusal becomes its fixed public error, anything else (a bug) goes on as it is. */
export async function writeThrough<T>(write: WriteName, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw isAdapterError(error) ? writeRefusal(write, error) : error;
  }
}
