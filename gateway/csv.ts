import type { Writable } from "node:stream";

/** Excel takes a UTF-8 file for one only with this mark; without it Chinese names come out garbled. */
export const BOM = "\uFEFF";

/** A cell: text, a number, or nothing (an empty cell). */
export type Cell = string | number | null;

// A spreadsheet reads text starting with these as a formula (CSV injection): such text gets a leading quote.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, RFC 4180: quoted when it holds a comma, a quote, a line break or edge blanks; quotes doubled. */
export function csvField(cell: Cell): string {
  if (cell === null) return "";
  const text = typeof cell === "number" ? String(cell) : FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 has it. */
export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}

/**
 * Writes a chunk and resolves once the stream can take more: at once while its buffer has room, after
 * 'drain' when it is full, so that a slow reader slows the producer instead of filling memory. Rejects
 * when the stream closes or fails first (the reader went away).
 */
export function writeChunk(stream: Writable, chunk: string): Promise<void> {
  if (stream.destroyed || stream.writableEnded) return Promise.reject(new Error("the stream is closed"));
  if (stream.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off("drain", onDrain);
      stream.off("close", onClose);
      stream.off("error", done);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error("the stream closed before it drained"));
    stream.on("drain", onDrain);
    stream.on("close", onClose);
    stream.on("error", done);
  });
}
