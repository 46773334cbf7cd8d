/**
 * A minimal FITS writer for test inputs (FITS 4.0 §4, §7.3): an empty primary HDU and one
 * BINTABLE of float64 ('D') columns, big-endian, headers and data padded to 2880 bytes.
 */
import { writeFileSync } from "node:fs";

const card = (key: string, value: string) => `${key.padEnd(8)}= ${value.padStart(20)}`.padEnd(80);
const str = (s: string) => `'${s.padEnd(8)}'`.padEnd(20);
const pad = (s: string) => s + " ".repeat((2880 - (s.length % 2880)) % 2880);

export function writeFitsTable(path: string, columns: Record<string, ArrayLike<number>>): void {
  const names = Object.keys(columns);
  const nrows = names.length ? columns[names[0]].length : 0;
  const primary = pad(
    [
      card("SIMPLE", "T"),
      card("BITPIX", "8"),
      card("NAXIS", "0"),
      card("EXTEND", "T"),
      "END".padEnd(80),
    ].join(""),
  );
  const cards = [
    `${"XTENSION".padEnd(8)}= ${str("BINTABLE")}`.padEnd(80),
    card("BITPIX", "8"),
    card("NAXIS", "2"),
    card("NAXIS1", String(8 * names.length)),
    card("NAXIS2", String(nrows)),
    card("PCOUNT", "0"),
    card("GCOUNT", "1"),
    card("TFIELDS", String(names.length)),
  ];
  names.forEach((n, i) => {
    cards.push(`${`TTYPE${i + 1}`.padEnd(8)}= ${str(n)}`.padEnd(80));
    cards.push(`${`TFORM${i + 1}`.padEnd(8)}= ${str("D")}`.padEnd(80));
  });
  cards.push("END".padEnd(80));
  const header = pad(cards.join(""));
  const dataLen = 8 * names.length * nrows;
  const data = new Uint8Array(dataLen + ((2880 - (dataLen % 2880)) % 2880));
  const view = new DataView(data.buffer);
  for (let r = 0; r < nrows; r++)
    names.forEach((n, c) => {
      view.setFloat64(8 * (r * names.length + c), columns[n][r], false);
    });
  const enc = new TextEncoder();
  const out = new Uint8Array(primary.length + header.length + data.length);
  out.set(enc.encode(primary), 0);
  out.set(enc.encode(header), primary.length);
  out.set(data, primary.length + header.length);
  writeFileSync(path, out);
}
