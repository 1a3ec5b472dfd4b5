import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BOM, csvField, csvRow, writeChunk } from "./csv.js";

describe("CSV for Excel", () => {
  it("quotes a field only when it must (RFC 4180), doubling its quotes", () => {
    expect(csvField("张三")).toBe("张三");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\r\nlines")).toBe('"two\r\nlines"');
    expect(csvField("line\nfeed")).toBe('"line\nfeed"');
    expect(csvField(" padded ")).toBe('" padded "');
    expect(csvField(null)).toBe("");
    expect(csvField("")).toBe("");
  });

  it("writes numbers as they are and keeps text a spreadsheet would run as a formula from running", () => {
    expect(csvField(-1250)).toBe("-1250");
    expect(csvField(87.5)).toBe("87.5");
    expect(csvField("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField("+86")).toBe("'+86");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("139****1234")).toBe("139****1234");
  });

  it("ends each record with CRLF and marks the file as UTF-8 with a BOM", () => {
    expect(csvRow(["320100000006", "南京某某公司, 有限", 1200, null])).toBe('320100000006,"南京某某公司, 有限",1200,\r\n');
    expect(Buffer.from(BOM, "utf8")).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});

/** A reader that takes one chunk at a time and only when `release` lets it. */
function slowReader(highWaterMark: number) {
  const received: string[] = [];
  const waiting: (() => void)[] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, done) {
      received.push(chunk.toString("utf8"));
      waiting.push(() => done());
    },
  });
  return { stream, received, release: () => waiting.shift()?.() };
}

describe("writeChunk", () => {
  it("resolves at once while the reader's buffer has room", async () => {
    const { stream, received } = slowReader(1024);
    await writeChunk(stream, "small");
    expect(received).toEqual(["small"]);
  });

  it("waits for 'drain' when the buffer is full, so a slow reader holds the writer back", async () => {
    const { stream, received, release } = slowReader(8);
    let written = false;
    const pending = writeChunk(stream, "more than eight bytes").then(() => (written = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual(["more than eight bytes"]);
    expect(written).toBe(false);
    release();
    await pending;
    expect(written).toBe(true);
  });

  it("rejects when the reader goes away before draining, and on a closed stream", async () => {
    const { stream } = slowReader(4);
    const pending = writeChunk(stream, "a chunk too big");
    stream.destroy();
    await expect(pending).rejects.toThrow(/closed/);
    await expect(writeChunk(stream, "again")).rejects.toThrow(/closed/);
  });
});
