/**
 * HDU layout: walks the sequence of header-and-data units of a FITS file (FITS 4.0 §3.1,
 * §3.3–§3.5), checks the mandatory keywords (§4.4.1) and computes where each data array
 * starts and how long it is, without decoding any data.
 */
import { FitsError } from "./errors.js";
import { FITS_BLOCK, type FitsHeader, parseHeader } from "./header.js";

/** What kind of data an HDU holds, as far as this reader is concerned. */
export type HduKind =
  /** Primary array or IMAGE extension (FITS 4.0 §3.3.2, §7.1). */
  | "image"
  /** BINTABLE extension (FITS 4.0 §7.3). */
  | "bintable"
  /** Anything else (ASCII TABLE §7.2, random groups §6, unknown extensions): not decoded. */
  | "other";

/** Position and mandatory keywords of one HDU, before any data is decoded. */
export interface HduLayout {
  /** Position in the file: 0 is the primary HDU. */
  index: number;
  /** Data kind, see {@link HduKind}. */
  kind: HduKind;
  /** XTENSION value (e.g. `"BINTABLE"`), or `undefined` for the primary HDU. */
  xtension: string | undefined;
  /** EXTNAME (FITS 4.0 §4.4.2.6), or `undefined` when absent. */
  name: string | undefined;
  /** Parsed header. */
  header: FitsHeader;
  /** BITPIX (FITS 4.0 §4.4.1.1, Table 8). */
  bitpix: number;
  /** NAXIS1 … NAXISn, in header order (NAXIS1 varies fastest, §3.3.2). */
  axes: number[];
  /** PCOUNT (0 for the primary HDU). */
  pcount: number;
  /** GCOUNT (1 for the primary HDU). */
  gcount: number;
  /** Byte offset of the first header card. */
  headerOffset: number;
  /** Byte offset of the first data byte. */
  dataOffset: number;
  /** Data size in bytes without the padding to 2880 (FITS 4.0 §4.4.1.1 eq. 1, §7 eq. 2). */
  dataLength: number;
}

const VALID_BITPIX = new Set([8, 16, 32, 64, -32, -64]);

/**
 * Lists every HDU of a FITS byte stream: the primary HDU, then each extension that
 * starts on a block boundary with an XTENSION card (FITS 4.0 §3.4.1). Bytes after the
 * last HDU that do not start with XTENSION are treated as special records (§3.5) and
 * ignored.
 *
 * Throws {@link FitsError}: `"not-fits"` when the first card is not SIMPLE,
 * `"truncated"` when a header lacks its END card or the file is shorter than the data
 * the header announces, `"invalid-header"` for bad mandatory keywords.
 */
export function scanHdus(bytes: Uint8Array, file: string): HduLayout[] {
  if (!startsWithKeyword(bytes, 0, "SIMPLE")) {
    throw new FitsError({
      code: "not-fits",
      file,
      reason:
        "not a FITS file: it does not start with a SIMPLE card (FITS 4.0 §4.4.1.1 requires SIMPLE = T as the first keyword)",
    });
  }
  const hdus: HduLayout[] = [];
  let offset = 0;
  while (true) {
    const layout = readLayout(bytes, offset, hdus.length, file);
    hdus.push(layout);
    const end = layout.dataOffset + layout.dataLength;
    if (end > bytes.length) {
      throw new FitsError({
        code: "truncated",
        file,
        hdu: layout.index,
        reason: `truncated data: the header announces ${layout.dataLength} data bytes from byte ${layout.dataOffset}, but the file has only ${Math.max(0, bytes.length - layout.dataOffset)}`,
      });
    }
    offset = layout.dataOffset + Math.ceil(layout.dataLength / FITS_BLOCK) * FITS_BLOCK;
    if (!startsWithKeyword(bytes, offset, "XTENSION")) break;
  }
  return hdus;
}

/** True when the card at `offset` has `keyword` followed by the value indicator "= ". */
function startsWithKeyword(bytes: Uint8Array, offset: number, keyword: string): boolean {
  if (offset + 10 > bytes.length) return false;
  const padded = keyword.padEnd(8, " ");
  for (let i = 0; i < 8; i++) {
    if (bytes[offset + i] !== padded.charCodeAt(i)) return false;
  }
  return bytes[offset + 8] === 0x3d /* '=' */;
}

/** Parses one HDU's header and derives its layout. */
function readLayout(bytes: Uint8Array, offset: number, index: number, file: string): HduLayout {
  const { header, dataOffset } = parseHeader(bytes, offset, { file, hdu: index });
  const primary = index === 0;
  const fail = (reason: string): never => {
    throw new FitsError({ code: "invalid-header", file, hdu: index, reason });
  };
  const int = (key: string, fallback?: number): number => {
    const v = header.get(key);
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== "number" || !Number.isSafeInteger(v)) {
      return fail(
        v === undefined
          ? `missing mandatory keyword ${key}`
          : `keyword ${key} must be an integer, got ${String(v)}`,
      );
    }
    return v;
  };

  let xtension: string | undefined;
  if (primary) {
    // §4.4.1.1: SIMPLE = T means the file conforms to the standard.
    if (header.get("SIMPLE") !== true) {
      fail("SIMPLE is not T: the file does not claim to conform to the FITS standard");
    }
  } else {
    xtension = header.getString("XTENSION")?.trim().toUpperCase();
    if (xtension === undefined) fail("XTENSION must be a string (FITS 4.0 §4.4.1.2)");
  }
  const bitpix = int("BITPIX");
  if (!VALID_BITPIX.has(bitpix)) {
    fail(`BITPIX = ${bitpix} is not one of 8, 16, 32, 64, -32, -64 (FITS 4.0 Table 8)`);
  }
  const naxis = int("NAXIS");
  if (naxis < 0 || naxis > 999) fail(`NAXIS = ${naxis} is outside 0…999 (FITS 4.0 §4.4.1.1)`);
  const axes: number[] = [];
  for (let i = 1; i <= naxis; i++) {
    const n = int(`NAXIS${i}`);
    if (n < 0) fail(`NAXIS${i} = ${n} is negative`);
    axes.push(n);
  }
  // §4.4.1.2: PCOUNT and GCOUNT are mandatory in extensions; the primary has 0 and 1.
  const pcount = primary ? int("PCOUNT", 0) : int("PCOUNT");
  const gcount = primary ? int("GCOUNT", 1) : int("GCOUNT");
  if (pcount < 0 || gcount < 0) fail("PCOUNT and GCOUNT must be non-negative");

  // Random groups (§6.1): primary with NAXIS1 = 0 and GROUPS = T; NAXIS1 is left out of
  // the size product.
  const groups = primary && naxis >= 1 && axes[0] === 0 && header.get("GROUPS") === true;
  let kind: HduKind = "other";
  if (!groups && (primary || xtension === "IMAGE")) kind = "image";
  else if (xtension === "BINTABLE") kind = "bintable";

  // Data size (§4.4.1.1 eq. 1; §7 eq. 2; §6.2 for random groups).
  let elements = 0;
  if (naxis > 0) {
    elements = 1;
    for (let i = groups ? 1 : 0; i < naxis; i++) elements *= axes[i]!;
    if (groups || !primary) elements = gcount * (pcount + elements);
  }
  const dataLength = (Math.abs(bitpix) / 8) * elements;
  if (!Number.isSafeInteger(dataLength)) fail(`data size ${dataLength} bytes is not representable`);

  const extname = header.getString("EXTNAME");
  return {
    index,
    kind,
    xtension,
    name: extname === undefined ? undefined : extname,
    header,
    bitpix,
    axes,
    pcount,
    gcount,
    headerOffset: offset,
    dataOffset,
    dataLength,
  };
}
