import { describe, expect, it } from "vitest";
import { captureLogs } from "../../../tests/support/logs.js";
import { withStaleNotes } from "../../stale.js";
import { AdapterError } from "../errors.js";
import { cachedPort, type BatchMethodOf } from "./cached-port.js";
import { memoryCacheStore } from "./memory-store.js";

interface Ticket {
  ticketNo: string;
  serviceNo: string;
  open: boolean;
}

/** A port as adapters are written: a class whose methods use `this`, counting its round trips. */
class FakeNetwork {
  roundTrips = 0;
  down = false;
  readonly tickets: Ticket[] = [{ ticketNo: "T1", serviceNo: "a", open: false }];

  async getTroubleTickets(serviceNos: readonly string[], query: { openOnly: boolean }): Promise<Map<string, Ticket[]>> {
    this.call();
    return new Map(serviceNos.map((no) => [no, this.tickets.filter((t) => t.serviceNo === no && (!query.openOnly || t.open))]));
  }

  async getLineStatuses(serviceNos: readonly string[]): Promise<Map<string, string>> {
    this.call();
    return new Map(serviceNos.filter((no) => no !== "unknown").map((no) => [no, "UP"]));
  }

  async listLines(request: { first: number }): Promise<string[]> {
    this.call();
    return ["a", "b"].slice(0, request.first);
  }

  async openTroubleTicket(request: { serviceNo: string }): Promise<Ticket> {
    this.call();
    const ticket = { ticketNo: `T${this.tickets.length + 1}`, serviceNo: request.serviceNo, open: true };
    this.tickets.push(ticket);
    return ticket;
  }

  health(): string {
    return this.down ? "OPEN" : "CLOSED";
  }

  private call(): void {
    this.roundTrips += 1;
    if (this.down) throw new AdapterError("SOURCE_UNAVAILABLE", "network", "connection refused");
  }
}

function setup(invalidations = true) {
  const clock = { time: 1_700_000_000_000 };
  const now = () => clock.time;
  const store = memoryCacheStore({ now });
  const raw = new FakeNetwork();
  const port = cachedPort(raw, ["getTroubleTickets", "getLineStatuses"], {
    system: "network",
    store,
    ttlMs: 10_000,
    staleMs: 120_000,
    now,
    invalidations: invalidations
      ? { openTroubleTicket: ({ result }) => [{ method: "getTroubleTickets", keys: [result.serviceNo] }] }
      : {},
  });
  return { clock, store, raw, port };
}


describe("cached port", () => {
  it("is typed by the port's own batch reads", () => {
    const methods: BatchMethodOf<FakeNetwork>[] = ["getTroubleTickets", "getLineStatuses"];
    // @ts-expect-error a paged read takes no keys and answers no map: it cannot be cached
    const paging: BatchMethodOf<FakeNetwork> = "listLines";
    // @ts-expect-error a write is no batch read
    const write: BatchMethodOf<FakeNetwork> = "openTroubleTicket";
    expect([methods.length, paging, write]).toEqual([2, "listLines", "openTroubleTicket"]);
  });

  it("reads the chosen batch methods through the cache, one round trip for the misses", async () => {
    const { raw, port } = setup();
    expect(await port.getLineStatuses(["a", "b", "unknown"])).toEqual(new Map([["a", "UP"], ["b", "UP"]]));
    expect(await port.getLineStatuses(["a", "b"])).toEqual(new Map([["a", "UP"], ["b", "UP"]]));
    expect(raw.roundTrips).toBe(1);
    await port.getLineStatuses(["a", "b", "c", "unknown"]);
    expect(raw.roundTrips).toBe(2);
  });

  it("keeps the entries of each set of further arguments apart", async () => {
    const { raw, port } = setup();
    raw.tickets.push({ ticketNo: "T2", serviceNo: "a", open: true });
    expect((await port.getTroubleTickets(["a"], { openOnly: true })).get("a")).toHaveLength(1);
    expect((await port.getTroubleTickets(["a"], { openOnly: false })).get("a")).toHaveLength(2);
    expect((await port.getTroubleTickets(["a"], { openOnly: true })).get("a")).toHaveLength(1);
    expect(raw.roundTrips).toBe(2);
  });

  it("passes every other method through to the port itself", async () => {
    const { raw, port } = setup();
    expect(await port.listLines({ first: 1 })).toEqual(["a"]);
    expect(await port.listLines({ first: 2 })).toEqual(["a", "b"]);
    expect(raw.roundTrips).toBe(2);
    raw.down = true;
    expect(port.health()).toBe("OPEN");
    expect(port.tickets).toBe(raw.tickets);
  });

  it("lets a write mark what it changed, in every variant, so the next read sees it", async () => {
    const { clock, raw, port } = setup();
    await port.getTroubleTickets(["a", "b"], { openOnly: true });
    await port.getTroubleTickets(["a", "b"], { openOnly: false });
    clock.time += 1;
    const ticket = await port.openTroubleTicket({ serviceNo: "a" });
    expect(ticket).toEqual({ ticketNo: "T2", serviceNo: "a", open: true });
    clock.time += 1;
    expect((await port.getTroubleTickets(["a", "b"], { openOnly: true })).get("a")).toEqual([ticket]);
    expect((await port.getTroubleTickets(["a", "b"], { openOnly: false })).get("a")).toHaveLength(2);
    // Two reads, a write, then "a" again in each variant; "b" stays cached.
    expect(raw.roundTrips).toBe(5);
  });

  it("without a rule for a write, leaves the cache as it is", async () => {
    const { clock, raw, port } = setup(false);
    await port.getTroubleTickets(["a"], { openOnly: true });
    await port.openTroubleTicket({ serviceNo: "a" });
    clock.time += 1;
    expect((await port.getTroubleTickets(["a"], { openOnly: true })).get("a")).toEqual([]);
    expect(raw.roundTrips).toBe(2);
  });

  it("answers a write that succeeded even when marking what it changed fails", async () => {
    const logs = captureLogs();
    const raw = new FakeNetwork();
    const port = cachedPort(raw, ["getTroubleTickets"], {
      system: "network",
      store: memoryCacheStore(),
      ttlMs: 10_000,
      staleMs: 0,
      invalidations: {
        openTroubleTicket: async () => {
          throw new AdapterError("SOURCE_UNAVAILABLE", "network", "lookup failed");
        },
      },
    });
    try {
      expect(await port.openTroubleTicket({ serviceNo: "a" })).toMatchObject({ ticketNo: "T2" });
    } finally {
      logs.restore();
    }
    expect(logs.lines()).toEqual([expect.objectContaining({ level: "warn", component: "adapters", msg: expect.stringMatching(/^cache: network openTroubleTicket succeeded but the records it changed could not be marked/) })]);
  });

  it("serves stale records, noted, while the system is down", async () => {
    const { clock, raw, port } = setup();
    await port.getLineStatuses(["a"]);
    clock.time += 70_000;
    raw.down = true;
    const run = withStaleNotes(() => port.getLineStatuses(["a"]));
    expect(await run.result).toEqual(new Map([["a", "UP"]]));
    expect(run.notes()).toEqual([{ source: "network", ageSeconds: 70 }]);
    await expect(port.listLines({ first: 1 })).rejects.toMatchObject({ code: "SOURCE_UNAVAILABLE" });
  });
});
