import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { ApiError, isoDate, keys, MAX_BATCH_KEYS, page, paging, parse, readJson, send } from "./api.js";
import { computedReads, offerSearch } from "./computed-routes.js";
import type { ModernBillingStore, WriteOutcome } from "./store.js";

type Row = Record<string, unknown>;

const bodies = {
  accountNos: z.strictObject({ accountNos: keys, ...paging }),
  customerIds: z.strictObject({ customerIds: keys, ...paging }),
  serviceNos: z.strictObject({ serviceNos: keys, ...paging }),
  billNos: z.strictObject({ billNos: z.array(z.string().regex(/^\d{1,18}$/)).min(1).max(MAX_BATCH_KEYS), ...paging }),
  bills: z.strictObject({
    accountNos: keys,
    unpaidOnly: z.boolean().optional(),
    lastMonths: z.number().int().min(1).max(1_200).optional(),
    asOf: isoDate.optional(),
    ...paging,
  }),
  payments: z.strictObject({ accountNos: keys, since: isoDate.optional(), ...paging }),
  suspensions: z.union([z.strictObject({ serviceNos: keys, ...paging }), z.strictObject({ customerIds: keys, ...paging })]),
  newPayment: z.strictObject({
    accountNo: z.string().min(1).max(32),
    amountFen: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    channel: z.enum(["HALL", "BANK", "WEB", "PREPAID_DEDUCTION"]),
    placeCode: z.string().min(1).max(10).nullable(),
  }),
  newDunning: z.strictObject({
    accountNo: z.string().min(1).max(32),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    method: z.enum(["AUTOMATIC", "MANUAL"]),
    result: z.enum(["REACHED", "FAILED"]),
  }),
  newGrade: z.strictObject({
    customerId: z.string().min(1).max(32),
    level: z.enum(["VERY_HIGH", "HIGH", "MEDIUM", "LOW", "VERY_LOW"]).nullable(),
    list: z.enum(["RED", "GREY", "BLACK"]).nullable(),
    reason: z.string().min(1).max(200),
    setBy: z.string().min(1).max(200),
  }),
};

/** The kinds of collection point each channel takes money at. */
const PLACE_KINDS: Record<string, string[]> = { HALL: ["BUSINESS_HALL", "AGENT_POINT"], BANK: ["BANK_BRANCH"], WEB: [], PREPAID_DEDUCTION: [] };

export interface ModernBillingRouteOptions {
  /** Today as an ISO date in the carrier's zone, stamped on the records written. */
  today: () => string;
}

/**
 * The REST surface of modern billing: JSON in and out, POST for batch reads (ids in the body), lists in pages
 * (`pageSize`, `pageToken` → `nextPageToken`), writes keyed by an `Idempotency-Key` header, errors as
 * `{ error: { code, message } }`.
 */
export function modernBillingRoutes(store: ModernBillingStore, options: ModernBillingRouteOptions) {
  const reads: Record<string, (body: unknown) => Promise<Row[]>> = {
    "/v1/accounts:batchGet": (b) => store.accounts(parse(bodies.accountNos, b).accountNos),
    "/v1/accounts:search": (b) => store.accountsOfCustomers(parse(bodies.customerIds, b).customerIds),
    "/v1/bills:search": (b) => {
      const q = parse(bodies.bills, b);
      return store.bills(q.accountNos, { unpaidOnly: q.unpaidOnly ?? false, lastMonths: q.lastMonths ?? null, asOf: q.asOf ?? null });
    },
    "/v1/bill-items:search": (b) => store.billItems(parse(bodies.billNos, b).billNos),
    "/v1/payments:search": (b) => {
      const q = parse(bodies.payments, b);
      return store.payments(q.accountNos, q.since ?? null);
    },
    "/v1/dunning-actions:search": (b) => store.dunning(parse(bodies.accountNos, b).accountNos),
    "/v1/services:batchGet": (b) => store.services(parse(bodies.serviceNos, b).serviceNos),
    "/v1/services:search": (b) => store.servicesOfCustomers(parse(bodies.customerIds, b).customerIds),
    "/v1/account-services:search": (b) => store.accountServices(parse(bodies.accountNos, b).accountNos),
    "/v1/suspensions:search": (b) => {
      const q = parse(bodies.suspensions, b);
      return "serviceNos" in q ? store.suspensions(q.serviceNos) : store.suspensionsOfCustomers(q.customerIds);
    },
    "/v1/settlements:search": (b) => store.settlements(parse(bodies.billNos, b).billNos),
    "/v1/credit-grades:search": (b) => store.creditGrades(parse(bodies.customerIds, b).customerIds),
    ...computedReads(store),
  };
  const writes: Record<string, (body: unknown, key: string) => Promise<WriteOutcome>> = {
    "/v1/payments": (b, key) => {
      const p = parse(bodies.newPayment, b);
      return store.recordPayment({ ...p, placeKinds: PLACE_KINDS[p.channel] ?? [], on: options.today(), idempotencyKey: key });
    },
    "/v1/dunning-actions": (b, key) => store.recordDunning({ ...parse(bodies.newDunning, b), on: options.today(), idempotencyKey: key }),
    "/v1/credit-grades": (b, key) => store.setCreditGrade({ ...parse(bodies.newGrade, b), on: options.today(), idempotencyKey: key }),
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const path = new URL(req.url ?? "/", "http://billing.local").pathname;
      const read = reads[path];
      const write = writes[path];
      if (read === undefined && write === undefined && path !== "/v1/offers:search") throw new ApiError(404, "NOT_FOUND", `no such path ${path}`);
      if (req.method !== "POST") throw new ApiError(405, "METHOD_NOT_ALLOWED", `${path} takes POST`);
      const body = await readJson(req);
      if (path === "/v1/offers:search") return send(res, 200, await offerSearch(store, body));
      if (read !== undefined) return send(res, 200, page(await read(body), body));
      const key = req.headers["idempotency-key"];
      if (typeof key !== "string" || !/^[A-Za-z0-9_:.-]{8,64}$/.test(key)) {
        throw new ApiError(400, "INVALID_ARGUMENT", "header Idempotency-Key is required (8-64 letters, digits, _ : . -)");
      }
      const outcome = await write!(body, key);
      if (outcome.outcome === "refused") throw new ApiError(outcome.status, outcome.status === 404 ? "NOT_FOUND" : "FAILED_PRECONDITION", outcome.message);
      return send(res, outcome.outcome === "created" ? 201 : 200, { record: outcome.record, replayed: outcome.outcome === "replayed" });
    } catch (error) {
      if (error instanceof ApiError) return send(res, error.status, { error: { code: error.code, message: error.message } });
      return send(res, 500, { error: { code: "INTERNAL", message: "internal error" } });
    }
  };
}

