import { z } from "zod";
import { code } from "../kit/values.js";
import type { PaymentChannel, PaymentPlace, PaymentPlaceKind } from "./port.js";

/** COLLECT_SITE.SITE_TYPE (sandbox/schema/billing.ts), the only meanings we accept. */
export const SITE_TYPE: Record<string, PaymentPlaceKind> = { H: "BUSINESS_HALL", A: "AGENT_POINT", B: "BANK_BRANCH" };

/** The kinds of collection point each channel takes money at: none for web payments and prepaid deductions. */
export const PLACE_KINDS: Readonly<Record<PaymentChannel, readonly PaymentPlaceKind[]>> = {
  HALL: ["BUSINESS_HALL", "AGENT_POINT"],
  BANK: ["BANK_BRANCH"],
  WEB: [],
  PREPAID_DEDUCTION: [],
};

/** A collection point's code as a caller may give it: billing's SITE_ID is at most 10 capitals and digits. */
export const PAYMENT_PLACE_CODE = /^[0-9A-Z]{1,10}$/;

/** The SQL of a payment's place: its SITE_ID and the point it names (all null when PAYMENT.SITE_ID names none). */
export function placeSelect(payment: string, site: string): string {
  return `${payment}."SITE_ID", ${site}."SITE_ID" AS "SITE_FOUND", ${site}."LATN_ID" AS "SITE_LATN_ID", ${site}."SITE_TYPE", ${site}."SITE_NAME", ${site}."BANK_ID" AS "SITE_BANK_ID"`;
}

const text = z.string().nullable();

/** The place columns placeSelect reads, checked by placeOf with the payment's channel. */
export const placeColumns = {
  SITE_ID: text,
  SITE_FOUND: text,
  SITE_LATN_ID: text,
  SITE_TYPE: code(SITE_TYPE).nullable(),
  SITE_NAME: text,
  SITE_BANK_ID: text,
};

type PlaceColumns = z.output<z.ZodObject<typeof placeColumns>>;

/**
 * The place a payment names, checked against its channel: a payment names a point of the code table or none,
 * and one of a kind its channel takes money at (PLACE_KINDS). Anything else is an issue on the row, never a guess.
 */
export function placeOf(row: PlaceColumns, channel: PaymentChannel, ctx: z.RefinementCtx): PaymentPlace | null {
  if (row.SITE_ID === null) return null;
  const kind = row.SITE_TYPE;
  if (row.SITE_FOUND === null || kind === null) {
    ctx.addIssue({ code: "custom", path: ["SITE_ID"], message: `dangling reference: no COLLECT_SITE row ${JSON.stringify(row.SITE_ID)}` });
    return null;
  }
  if (!PLACE_KINDS[channel].includes(kind)) {
    ctx.addIssue({ code: "custom", path: ["SITE_ID"], message: `a point of kind ${kind} for a payment by channel ${channel}` });
  }
  const name = row.SITE_NAME?.trim() ?? "";
  const localNetwork = row.SITE_LATN_ID?.trim() ?? "";
  if (name === "") ctx.addIssue({ code: "custom", path: ["SITE_NAME"], message: "must not be blank" });
  if (!/^\d{4}$/.test(localNetwork)) ctx.addIssue({ code: "custom", path: ["SITE_LATN_ID"], message: `${JSON.stringify(row.SITE_LATN_ID)} is not a local network (4 digits)` });
  const bank = row.SITE_BANK_ID?.trim() ?? "";
  if ((kind === "BANK_BRANCH") !== (bank !== "")) ctx.addIssue({ code: "custom", path: ["SITE_BANK_ID"], message: `a point of kind ${kind} ${bank === "" ? "without" : "with"} a bank` });
  return { code: row.SITE_FOUND.trim(), name, kind, localNetwork, bankId: bank === "" ? null : bank };
}
