/**
 * Reading database files: plain text or bzip2 (via the `seek-bzip` library), and
 * whitespace-separated numeric rows with errors that name the file and line.
 */
import { readFileSync } from "node:fs";
import Bunzip from "seek-bzip";
import { DatabaseFileError } from "../errors.js";

/** Reads a file's bytes; a missing or unreadable file is a DatabaseFileError. */
export function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as { code?: string }).code ?? "read error";
    throw new DatabaseFileError({ file, line: 0, reason: `cannot read (${code})` });
  }
}

/** Decodes a file as text, decompressing `.bz2` files with seek-bzip. */
export function decodeText(file: string, bytes: Buffer): string {
  if (!file.endsWith(".bz2")) return bytes.toString("latin1");
  try {
    return Bunzip.decode(bytes).toString("latin1");
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new DatabaseFileError({
      file,
      line: 0,
      reason: `bzip2 stream is truncated or corrupt (${why})`,
    });
  }
}

/** Reads a text (or .bz2) file. */
export function readText(file: string): string {
  return decodeText(file, readBytes(file));
}

/**
 * Calls `row(tokens, lineNumber)` for every non-empty line (1-based line numbers).
 * Splitting is on runs of whitespace.
 */
export function forEachRow(text: string, row: (tokens: string[], line: number) => void): void {
  let start = 0;
  let line = 0;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = n;
    line++;
    const s = text.slice(start, end).trim();
    if (s.length > 0) row(s.split(/\s+/), line);
    start = end + 1;
  }
}

/** Parses a finite number or throws a DatabaseFileError naming the file, line and column. */
export function parseNumber(
  file: string,
  line: number,
  token: string | undefined,
  what: string,
): number {
  if (token === undefined)
    throw new DatabaseFileError({ file, line, reason: `missing column ${what}` });
  const v = Number(token);
  if (!Number.isFinite(v) || token.length === 0)
    throw new DatabaseFileError({ file, line, reason: `${what} is not a number: "${token}"` });
  return v;
}

/** Grows a Float64Array list (amortised doubling). */
export class GrowableF64 {
  buf = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.buf.length) {
      const b = new Float64Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    this.buf[this.length++] = v;
  }
  toArray(): Float64Array {
    return this.buf.slice(0, this.length);
  }
}
