/**
 * Conversion of decoded BINTABLE columns to Float64Array, refusing to lose integer
 * precision (float64 represents every integer only up to 2^53).
 */
import type { FitsColumn } from "./bintable.js";
import { FitsError } from "./errors.js";

const LIMIT = 2n ** 53n;

/**
 * Returns the column's values as a Float64Array.
 *
 * - float64 columns are returned as-is (same array, no copy) unless they have nulls to mark;
 * - float32 and 8/16/32-bit integer columns are widened exactly;
 * - int64/uint64 columns are converted only when every value has |v| ≤ 2^53; otherwise a
 *   {@link FitsError} `"precision-loss"` naming the column is thrown (Gaia `source_id`
 *   must stay BigInt);
 * - L and X columns become 0/1;
 * - entries flagged in `nulls` (TNULLn, or null logicals) become NaN, and are skipped by
 *   the 2^53 check.
 *
 * Throws a {@link FitsError} `"unsupported"` for string (A) columns.
 */
export function asFloat64(column: FitsColumn): Float64Array {
  const { nulls } = column;
  switch (column.dtype) {
    case "string":
      throw new FitsError({
        code: "unsupported",
        file: column.file,
        hdu: column.hdu,
        column: column.name,
        reason: `cannot convert a string column (TFORM '${column.tform}') to Float64Array`,
      });
    case "int64":
    case "uint64": {
      const src = column.data;
      const out = new Float64Array(src.length);
      for (let i = 0; i < src.length; i++) {
        if (nulls !== null && nulls[i] === 1) {
          out[i] = Number.NaN;
          continue;
        }
        const v = src[i]!;
        if (v > LIMIT || v < -LIMIT) {
          throw new FitsError({
            code: "precision-loss",
            file: column.file,
            hdu: column.hdu,
            column: column.name,
            reason: `value ${v} at index ${i} exceeds 2^53 in magnitude and cannot be represented exactly as a float64; keep this column as ${column.dtype === "int64" ? "BigInt64Array" : "BigUint64Array"}`,
          });
        }
        out[i] = Number(v);
      }
      return out;
    }
    default: {
      const src = column.data;
      if (src instanceof Float64Array && (nulls === null || !nulls.includes(1))) return src;
      const out = Float64Array.from(src);
      if (nulls !== null) {
        for (let i = 0; i < out.length; i++) if (nulls[i] === 1) out[i] = Number.NaN;
      }
      return out;
    }
  }
}
