import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { isAdapterError } from "../adapters/errors.js";
import type { BillingPort } from "../adapters/billing/port.js";
import { RoundTripCounter } from "../adapters/kit/round-trips.js";
import { buildBillingAdapters } from "../stack/billing-adapters.js";
import { endpointsOf, startSimulators, type Simulators } from "../stack/start-stack.js";
import { schemaNames } from "../sandbox/schema/names.js";
import { readmeQuery } from "./support/readme.js";

const sandbox = inject("sandbox");
let simulators: Simulators;
let adapters: ReturnType<typeof buildBillingAdapters>;
let counter: RoundTripCounter;
/** The customer the README's query asks about. */
const customerId = /customer\(id: "(\d{12})"\)/.exec(readmeQuery())?.[1] as string;

beforeAll(async () => {
  simulators = await startSimulators({
    databaseUrl: sandbox.databaseUrl,
    schemaPrefix: sandbox.schemaPrefix,
    host: "127.0.0.1",
    ports: { gateway: 0, profile: 0, billing: 0, network: 0, keyAccount: 0, insights: 0, hall: 0, networkSimulator: 0 },
    writeOffEveryMs: 0,
    modernBilling: true,
  });
  counter = new RoundTripCounter();
  adapters = buildBillingAdapters(endpointsOf(simulators, sandbox.databaseUrl), { schema: schemaNames(sandbox.schemaPrefix).billing, counter });
});

afterAll(async () => {
  await Promise.all([adapters?.sql.close(), adapters?.modern?.close()]);
  await simulators?.close();
});

describe("the stack with modern billing", () => {
  it("runs modern billing beside the legacy systems and builds a billing adapter over it", () => {
    expect(simulators.modernBilling?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(endpointsOf(simulators, sandbox.databaseUrl).modernBillingUrl).toBe(simulators.modernBilling?.url);
    expect(adapters.modern).toBeDefined();
  });

  it("serves the README's customer's services and offers from modern billing as from legacy billing", async () => {
    expect(customerId).toMatch(/^\d{12}$/);
    const modern = adapters.modern as BillingPort;
    counter.reset();
    const [services, legacyServices] = await Promise.all([modern.getServicesByCustomer([customerId]), adapters.sql.getServicesByCustomer([customerId])]);
    expect(counter.get("billing")).toBe(2);
    expect(services).toEqual(legacyServices);
    expect((services.get(customerId) as unknown[]).length).toBeGreaterThan(0);
    const on = sandbox.asOf;
    expect(await modern.getOffersInForce([customerId], on)).toEqual(await adapters.sql.getOffersInForce([customerId], on));
  });

  it("costs only modern billing's adapter when modern billing is down", async () => {
    simulators.modernBilling?.faults.set({ down: true });
    try {
      const modern = adapters.modern as BillingPort;
      const error = await modern.getAccountsByCustomer([customerId]).then(
        () => null,
        (reason: unknown) => reason,
      );
      expect(isAdapterError(error) && error.code === "SOURCE_UNAVAILABLE" && error.source === "billing").toBe(true);
      expect((await adapters.sql.getAccountsByCustomer([customerId])).get(customerId)).not.toHaveLength(0);
    } finally {
      simulators.modernBilling?.faults.clear();
    }
  });
});
