/**
 * A minimal FITS binary-table writer for the tests (FITS standard 4.0 §4, §7.3): an empty
 * primary HDU, then one BINTABLE of scalar float64 (`1D`) and fixed-width string (`nA`)
 * columns, big-endian, each header and data unit padded to 2880-byte blocks.
 */
const BLOCK = 2880;

const card = (key: string, value: string | number | boolean): string => {
  const v =
    typeof value === "string"
      ? `'${value.padEnd(8)}'`
      : typeof value === "boolean"
        ? (value ? "T" : "F").padStart(20)
        : String(value).padStart(20);
  return `${key.padEnd(8)}= ${v}`.padEnd(80);
};

const headerBytes = (cards: string[]): Uint8Array => {
  const text = [...cards, "END".padEnd(80)].join("");
  const padded = text.padEnd(Math.ceil(text.length / BLOCK) * BLOCK);
  return new TextEncoder().encode(padded);
};

export type FitsTestColumn =
  | { readonly name: string; readonly kind: "float64"; readonly values: ArrayLike<number> }
  | {
      readonly name: string;
      readonly kind: "string";
      readonly width: number;
      readonly values: readonly string[];
    };

/** The bytes of a FITS file holding one binary table with `columns` (equal lengths). */
export function fitsTable(columns: readonly FitsTestColumn[]): Uint8Array {
  const rows = columns[0]?.values.length ?? 0;
  const widths = columns.map((c) => (c.kind === "float64" ? 8 : c.width));
  const rowBytes = widths.reduce((a, b) => a + b, 0);
  const primary = headerBytes([
    card("SIMPLE", true),
    card("BITPIX", 8),
    card("NAXIS", 0),
    card("EXTEND", true),
  ]);
  const ext = headerBytes([
    card("XTENSION", "BINTABLE"),
    card("BITPIX", 8),
    card("NAXIS", 2),
    card("NAXIS1", rowBytes),
    card("NAXIS2", rows),
    card("PCOUNT", 0),
    card("GCOUNT", 1),
    card("TFIELDS", columns.length),
    ...columns.flatMap((c, i) => [
      card(`TTYPE${i + 1}`, c.name),
      card(`TFORM${i + 1}`, c.kind === "float64" ? "1D" : `${c.width}A`),
    ]),
  ]);
  const dataLength = Math.ceil((rows * rowBytes) / BLOCK) * BLOCK;
  const data = new Uint8Array(dataLength);
  const view = new DataView(data.buffer);
  for (let r = 0; r < rows; r++) {
    let o = r * rowBytes;
    columns.forEach((c, i) => {
      if (c.kind === "float64") view.setFloat64(o, c.values[r], false);
      else data.set(new TextEncoder().encode(c.values[r].slice(0, c.width)), o);
      o += widths[i];
    });
  }
  const out = new Uint8Array(primary.length + ext.length + data.length);
  out.set(primary, 0);
  out.set(ext, primary.length);
  out.set(data, primary.length + ext.length);
  return out;
}
