import { readFile } from "node:fs/promises";
import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { EXPORT_QUERY, HEADER, streamRows, type ExportPage } from "./export.js";

const node = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `客户${id.slice(-2)}`,
  kind: "RESIDENTIAL",
  region: { code: "3201", name: "南京" },
  phone: "139****1234",
  judgementSnapshot: {
    asOf: "2026-11-15",
    valueTier: "HIGH",
    arpuFen: 12_000,
    creditScore: 88.5,
    creditLevel: "HIGH",
    creditList: "RED",
    arrearsFen: 0,
    dunningStage: "NONE",
    churnRiskLevel: "LOW",
  },
  ...extra,
});

function page(ids: string[], next: string | null, errors: ExportPage["errors"] = []): ExportPage {
  return { status: 200, edges: ids.map((id) => ({ node: node(id) })), pageInfo: { hasNextPage: next !== null, endCursor: next }, errors };
}

async function collect(first: ExportPage, rest: Record<string, ExportPage>) {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  const outcome = await streamRows(out, first, async (after) => rest[after as string] as ExportPage);
  return { outcome, lines: chunks.join("").split("\r\n").filter(Boolean) };
}

describe("the customer export's rows", () => {
  it("names its columns in plain words and is the operation registered in docs/queries", async () => {
    expect(HEADER).toBe(
      "customer number,name,kind,region code,region,phone,value tier,ARPU (fen),credit score,credit level,credit list,arrears (fen),dunning stage,churn risk,judged as of\r\n",
    );
    expect(await readFile(new URL("../docs/queries/customers-export.graphql", import.meta.url), "utf8")).toBe(EXPORT_QUERY);
  });

  it("writes every page's customers in order, one row each, values as the graph gave them", async () => {
    const { outcome, lines } = await collect(page(["320100000001", "320100000002"], "c1"), { c1: page(["320100000003"], null) });
    expect(outcome).toEqual({ rows: 3, incomplete: null });
    expect(lines).toEqual([
      "320100000001,客户01,RESIDENTIAL,3201,南京,139****1234,HIGH,12000,88.5,HIGH,RED,0,NONE,LOW,2026-11-15",
      "320100000002,客户02,RESIDENTIAL,3201,南京,139****1234,HIGH,12000,88.5,HIGH,RED,0,NONE,LOW,2026-11-15",
      "320100000003,客户03,RESIDENTIAL,3201,南京,139****1234,HIGH,12000,88.5,HIGH,RED,0,NONE,LOW,2026-11-15",
    ]);
  });

  it("leaves values a source could not give empty, and says at the end which source", async () => {
    const path = ["customers", "edges", 0, "node", "judgementSnapshot"];
    const partial: ExportPage = {
      ...page([], null, [{ message: "the judgement snapshot is unavailable", path, extensions: { code: "SOURCE_UNAVAILABLE", source: "snapshot" } }]),
      edges: [{ node: node("320100000001", { judgementSnapshot: null }) }, { node: node("320100000002", { name: null }) }],
    };
    const { outcome, lines } = await collect(partial, {});
    expect(lines[0]).toBe("320100000001,客户01,RESIDENTIAL,3201,南京,139****1234,,,,,,,,,");
    expect(lines[1]).toBe("320100000002,,RESIDENTIAL,3201,南京,139****1234,HIGH,12000,88.5,HIGH,RED,0,NONE,LOW,2026-11-15");
    expect(lines.at(-1)).toBe("# export incomplete: some values could not be read (snapshot) and are empty");
    expect(outcome.incomplete).toMatch(/snapshot/);
  });

  it("ends the file with a line saying it is incomplete when a later page fails", async () => {
    const failed: ExportPage = { status: 429, edges: null, pageInfo: null, errors: [{ message: "too many requests: try again in 12 s", extensions: { code: "RATE_LIMITED" } }] };
    const { outcome, lines } = await collect(page(["320100000001"], "c1"), { c1: failed });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe("# export incomplete after 1 customers: too many requests: try again in 12 s");
    expect(outcome).toEqual({ rows: 1, incomplete: "export incomplete after 1 customers: too many requests: try again in 12 s" });
  });

  it("asks for the next page only once the reader has taken the previous one (backpressure)", async () => {
    let taken = 0;
    const release: (() => void)[] = [];
    const reader = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, done) {
        release.push(() => {
          taken += 1;
          done();
        });
      },
    });
    const pages: Record<string, ExportPage> = { c1: page(["320100000002"], "c2"), c2: page(["320100000003"], null) };
    const askedWhen: number[] = [];
    const streaming = streamRows(reader, page(["320100000001"], "c1"), async (after) => {
      askedWhen.push(taken);
      return pages[after as string] as ExportPage;
    });
    for (let chunk = 0; chunk < 3; chunk++) {
      // However long the reader dawdles, no further page is asked for while it holds a chunk.
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      expect(askedWhen).toHaveLength(chunk);
      release.shift()?.();
    }
    expect(await streaming).toEqual({ rows: 3, incomplete: null });
    expect(askedWhen).toEqual([1, 2]);
  });
});
