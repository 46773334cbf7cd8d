/**
 * Minimal FITS writer used only by the tests: formats header cards (FITS 4.0 §4.1–§4.2),
 * pads to 2880-byte blocks (§3.1) and encodes big-endian BINTABLE rows (§7.3) and image
 * arrays (§5). Values are written as *stored* values; tests compute physical ones.
 */

/** A header value accepted by {@link card}. */
export type CardValue = boolean | number | bigint | string | { re: number; im: number } | null;

/** Formats one 80-character card: fixed format, values right-justified to column 30. */
export function card(keyword: string, value?: CardValue, comment?: string): string {
  const key = keyword.padEnd(8, " ");
  if (value === undefined) return fit(`${key}${comment ?? ""}`);
  let v: string;
  if (value === null) v = "".padStart(20, " ");
  else if (typeof value === "boolean") v = (value ? "T" : "F").padStart(20, " ");
  else if (typeof value === "bigint") v = value.toString().padStart(20, " ");
  else if (typeof value === "number") {
    const s = Number.isInteger(value) && !Object.is(value, -0) ? String(value) : realText(value);
    v = s.padStart(20, " ");
  } else if (typeof value === "string") v = quote(value).padEnd(20, " ");
  else v = `(${realText(value.re)}, ${realText(value.im)})`.padStart(20, " ");
  return fit(`${key}= ${v}${comment === undefined ? "" : ` / ${comment}`}`);
}

/** Text of a real with a decimal point or exponent (§4.2.4). */
function realText(x: number): string {
  const s = String(x);
  return /[.eE]/.test(s) ? s.toUpperCase() : `${s}.`;
}

/** Quotes a string value, doubling embedded quotes, minimum 8 characters (§4.2.1.1). */
export function quote(s: string): string {
  return `'${s.replaceAll("'", "''").padEnd(8, " ")}'`;
}

/** Pads (or checks) a card to exactly 80 characters. */
export function fit(text: string): string {
  if (text.length > 80) throw new Error(`card longer than 80 characters: ${text}`);
  return text.padEnd(80, " ");
}

/**
 * Cards for a long string using the CONTINUE convention (§4.2.1.2): the value is split in
 * `chunk`-character pieces, each but the last ending in `&`.
 */
export function longStringCards(keyword: string, value: string, chunk = 30): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < value.length; i += chunk) pieces.push(value.slice(i, i + chunk));
  return pieces.map((piece, i) => {
    const text = i < pieces.length - 1 ? `${piece}&` : piece;
    const q = `'${text.replaceAll("'", "''")}'`;
    return i === 0 ? fit(`${keyword.padEnd(8, " ")}= ${q}`) : fit(`CONTINUE  ${q}`);
  });
}

/** Header bytes: the cards, END, blank-padded to a multiple of 2880 (§4.4.1). */
export function headerBytes(cards: readonly string[]): Uint8Array {
  const text = [...cards, fit("END")].join("");
  const length = Math.ceil(text.length / 2880) * 2880;
  const out = new Uint8Array(length).fill(0x20);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** Data bytes zero-padded to a multiple of 2880 (§3.3.2, §7.3.3). */
export function padData(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 2880) * 2880);
  out.set(data);
  return out;
}

/** Concatenates byte arrays. */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A primary HDU without data (NAXIS = 0, EXTEND = T). */
export function emptyPrimary(extra: readonly string[] = []): Uint8Array {
  return headerBytes([
    card("SIMPLE", true, "conforms to FITS standard"),
    card("BITPIX", 8),
    card("NAXIS", 0),
    card("EXTEND", true),
    ...extra,
  ]);
}

/** Description of an image HDU for {@link imageHdu}. */
export interface ImageDef {
  bitpix: 8 | 16 | 32 | 64 | -32 | -64;
  shape: readonly number[];
  /** Stored values in FITS order (NAXIS1 fastest). */
  values: readonly (number | bigint)[];
  bscale?: number;
  bzero?: number;
  blank?: number;
  /** true (default) for a primary HDU, false for an IMAGE extension. */
  primary?: boolean;
  extra?: readonly string[];
}

/** Header and padded data of an image HDU. */
export function imageHdu(def: ImageDef): Uint8Array {
  const primary = def.primary ?? true;
  const cards = [
    primary ? card("SIMPLE", true) : card("XTENSION", "IMAGE"),
    card("BITPIX", def.bitpix),
    card("NAXIS", def.shape.length),
    ...def.shape.map((n, i) => card(`NAXIS${i + 1}`, n)),
  ];
  if (!primary) cards.push(card("PCOUNT", 0), card("GCOUNT", 1));
  if (def.bscale !== undefined) cards.push(card("BSCALE", def.bscale));
  if (def.bzero !== undefined) cards.push(card("BZERO", def.bzero));
  if (def.blank !== undefined) cards.push(card("BLANK", def.blank));
  cards.push(...(def.extra ?? []));
  const size = Math.abs(def.bitpix) / 8;
  const data = new Uint8Array(def.values.length * size);
  const view = new DataView(data.buffer);
  def.values.forEach((v, i) => {
    const o = i * size;
    switch (def.bitpix) {
      case 8:
        view.setUint8(o, Number(v));
        break;
      case 16:
        view.setInt16(o, Number(v));
        break;
      case 32:
        view.setInt32(o, Number(v));
        break;
      case 64:
        view.setBigInt64(o, BigInt(v));
        break;
      case -32:
        view.setFloat32(o, Number(v));
        break;
      case -64:
        view.setFloat64(o, Number(v));
        break;
    }
  });
  return concat(headerBytes(cards), padData(data));
}

/** A stored cell value: scalar, or an array for repeat counts > 1 (and X bits). */
export type CellValue =
  | number
  | bigint
  | boolean
  | string
  | null
  | readonly (number | bigint | boolean | null)[];

/** One column for {@link binTableHdu}. */
export interface ColumnDef {
  name: string;
  /** TFORMn, e.g. "3E", "10A", "K". */
  tform: string;
  /** One stored value per row. */
  values: readonly CellValue[];
  tscal?: number;
  tzero?: number | bigint;
  tnull?: number | bigint;
  unit?: string;
  tdim?: string;
}

/** Description of a BINTABLE extension for {@link binTableHdu}. */
export interface TableDef {
  columns: readonly ColumnDef[];
  extname?: string;
  extra?: readonly string[];
  /** Overrides NAXIS2 (to produce inconsistent files); default: rows of the first column. */
  nrows?: number;
}

const SIZES: Record<string, number> = {
  L: 1,
  B: 1,
  I: 2,
  J: 4,
  K: 8,
  A: 1,
  E: 4,
  D: 8,
  C: 8,
  M: 16,
  P: 8,
  Q: 16,
};

function parseTform(tform: string): { repeat: number; code: string; width: number } {
  const m = /^(\d*)([A-Z])/.exec(tform);
  if (!m) throw new Error(`bad TFORM ${tform}`);
  const repeat = m[1] === "" ? 1 : Number(m[1]);
  const code = m[2]!;
  const width = code === "X" ? Math.ceil(repeat / 8) : repeat * SIZES[code]!;
  return { repeat, code, width };
}

/** Header and padded data of a BINTABLE extension (§7.3), rows encoded big-endian. */
export function binTableHdu(def: TableDef): Uint8Array {
  const forms = def.columns.map((c) => parseTform(c.tform));
  const rowBytes = forms.reduce((n, f) => n + f.width, 0);
  const nrows = def.columns[0]?.values.length ?? 0;
  const cards = [
    card("XTENSION", "BINTABLE", "binary table extension"),
    card("BITPIX", 8),
    card("NAXIS", 2),
    card("NAXIS1", rowBytes),
    card("NAXIS2", def.nrows ?? nrows),
    card("PCOUNT", 0),
    card("GCOUNT", 1),
    card("TFIELDS", def.columns.length),
  ];
  if (def.extname !== undefined) cards.push(card("EXTNAME", def.extname));
  def.columns.forEach((c, i) => {
    const n = i + 1;
    cards.push(card(`TTYPE${n}`, c.name), card(`TFORM${n}`, c.tform));
    if (c.tscal !== undefined) cards.push(card(`TSCAL${n}`, c.tscal));
    if (c.tzero !== undefined) cards.push(card(`TZERO${n}`, c.tzero));
    if (c.tnull !== undefined) cards.push(card(`TNULL${n}`, c.tnull));
    if (c.unit !== undefined) cards.push(card(`TUNIT${n}`, c.unit));
    if (c.tdim !== undefined) cards.push(card(`TDIM${n}`, c.tdim));
  });
  cards.push(...(def.extra ?? []));

  const data = new Uint8Array(rowBytes * nrows);
  const view = new DataView(data.buffer);
  for (let row = 0; row < nrows; row++) {
    let o = row * rowBytes;
    def.columns.forEach((c, i) => {
      writeCell(view, o, forms[i]!, c.values[row]!);
      o += forms[i]!.width;
    });
  }
  return concat(headerBytes(cards), padData(data));
}

function writeCell(
  view: DataView,
  o: number,
  form: { repeat: number; code: string },
  value: CellValue,
): void {
  if (form.code === "A") {
    const s = String(value ?? "");
    for (let j = 0; j < form.repeat; j++)
      view.setUint8(o + j, j < s.length ? s.charCodeAt(j) : 0x20);
    return;
  }
  const items = Array.isArray(value) ? value : [value];
  if (form.code === "X") {
    items.forEach((bit, j) => {
      if (bit === 1 || bit === true) {
        const b = o + (j >> 3);
        view.setUint8(b, view.getUint8(b) | (0x80 >> (j & 7)));
      }
    });
    return;
  }
  items.forEach((v, j) => {
    switch (form.code) {
      case "L":
        view.setUint8(o + j, v === null ? 0 : v ? 0x54 : 0x46);
        break;
      case "B":
        view.setUint8(o + j, Number(v));
        break;
      case "I":
        view.setInt16(o + 2 * j, Number(v));
        break;
      case "J":
        view.setInt32(o + 4 * j, Number(v));
        break;
      case "K":
        view.setBigInt64(o + 8 * j, BigInt(v as number | bigint));
        break;
      case "E":
        view.setFloat32(o + 4 * j, Number(v));
        break;
      case "D":
        view.setFloat64(o + 8 * j, Number(v));
        break;
      default:
        // P/Q descriptors and complex values: left as zeros.
        break;
    }
  });
}

/** A complete file: empty primary HDU followed by one BINTABLE. */
export function tableFile(def: TableDef): Uint8Array {
  return concat(emptyPrimary(), binTableHdu(def));
}
