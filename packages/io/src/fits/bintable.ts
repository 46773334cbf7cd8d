/**
 * BINTABLE columns (FITS 4.0 §7.3): TFORMn parsing, TSCALn/TZEROn scaling including the
 * unsigned-integer convention (Table 19), TNULLn null masks, and column-wise big-endian
 * decoding of the main data table into typed arrays.
 */
import { FitsError } from "./errors.js";
import type { HduLayout } from "./hdu.js";
import type { FitsHeader } from "./header.js";

/** TFORM data type codes (FITS 4.0 §7.3.2, Table 18). */
export type TformCode = "L" | "X" | "B" | "I" | "J" | "K" | "A" | "E" | "D" | "C" | "M" | "P" | "Q";

/** Typed array used for each column dtype. */
export interface FitsColumnArrays {
  /** L: 1 = true, 0 = false (null where `nulls` is set). */
  bool: Uint8Array;
  /** X: one entry (0 or 1) per bit, most significant bit of each byte first. */
  bit: Uint8Array;
  /** B without scaling. */
  uint8: Uint8Array;
  /** B with TZERO = -128 (signed-byte convention, Table 19). */
  int8: Int8Array;
  /** I without scaling. */
  int16: Int16Array;
  /** I with TZERO = 32768 (unsigned convention). */
  uint16: Uint16Array;
  /** J without scaling. */
  int32: Int32Array;
  /** J with TZERO = 2^31 (unsigned convention). */
  uint32: Uint32Array;
  /** K without scaling. */
  int64: BigInt64Array;
  /** K with TZERO = 2^63 (unsigned convention). */
  uint64: BigUint64Array;
  /** E without scaling. */
  float32: Float32Array;
  /** D without scaling, and any column with other TSCALn/TZEROn values. */
  float64: Float64Array;
  /** A: one string per row, cut at the first NUL and with trailing blanks removed. */
  string: string[];
}

/** Name of the in-memory representation of a column. */
export type FitsDtype = keyof FitsColumnArrays;

/** Static description of one BINTABLE column, taken from its TFORMn/TTYPEn/... keywords. */
export interface ColumnSpec {
  /** Column number n (1-based, as in TFORMn). */
  number: number;
  /** TTYPEn with trailing blanks removed, or `col<n>` when absent. */
  name: string;
  /** TFORMn as written. */
  tform: string;
  /** Data type code. */
  code: TformCode;
  /** Repeat count r of `rT` (§7.3.2; defaults to 1). */
  repeat: number;
  /** Field width in bytes within a row. */
  width: number;
  /** Byte offset of the field within a row. */
  offset: number;
  /** TSCALn (default 1). */
  tscal: number;
  /** TZEROn (default 0); bigint when the header integer exceeds 2^53 (e.g. 2^63). */
  tzero: number | bigint;
  /** TNULLn, the stored integer that marks a null (§7.3.2), if present. */
  tnull: number | bigint | undefined;
  /** TUNITn, if present. */
  unit: string | undefined;
  /** TDIMn as numbers (§7.3.2), if present. */
  dims: number[] | undefined;
}

/** Mandatory BINTABLE structure plus its column descriptions. */
export interface BinTableSpec {
  /** NAXIS2: number of rows. */
  nrows: number;
  /** NAXIS1: bytes per row. */
  rowBytes: number;
  /** All columns in file order. */
  columns: ColumnSpec[];
}

/** A decoded column whose `data` has the typed array of dtype `D`. */
export interface FitsColumnOf<D extends FitsDtype> {
  /** Column name (TTYPEn). */
  name: string;
  /** Column number n (1-based). */
  number: number;
  /** TFORMn as written. */
  tform: string;
  /** Data type code. */
  code: TformCode;
  /** Repeat count from TFORMn. */
  repeat: number;
  /** Entries of `data` per row: `repeat` for numeric, L and X columns, 1 for A. */
  perRow: number;
  /** In-memory representation. */
  dtype: D;
  /** Values, row-major: row i occupies `data[i*perRow … (i+1)*perRow - 1]`. */
  data: FitsColumnArrays[D];
  /**
   * Null mask aligned with `data` (1 = null): present when TNULLn is set (integer
   * columns) and for L columns (a zero byte is null, §7.3.3.1); otherwise `null`.
   * Float columns mark nulls with NaN instead (§7.3.3.1); scaled integer columns
   * become float64 and also carry NaN at null positions.
   */
  nulls: Uint8Array | null;
  /** TUNITn, if present. */
  unit: string | undefined;
  /** TDIMn, if present. */
  dims: number[] | undefined;
  /** File the column was read from (for error messages). */
  file: string;
  /** HDU index the column was read from. */
  hdu: number;
}

/** A decoded BINTABLE column: discriminated union on `dtype`. */
export type FitsColumn = { [D in FitsDtype]: FitsColumnOf<D> }[FitsDtype];

/** A decoded binary table: columns as typed arrays, no per-row objects. */
export interface FitsTable {
  /** File path or label. */
  file: string;
  /** HDU index (0 = primary). */
  hdu: number;
  /** EXTNAME, if present. */
  extname: string | undefined;
  /** Number of rows (NAXIS2). */
  nrows: number;
  /** The HDU header. */
  header: FitsHeader;
  /** Decoded columns, in file order or in the requested order. */
  columns: readonly FitsColumn[];
  /** Names of `columns`, in the same order. */
  names: readonly string[];
  /**
   * Column by name (exact match first, then case-insensitive, as TTYPEn comparisons
   * should be, §7.3.2). Throws a {@link FitsError} `"missing-column"` listing the
   * available names.
   */
  column(name: string): FitsColumn;
}

const TFORM = /^\s*(\d*)([A-Z])(.*)$/;
const BYTES: Record<TformCode, number> = {
  L: 1,
  X: 0, // bits: handled separately
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

/** Parses `rTa` (FITS 4.0 §7.3.2) into code and repeat; throws on unknown codes. */
export function parseTform(
  tform: string,
  ctx: { file: string; hdu: number; column: string },
): { code: TformCode; repeat: number; width: number } {
  const m = TFORM.exec(tform.toUpperCase());
  const letter = m?.[2];
  if (!m || letter === undefined || !(letter in BYTES)) {
    throw new FitsError({
      code: "unsupported",
      ...ctx,
      reason: `unsupported TFORM '${tform}': expected r followed by one of L X B I J K A E D C M P Q (FITS 4.0 Table 18)`,
    });
  }
  const code = letter as TformCode;
  const repeat = m[1] === "" ? 1 : Number(m[1]);
  const width = code === "X" ? Math.ceil(repeat / 8) : repeat * BYTES[code];
  return { code, repeat, width };
}

/**
 * Reads the BINTABLE mandatory keywords (§7.3.1) and every column's TFORMn, TTYPEn,
 * TSCALn, TZEROn, TNULLn, TUNITn and TDIMn (§7.3.2). Validates that the fields fit in
 * NAXIS1. Unsupported codes (C, M, P, Q) are described here and rejected only when
 * such a column is decoded, so other columns of the same table stay readable.
 */
export function describeBinTable(layout: HduLayout, file: string): BinTableSpec {
  const { header, index: hdu } = layout;
  const fail = (reason: string, column?: string): never => {
    throw new FitsError({ code: "invalid-header", file, hdu, column, reason });
  };
  if (layout.bitpix !== 8 || layout.axes.length !== 2) {
    fail("a BINTABLE needs BITPIX = 8 and NAXIS = 2 (FITS 4.0 §7.3.1)");
  }
  if (layout.gcount !== 1) fail("a BINTABLE needs GCOUNT = 1 (FITS 4.0 §7.3.1)");
  const [rowBytes, nrows] = layout.axes as [number, number];
  const tfields = header.get("TFIELDS");
  if (typeof tfields !== "number" || !Number.isInteger(tfields) || tfields < 0 || tfields > 999) {
    fail("missing or invalid TFIELDS (FITS 4.0 §7.3.1 requires 0…999)");
  }
  const columns: ColumnSpec[] = [];
  let offset = 0;
  for (let n = 1; n <= (tfields as number); n++) {
    const name = header.getString(`TTYPE${n}`)?.trim() || `col${n}`;
    const tform = header.getString(`TFORM${n}`);
    if (tform === undefined) fail(`missing TFORM${n} (FITS 4.0 §7.3.1)`, name);
    const { code, repeat, width } = parseTform(tform as string, { file, hdu, column: name });
    const tscal = header.get(`TSCAL${n}`) ?? 1;
    const tzero = header.get(`TZERO${n}`) ?? 0;
    const tnull = header.get(`TNULL${n}`);
    if (typeof tscal !== "number") fail(`TSCAL${n} must be a number`, name);
    if (typeof tzero !== "number" && typeof tzero !== "bigint") {
      fail(`TZERO${n} must be a number`, name);
    }
    if (tnull !== undefined && typeof tnull !== "number" && typeof tnull !== "bigint") {
      fail(`TNULL${n} must be an integer`, name);
    }
    if ((tscal !== 1 || tzero !== 0) && (code === "A" || code === "L" || code === "X")) {
      fail(`TSCAL${n}/TZERO${n} are not allowed for TFORM '${tform}' (FITS 4.0 §7.3.2)`, name);
    }
    const tdim = header.getString(`TDIM${n}`);
    columns.push({
      number: n,
      name,
      tform: tform as string,
      code,
      repeat,
      width,
      offset,
      tscal: tscal as number,
      tzero: tzero as number | bigint,
      tnull: tnull as number | bigint | undefined,
      unit: header.getString(`TUNIT${n}`)?.trim() || undefined,
      dims: tdim === undefined ? undefined : parseTdim(tdim),
    });
    offset += width;
  }
  if (offset > rowBytes) {
    fail(`the TFORMn fields need ${offset} bytes per row but NAXIS1 = ${rowBytes}`);
  }
  return { nrows, rowBytes, columns };
}

/** Parses TDIMn = '(l,m,n…)' (§7.3.2); malformed values yield `undefined`. */
function parseTdim(tdim: string): number[] | undefined {
  const m = /^\s*\(([\d\s,]+)\)\s*$/.exec(tdim);
  if (!m) return undefined;
  const dims = m[1]!.split(",").map((s) => Number(s.trim()));
  return dims.every((d) => Number.isInteger(d) && d >= 0) ? dims : undefined;
}

/**
 * Finds `name` among `columns`: exact match first, then a unique case-insensitive one.
 * Returns `undefined` when absent.
 */
export function findColumn<T extends { name: string }>(
  columns: readonly T[],
  name: string,
): T | undefined {
  const exact = columns.find((c) => c.name === name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  return columns.find((c) => c.name.toLowerCase() === lower);
}

/** Throws the `"unsupported"` error for column codes this reader does not decode. */
export function assertDecodable(spec: ColumnSpec, file: string, hdu: number): void {
  let reason: string | undefined;
  if (spec.code === "P" || spec.code === "Q") {
    reason = `unsupported TFORM '${spec.tform}': variable-length array columns (P/Q descriptors into the heap, FITS 4.0 §7.3.5) are not supported; select other columns with the 'columns' option`;
  } else if (spec.code === "C" || spec.code === "M") {
    reason = `unsupported TFORM '${spec.tform}': complex columns (C/M) are not supported; select other columns with the 'columns' option`;
  }
  if (reason !== undefined) {
    throw new FitsError({ code: "unsupported", file, hdu, column: spec.name, reason });
  }
}

/** How an integer column is represented after applying TSCALn/TZEROn. */
type IntMode = "native" | "unsigned" | "scaled";

/** Table 19: the TZERO that turns a B/I/J/K column into its opposite-signed type. */
const UNSIGNED_ZERO: Partial<Record<TformCode, bigint>> = {
  B: -128n,
  I: 32768n,
  J: 2147483648n,
  K: 9223372036854775808n,
};

function intMode(spec: ColumnSpec): IntMode {
  if (spec.tscal === 1 && (spec.tzero === 0 || spec.tzero === 0n)) return "native";
  const unsignedZero = UNSIGNED_ZERO[spec.code];
  if (spec.tscal === 1 && unsignedZero !== undefined) {
    // TZERO may be written as an integer (bigint past 2^53) or a real such as 9.2233720368547758E18.
    const z = spec.tzero;
    const matches =
      typeof z === "bigint"
        ? z === unsignedZero
        : Number.isInteger(z) && BigInt(z) === unsignedZero;
    if (matches) return "unsigned";
  }
  return "scaled";
}

/**
 * Decodes the selected columns of a BINTABLE, one column at a time over the rows, into
 * freshly allocated typed arrays (memory = the selected columns; no per-row objects).
 * The caller must have validated the layout (data fully present) and the specs.
 */
export function decodeColumns(
  bytes: Uint8Array,
  layout: HduLayout,
  table: BinTableSpec,
  specs: readonly ColumnSpec[],
  file: string,
): FitsColumn[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return specs.map((spec) => decodeColumn(view, bytes, layout, table, spec, file));
}

function decodeColumn(
  view: DataView,
  bytes: Uint8Array,
  layout: HduLayout,
  table: BinTableSpec,
  spec: ColumnSpec,
  file: string,
): FitsColumn {
  assertDecodable(spec, file, layout.index);
  const { nrows, rowBytes } = table;
  const base = layout.dataOffset + spec.offset;
  const r = spec.repeat;
  const meta = {
    name: spec.name,
    number: spec.number,
    tform: spec.tform,
    code: spec.code,
    repeat: r,
    unit: spec.unit,
    dims: spec.dims,
    file,
    hdu: layout.index,
  };
  const n = nrows * r;

  switch (spec.code) {
    case "L": {
      // §7.3.3.1: 'T' true, 'F' false, 0x00 null.
      const data = new Uint8Array(n);
      const nulls = new Uint8Array(n);
      for (let row = 0, k = 0; row < nrows; row++) {
        const o = base + row * rowBytes;
        for (let j = 0; j < r; j++, k++) {
          const b = bytes[o + j];
          if (b === 0x54 /* T */) data[k] = 1;
          else if (b === 0) nulls[k] = 1;
        }
      }
      return { ...meta, perRow: r, dtype: "bool", data, nulls };
    }
    case "X": {
      // §7.3.3.1: bit arrays, most significant bit of the first byte first.
      const data = new Uint8Array(n);
      for (let row = 0, k = 0; row < nrows; row++) {
        const o = base + row * rowBytes;
        for (let j = 0; j < r; j++, k++) data[k] = (bytes[o + (j >> 3)]! >> (7 - (j & 7))) & 1;
      }
      return { ...meta, perRow: r, dtype: "bit", data, nulls: null };
    }
    case "A": {
      // §7.3.3.1: ASCII characters; a NUL ends the string early.
      const data = new Array<string>(nrows);
      const decoder = new TextDecoder("latin1");
      for (let row = 0; row < nrows; row++) {
        const o = base + row * rowBytes;
        let end = o;
        while (end < o + r && bytes[end] !== 0) end++;
        data[row] = decoder.decode(bytes.subarray(o, end)).trimEnd();
      }
      return { ...meta, perRow: 1, dtype: "string", data, nulls: null };
    }
    case "E":
    case "D":
      return decodeFloat(view, base, rowBytes, nrows, spec, meta);
    case "B":
    case "I":
    case "J":
      return decodeInt(view, base, rowBytes, nrows, spec, meta);
    case "K":
      return decodeInt64(view, base, rowBytes, nrows, spec, meta);
    default:
      // C, M, P, Q were rejected by assertDecodable.
      throw new FitsError({
        code: "unsupported",
        file,
        hdu: layout.index,
        column: spec.name,
        reason: `unsupported TFORM '${spec.tform}'`,
      });
  }
}

type ColumnMeta = Omit<FitsColumnOf<FitsDtype>, "perRow" | "dtype" | "data" | "nulls">;

/** E/D columns (§7.3.3.1): IEEE-754 big-endian; NaN is preserved as the null value. */
function decodeFloat(
  view: DataView,
  base: number,
  rowBytes: number,
  nrows: number,
  spec: ColumnSpec,
  meta: ColumnMeta,
): FitsColumn {
  const r = spec.repeat;
  const size = spec.code === "E" ? 4 : 8;
  const scaled = spec.tscal !== 1 || Number(spec.tzero) !== 0;
  const data =
    spec.code === "E" && !scaled ? new Float32Array(nrows * r) : new Float64Array(nrows * r);
  const zero = Number(spec.tzero);
  const scale = spec.tscal;
  for (let row = 0, k = 0; row < nrows; row++) {
    const o = base + row * rowBytes;
    for (let j = 0; j < r; j++, k++) {
      const off = o + j * size;
      const raw = size === 4 ? view.getFloat32(off, false) : view.getFloat64(off, false);
      data[k] = scaled ? zero + scale * raw : raw;
    }
  }
  if (data instanceof Float32Array) {
    return { ...meta, perRow: r, dtype: "float32", data, nulls: null };
  }
  return { ...meta, perRow: r, dtype: "float64", data, nulls: null };
}

/** B/I/J columns (§7.3.3.1 two's complement, B unsigned) with Table 19 conventions. */
function decodeInt(
  view: DataView,
  base: number,
  rowBytes: number,
  nrows: number,
  spec: ColumnSpec,
  meta: ColumnMeta,
): FitsColumn {
  const r = spec.repeat;
  const n = nrows * r;
  const mode = intMode(spec);
  const size = spec.code === "B" ? 1 : spec.code === "I" ? 2 : 4;
  const read =
    size === 1
      ? (o: number) => view.getUint8(o)
      : size === 2
        ? (o: number) => view.getInt16(o, false)
        : (o: number) => view.getInt32(o, false);
  const tnull = spec.tnull === undefined ? undefined : Number(spec.tnull);
  const nulls = tnull === undefined ? null : new Uint8Array(n);
  const zero = Number(spec.tzero);
  const scale = spec.tscal;

  let data:
    | Float64Array
    | Uint8Array
    | Int8Array
    | Int16Array
    | Uint16Array
    | Int32Array
    | Uint32Array;
  if (mode === "scaled") data = new Float64Array(n);
  else if (spec.code === "B") data = mode === "native" ? new Uint8Array(n) : new Int8Array(n);
  else if (spec.code === "I") data = mode === "native" ? new Int16Array(n) : new Uint16Array(n);
  else data = mode === "native" ? new Int32Array(n) : new Uint32Array(n);
  // Flipping the sign bit adds 2^(bits-1) modulo 2^bits: the Table 19 offset, exactly.
  const flip = size === 1 ? 0x80 : size === 2 ? 0x8000 : 0x80000000;

  for (let row = 0, k = 0; row < nrows; row++) {
    const o = base + row * rowBytes;
    for (let j = 0; j < r; j++, k++) {
      const raw = read(o + j * size);
      const isNull = nulls !== null && raw === tnull;
      if (isNull) nulls[k] = 1;
      if (mode === "native") data[k] = raw;
      else if (mode === "unsigned") data[k] = (raw ^ flip) >>> 0;
      else data[k] = isNull ? Number.NaN : zero + scale * raw;
    }
  }
  const m = { ...meta, perRow: r, nulls };
  if (data instanceof Float64Array) return { ...m, dtype: "float64", data };
  if (data instanceof Uint8Array) return { ...m, dtype: "uint8", data };
  if (data instanceof Int8Array) return { ...m, dtype: "int8", data };
  if (data instanceof Int16Array) return { ...m, dtype: "int16", data };
  if (data instanceof Uint16Array) return { ...m, dtype: "uint16", data };
  if (data instanceof Int32Array) return { ...m, dtype: "int32", data };
  return { ...m, dtype: "uint32", data };
}

/** K columns: 64-bit two's complement read as BigInt (never through a JS number). */
function decodeInt64(
  view: DataView,
  base: number,
  rowBytes: number,
  nrows: number,
  spec: ColumnSpec,
  meta: ColumnMeta,
): FitsColumn {
  const r = spec.repeat;
  const n = nrows * r;
  const mode = intMode(spec);
  const tnull = spec.tnull === undefined ? undefined : BigInt(spec.tnull);
  const nulls = tnull === undefined ? null : new Uint8Array(n);
  const zero = Number(spec.tzero);
  const scale = spec.tscal;
  const data =
    mode === "native"
      ? new BigInt64Array(n)
      : mode === "unsigned"
        ? new BigUint64Array(n)
        : new Float64Array(n);
  for (let row = 0, k = 0; row < nrows; row++) {
    const o = base + row * rowBytes;
    for (let j = 0; j < r; j++, k++) {
      const off = o + j * 8;
      if (data instanceof Float64Array) {
        const raw = view.getBigInt64(off, false);
        const isNull = nulls !== null && raw === tnull;
        if (isNull) nulls[k] = 1;
        data[k] = isNull ? Number.NaN : zero + scale * Number(raw);
      } else if (data instanceof BigInt64Array) {
        const raw = view.getBigInt64(off, false);
        if (nulls !== null && raw === tnull) nulls[k] = 1;
        data[k] = raw;
      } else {
        // Reading the bits as unsigned and flipping the top bit adds 2^63 exactly.
        const raw = view.getBigInt64(off, false);
        if (nulls !== null && raw === tnull) nulls[k] = 1;
        data[k] = view.getBigUint64(off, false) ^ 0x8000000000000000n;
      }
    }
  }
  const m = { ...meta, perRow: r, nulls };
  if (data instanceof BigInt64Array) return { ...m, dtype: "int64", data };
  if (data instanceof BigUint64Array) return { ...m, dtype: "uint64", data };
  return { ...m, dtype: "float64", data };
}

/**
 * Builds a {@link FitsTable} from decoded columns (adds name lookup with a
 * `"missing-column"` error that lists the available names).
 */
export function makeTable(
  layout: HduLayout,
  spec: BinTableSpec,
  columns: FitsColumn[],
  file: string,
): FitsTable {
  const names = columns.map((c) => c.name);
  return {
    file,
    hdu: layout.index,
    extname: layout.name,
    nrows: spec.nrows,
    header: layout.header,
    columns,
    names,
    column(name: string): FitsColumn {
      const found = findColumn(columns, name);
      if (found === undefined) throw missingColumn(file, layout, name, names);
      return found;
    },
  };
}

/** The `"missing-column"` error, listing the available column names. */
export function missingColumn(
  file: string,
  layout: HduLayout,
  name: string,
  available: readonly string[],
): FitsError {
  return new FitsError({
    code: "missing-column",
    file,
    hdu: layout.index,
    column: name,
    reason: `no column named "${name}" in ${layout.name === undefined ? "this table" : `table "${layout.name}"`}; available columns: ${available.join(", ")}`,
  });
}
