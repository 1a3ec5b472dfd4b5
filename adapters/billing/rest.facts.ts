import { z } from "zod";
import { AdapterError } from "../kit/errors.js";
import { byKey } from "../kit/group.js";
import { parseRecord, rawField, readWhole, type OrMalformed } from "../kit/parse.js";
import { checkAsOf } from "../kit/values.js";
import { checkAccountNos, checkCustomerIds } from "./ids.js";
import type { AccountBillingFacts, AccountNo, BillingFacts, CustomerId, FactsQuery, ServiceNo } from "./port.js";
import { accountRecord, billRecord, billSettlementRecord, creditGradeRecord, dunningRecord, serviceRecord, suspensionRecord } from "./rest.records.js";
import type { BillingRestSource } from "./rest.source.js";

type Raw = Record<string, unknown>;

const list = z.array(z.record(z.string(), z.unknown()));
const factsEnvelope = z.object({ accounts: list, bills: list, services: list, suspensions: list, dunning: list, creditGrades: list.optional() });
/** The services a bill's items charge; a null is an item of a service the store does not hold. */
const billServices = z.array(z.string().nullable());

const named = (what: string, field: string) => (raw: Raw) => `${what} ${String(raw[field] ?? "?")}`;
const read = <T>(schema: z.ZodType<T>, raws: Raw[], name: (raw: Raw) => string): T[] => raws.map((raw) => parseRecord(schema, raw, "billing", name(raw)));

/** One key's facts as the service computed them, every record checked as the SQL adapter checks the legacy rows (facts.ts). */
function factsOf(raw: Raw, name: string): BillingFacts {
  const facts = parseRecord(factsEnvelope, raw, "billing", name);
  const accounts = read(accountRecord, facts.accounts, named("account", "accountNo"));
  const bills = facts.bills.map((b) => {
    const record = `bill ${String(b.billNo ?? "?")}`;
    const bill = parseRecord(billRecord, b, "billing", record);
    const serviceNos = parseRecord(billServices, b.serviceNos, "billing", record);
    if (serviceNos.includes(null)) throw new AdapterError("MALFORMED_RECORD", "billing", `malformed record ${record}: items: dangling reference: no service`, record);
    const settlements = read(billSettlementRecord, parseRecord(list, b.settlements, "billing", record), named("settlement", "settlementId"));
    const settled = settlements.reduce((sum, w) => sum + w.amountFen, 0);
    // Settled beyond what the bill has been paid: one of the two records is wrong.
    if (settled > bill.paidFen) {
      throw new AdapterError("MALFORMED_RECORD", "billing", `malformed record ${record}: settlements of ${settled} fen exceed the ${bill.paidFen} fen paid on it`, record);
    }
    return { ...bill, settlements, serviceNos: serviceNos as ServiceNo[] };
  });
  const services = read(serviceRecord, facts.services, named("service", "serviceNo"));
  return {
    accounts: accounts.map(({ accountNo, paymentMethod, creditLimitFen, balanceFen, status }) => ({ accountNo, paymentMethod, creditLimitFen, balanceFen, status })),
    bills,
    services: services.map(({ serviceNo, product, status, barring, startedOn }) => ({ serviceNo, product, status, barring, startedOn })),
    suspensions: read(suspensionRecord, facts.suspensions, named("suspension", "suspensionId")),
    dunning: read(dunningRecord, facts.dunning, named("dunning action", "dunningId")),
    manualCredit: read(creditGradeRecord, facts.creditGrades ?? [], named("credit grade", "gradeId")),
  };
}

/** The billing facts through modern billing's service, which computes them in one request per batch. */
export class RestFacts {
  constructor(private readonly source: BillingRestSource) {}

  async getBillingFacts(customerIds: readonly CustomerId[], query: FactsQuery = {}): Promise<Map<CustomerId, OrMalformed<BillingFacts>>> {
    const ids = checkCustomerIds(customerIds);
    const asOf = checkAsOf(query.asOf, "billing");
    if (ids.length === 0) return new Map();
    const rows = await this.source.allPages("/v1/customers:billingFacts", { customerIds: ids, ...(asOf === undefined ? {} : { asOf }) });
    return byKey(ids, rows.map((raw) => [rawField(raw, "customerId"), readWhole(() => factsOf(raw, `billing facts of ${String(raw.customerId)}`))] as const));
  }

  async getAccountFacts(accountNos: readonly AccountNo[], query: FactsQuery = {}): Promise<Map<AccountNo, OrMalformed<AccountBillingFacts>>> {
    const ids = checkAccountNos(accountNos);
    const asOf = checkAsOf(query.asOf, "billing");
    if (ids.length === 0) return new Map();
    const rows = await this.source.allPages("/v1/accounts:billingFacts", { accountNos: ids, ...(asOf === undefined ? {} : { asOf }) });
    return byKey(
      ids,
      rows.map((raw) => [
        rawField(raw, "accountNo"),
        readWhole((): AccountBillingFacts => {
          const facts = factsOf(raw, `billing facts of ${String(raw.accountNo)}`);
          const [account] = read(accountRecord, (raw.accounts as Raw[] | undefined) ?? [], named("account", "accountNo"));
          if (account === undefined) throw new AdapterError("INTERNAL", "billing", `account ${String(raw.accountNo)} has no account record in its own facts`);
          return { accountNo: account.accountNo, customerId: account.customerId, ...facts };
        }),
      ] as const),
    );
  }
}
