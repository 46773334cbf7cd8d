/**
 * Typed error raised by the FITS reader for every kind of bad input.
 *
 * Every failure mode of the reader funnels through {@link FitsError}, so callers can
 * branch on `_tag` / `code` instead of parsing messages. The message always names the
 * file and, when known, the HDU and the column.
 */

/** Machine-readable category of a {@link FitsError}. */
export type FitsErrorCode =
  /** The bytes do not start with a `SIMPLE` card (FITS 4.0 §4.4.1.1). */
  | "not-fits"
  /** The file ends before the header's END card or before the data the header announces. */
  | "truncated"
  /** A header card or mandatory keyword is malformed or inconsistent (FITS 4.0 §4, §7.3.1). */
  | "invalid-header"
  /** The file uses a feature this reader does not implement (e.g. P/Q variable-length arrays). */
  | "unsupported"
  /** The requested HDU (index or EXTNAME) does not exist or is not a binary table. */
  | "missing-hdu"
  /** A requested column name is not in the table. */
  | "missing-column"
  /** A conversion would lose information (e.g. int64 above 2^53 to float64). */
  | "precision-loss"
  /** The file could not be read or decompressed. */
  | "io";

/** Context and reason used to build a {@link FitsError}. */
export interface FitsErrorInit {
  /** Category of the failure. */
  code: FitsErrorCode;
  /** File path, or a label such as `"<memory>"` for in-memory bytes. */
  file: string;
  /** HDU index (0 = primary) or EXTNAME, when the failure is tied to one HDU. */
  hdu?: number | string;
  /** Column name, when the failure is tied to one BINTABLE column. */
  column?: string;
  /** Human-readable explanation, without the file/HDU/column prefix. */
  reason: string;
  /** Underlying error (I/O, zlib), if any. */
  cause?: unknown;
}

/**
 * Error thrown for any unreadable, truncated, malformed or unsupported FITS input.
 *
 * `message` has the form `FITS file "<file>", HDU <hdu>, column "<column>": <reason>`,
 * with the HDU and column parts present only when known.
 */
export class FitsError extends Error {
  /** Discriminant for tagged-union style error handling. */
  readonly _tag = "FitsError" as const;
  /** Category of the failure. */
  readonly code: FitsErrorCode;
  /** File path or in-memory label. */
  readonly file: string;
  /** HDU index (0 = primary) or EXTNAME, when known. */
  readonly hdu: number | string | undefined;
  /** Column name, when known. */
  readonly column: string | undefined;
  /** Explanation without the location prefix. */
  readonly reason: string;

  constructor(init: FitsErrorInit) {
    super(
      formatFitsErrorMessage(init),
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = "FitsError";
    this.code = init.code;
    this.file = init.file;
    this.hdu = init.hdu;
    this.column = init.column;
    this.reason = init.reason;
  }
}

/** Builds the message of a {@link FitsError} from its location and reason. */
export function formatFitsErrorMessage(init: Omit<FitsErrorInit, "code" | "cause">): string {
  let where = `FITS file "${init.file}"`;
  if (init.hdu !== undefined) {
    where += typeof init.hdu === "number" ? `, HDU ${init.hdu}` : `, HDU "${init.hdu}"`;
  }
  if (init.column !== undefined) where += `, column "${init.column}"`;
  return `${where}: ${init.reason}`;
}

/** True when `value` is a {@link FitsError} (also across realms/bundles, via `_tag`). */
export function isFitsError(value: unknown): value is FitsError {
  return (
    value instanceof FitsError ||
    (typeof value === "object" &&
      value !== null &&
      (value as { _tag?: unknown })._tag === "FitsError")
  );
}
