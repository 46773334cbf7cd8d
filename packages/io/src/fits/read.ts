/**
 * Public entry points: read a FITS file (path or bytes, optionally gzipped) into decoded
 * HDUs, or read one BINTABLE. Everything is validated before any column is decoded, so a
 * failure never yields a partially filled table.
 */
import { readFileSync } from "node:fs";
import {
  assertDecodable,
  type ColumnSpec,
  decodeColumns,
  describeBinTable,
  type FitsTable,
  findColumn,
  makeTable,
  missingColumn,
} from "./bintable.js";
import { FitsError } from "./errors.js";
import { maybeGunzip } from "./gzip.js";
import { type HduLayout, scanHdus } from "./hdu.js";
import { decodeImage, type FitsImage } from "./image.js";

/** Primary HDU or IMAGE extension, with its decoded data (`null` when NAXIS = 0). */
export interface ImageHdu extends HduLayout {
  /** Discriminant. */
  kind: "image";
  /** Physical pixel values and shape, or `null` when the HDU has no data array. */
  image: FitsImage | null;
}

/** BINTABLE extension with all its columns decoded. */
export interface BinTableHdu extends HduLayout {
  /** Discriminant. */
  kind: "bintable";
  /** The decoded table. */
  table: FitsTable;
}

/** HDU whose data this reader does not decode (ASCII TABLE, random groups, others). */
export interface OtherHdu extends HduLayout {
  /** Discriminant. */
  kind: "other";
}

/** One decoded header-and-data unit, discriminated on `kind`. */
export type Hdu = ImageHdu | BinTableHdu | OtherHdu;

/** Result of {@link readFits}. */
export interface FitsFile {
  /** File path, or the label given for in-memory bytes. */
  file: string;
  /** All HDUs in file order; `hdus[0]` is the primary HDU. */
  hdus: Hdu[];
}

/** Options shared by {@link readFits} and {@link readFitsTable}. */
export interface FitsReadOptions {
  /** Label used in error messages when reading from bytes (default `"<memory>"`). */
  name?: string;
}

/** Options of {@link readFitsTable}. */
export interface FitsTableOptions extends FitsReadOptions {
  /**
   * HDU to read: an index (0 = primary, 1 = first extension) or an EXTNAME (compared
   * case-insensitively). Default: the first BINTABLE extension.
   */
  hdu?: number | string;
  /** Columns to decode, in this order (default: all, in file order). */
  columns?: readonly string[];
}

/**
 * Reads a whole FITS file: a path (read with node:fs) or bytes, gzip-compressed or not.
 * Images are decoded to Float64Array with BSCALE/BZERO applied; every BINTABLE is
 * decoded with all its columns; other extensions are listed with their headers only.
 *
 * Synchronous. Throws {@link FitsError} on any bad input (see its `code`).
 */
export function readFits(source: string | Uint8Array, options: FitsReadOptions = {}): FitsFile {
  const { bytes, file } = loadBytes(source, options);
  const layouts = scanHdus(bytes, file);
  // Describe and check every table before decoding anything.
  const specs = layouts.map((layout) => {
    if (layout.kind !== "bintable") return undefined;
    const spec = describeBinTable(layout, file);
    for (const column of spec.columns) assertDecodable(column, file, layout.index);
    return spec;
  });
  const hdus = layouts.map((layout, i): Hdu => {
    const spec = specs[i];
    if (layout.kind === "image") {
      return { ...layout, kind: "image", image: decodeImage(bytes, layout, file) };
    }
    if (layout.kind === "bintable" && spec !== undefined) {
      const columns = decodeColumns(bytes, layout, spec, spec.columns, file);
      return { ...layout, kind: "bintable", table: makeTable(layout, spec, columns, file) };
    }
    return { ...layout, kind: "other" };
  });
  return { file, hdus };
}

/**
 * Reads one BINTABLE extension (FITS 4.0 §7.3) into typed-array columns.
 *
 * Header walking is cheap; only the selected HDU's selected columns are decoded, one
 * pass per column over the rows, with no per-row objects. Throws {@link FitsError}
 * `"missing-hdu"` when the HDU does not exist or is not a BINTABLE,
 * `"missing-column"` (listing the available names) for unknown columns, and
 * `"unsupported"` for P/Q/C/M columns that are requested (or implied by reading all).
 */
export function readFitsTable(
  source: string | Uint8Array,
  options: FitsTableOptions = {},
): FitsTable {
  const { bytes, file } = loadBytes(source, options);
  const layouts = scanHdus(bytes, file);
  const layout = selectTableHdu(layouts, options.hdu, file);
  const spec = describeBinTable(layout, file);
  let selected: ColumnSpec[];
  if (options.columns === undefined) {
    selected = spec.columns;
  } else {
    const available = spec.columns.map((c) => c.name);
    selected = options.columns.map((name) => {
      const found = findColumn(spec.columns, name);
      if (found === undefined) throw missingColumn(file, layout, name, available);
      return found;
    });
  }
  for (const column of selected) assertDecodable(column, file, layout.index);
  const columns = decodeColumns(bytes, layout, spec, selected, file);
  return makeTable(layout, spec, columns, file);
}

/** Picks the BINTABLE HDU named by index or EXTNAME, or the first BINTABLE. */
function selectTableHdu(
  layouts: readonly HduLayout[],
  hdu: number | string | undefined,
  file: string,
): HduLayout {
  const describe = (l: HduLayout) =>
    `${l.index}${l.name === undefined ? "" : ` "${l.name}"`} (${l.xtension ?? "primary"})`;
  const listing = layouts.map(describe).join(", ");
  let found: HduLayout | undefined;
  if (hdu === undefined) {
    found = layouts.find((l) => l.kind === "bintable");
    if (found === undefined) {
      throw new FitsError({
        code: "missing-hdu",
        file,
        reason: `no BINTABLE extension in the file; HDUs: ${listing}`,
      });
    }
    return found;
  }
  if (typeof hdu === "number") {
    found = layouts[hdu];
  } else {
    const wanted = hdu.trim().toUpperCase();
    found = layouts.find((l) => l.name?.trim().toUpperCase() === wanted);
  }
  if (found === undefined) {
    throw new FitsError({
      code: "missing-hdu",
      file,
      hdu,
      reason: `no such HDU; HDUs: ${listing}`,
    });
  }
  if (found.kind !== "bintable") {
    throw new FitsError({
      code: "missing-hdu",
      file,
      hdu,
      reason: `HDU is not a binary table (it is ${found.xtension ?? "the primary array"}); HDUs: ${listing}`,
    });
  }
  return found;
}

/** Reads the file (or takes the bytes) and gunzips when needed. */
function loadBytes(
  source: string | Uint8Array,
  options: FitsReadOptions,
): { bytes: Uint8Array; file: string } {
  if (typeof source !== "string") {
    const file = options.name ?? "<memory>";
    return { bytes: maybeGunzip(source, file), file };
  }
  let raw: Uint8Array;
  try {
    raw = readFileSync(source);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new FitsError({
      code: "io",
      file: source,
      reason: `cannot read file (${message})`,
      cause,
    });
  }
  return { bytes: maybeGunzip(raw, source), file: source };
}
