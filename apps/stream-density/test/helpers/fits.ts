/**
 * A minimal FITS writer for tests (FITS 4.0: 80-character cards in 2880-byte blocks; a
 * BINTABLE extension of big-endian float64 'D' columns), to make catalogues with chosen
 * columns, e.g. one that lacks a column the pipeline needs.
 */
import { writeFileSync } from "node:fs";

const BLOCK = 2880;

function card(keyword: string, value: string | number | boolean): string {
  const v =
    typeof value === "string"
      ? `'${value.padEnd(8)}'`.padEnd(20)
      : typeof value === "boolean"
        ? (value ? "T" : "F").padStart(20)
        : String(value).padStart(20);
  return `${keyword.padEnd(8)}= ${v}`.padEnd(80);
}

function header(cards: readonly string[]): Uint8Array {
  const text = [...cards, "END".padEnd(80)].join("");
  const out = new Uint8Array(Math.ceil(text.length / BLOCK) * BLOCK).fill(0x20);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** Writes `columns` (name → values, all the same length) as a FITS binary table. */
export function writeFitsTable(path: string, columns: Record<string, Float64Array>): void {
  const names = Object.keys(columns);
  const rows = names.length > 0 ? columns[names[0]].length : 0;
  const primary = header([
    card("SIMPLE", true),
    card("BITPIX", 8),
    card("NAXIS", 0),
    card("EXTEND", true),
  ]);
  const ext = header([
    card("XTENSION", "BINTABLE"),
    card("BITPIX", 8),
    card("NAXIS", 2),
    card("NAXIS1", 8 * names.length),
    card("NAXIS2", rows),
    card("PCOUNT", 0),
    card("GCOUNT", 1),
    card("TFIELDS", names.length),
    ...names.flatMap((n, j) => [card(`TTYPE${j + 1}`, n), card(`TFORM${j + 1}`, "D")]),
  ]);
  const nbytes = 8 * names.length * rows;
  const data = new Uint8Array(Math.ceil(nbytes / BLOCK) * BLOCK);
  const view = new DataView(data.buffer);
  for (let r = 0; r < rows; r++)
    names.forEach((n, j) => {
      view.setFloat64(8 * (r * names.length + j), columns[n][r], false);
    });
  const out = new Uint8Array(primary.length + ext.length + data.length);
  out.set(primary, 0);
  out.set(ext, primary.length);
  out.set(data, primary.length + ext.length);
  writeFileSync(path, out);
}
