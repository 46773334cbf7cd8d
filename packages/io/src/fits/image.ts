/**
 * Image data of the primary HDU or an IMAGE extension (FITS 4.0 §3.3.2, §7.1): big-endian
 * integers or IEEE floats selected by BITPIX (§4.4.1.1 Table 8, §5.2, §5.3), converted to
 * physical values with BSCALE/BZERO and BLANK (§4.4.2.5).
 */
import { FitsError } from "./errors.js";
import type { HduLayout } from "./hdu.js";

/** A decoded image: physical values in FITS order (NAXIS1 varies fastest, §3.3.2). */
export interface FitsImage {
  /** BITPIX of the stored data. */
  bitpix: number;
  /** `[NAXIS1, NAXIS2, …]`: `shape[0]` is the fastest-varying axis. */
  shape: number[];
  /** `BZERO + BSCALE × stored`; BLANK pixels and float NaNs are NaN. */
  data: Float64Array;
  /** BSCALE (default 1). */
  bscale: number;
  /** BZERO (default 0). */
  bzero: number;
}

/**
 * Decodes an image HDU into a {@link FitsImage}, or returns `null` when NAXIS = 0 or any
 * axis is 0 (no data array). BITPIX = 64 values beyond 2^53 are rounded to the nearest
 * double, as any float64 image must. The caller must have checked the data is present.
 */
export function decodeImage(bytes: Uint8Array, layout: HduLayout, file: string): FitsImage | null {
  const { header, bitpix, axes } = layout;
  if (axes.length === 0 || layout.dataLength === 0) return null;
  const bscale = header.getNumber("BSCALE") ?? 1;
  const bzero = header.getNumber("BZERO") ?? 0;
  const blankValue = header.get("BLANK");
  if (
    blankValue !== undefined &&
    typeof blankValue !== "number" &&
    typeof blankValue !== "bigint"
  ) {
    throw new FitsError({
      code: "invalid-header",
      file,
      hdu: layout.index,
      reason: "BLANK must be an integer (FITS 4.0 §4.4.2.5)",
    });
  }
  // §4.4.2.5: BLANK applies to integer data only; floats use NaN.
  const blank = bitpix > 0 ? blankValue : undefined;
  const n = layout.dataLength / (Math.abs(bitpix) / 8);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = new Float64Array(n);
  const base = layout.dataOffset;
  const scaled = bscale !== 1 || bzero !== 0;
  const blankNum = blank === undefined ? undefined : Number(blank);
  const blankBig = blank === undefined ? undefined : BigInt(blank);

  for (let i = 0; i < n; i++) {
    let raw: number;
    switch (bitpix) {
      case 8:
        raw = view.getUint8(base + i);
        break;
      case 16:
        raw = view.getInt16(base + 2 * i, false);
        break;
      case 32:
        raw = view.getInt32(base + 4 * i, false);
        break;
      case 64: {
        const big = view.getBigInt64(base + 8 * i, false);
        if (big === blankBig) {
          data[i] = Number.NaN;
          continue;
        }
        raw = Number(big);
        break;
      }
      case -32:
        raw = view.getFloat32(base + 4 * i, false);
        break;
      default:
        raw = view.getFloat64(base + 8 * i, false);
    }
    if (bitpix !== 64 && raw === blankNum) data[i] = Number.NaN;
    else data[i] = scaled ? bzero + bscale * raw : raw;
  }
  return { bitpix, shape: axes.slice(), data, bscale, bzero };
}
