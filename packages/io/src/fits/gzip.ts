/**
 * Transparent gzip support: FITS files are commonly distributed as `*.fits.gz`
 * (whole-file gzip, RFC 1952). The FITS standard itself does not define compression of
 * whole files (FITS 4.0 §10 covers tiled compression only), so this is a container
 * layer applied before any FITS parsing.
 */
import { gunzipSync } from "node:zlib";
import { FitsError } from "./errors.js";

/** True when `bytes` begin with the gzip magic number 0x1f 0x8b (RFC 1952 §2.3.1). */
export function hasGzipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Returns the decompressed bytes when `bytes` are gzip-compressed (magic number 1f 8b,
 * whatever the name; `file` is only used in error messages), otherwise `bytes` unchanged.
 *
 * Throws a {@link FitsError} with code `"truncated"` for a cut-off gzip stream and `"io"`
 * for other zlib failures, so that a corrupt archive never yields partial data.
 */
export function maybeGunzip(bytes: Uint8Array, file: string): Uint8Array {
  // The magic number decides, not the name: a `.gz` name on plain bytes (archives do
  // serve uncompressed files under compressed names) falls through to FITS parsing,
  // which validates the SIMPLE card and reports "not-fits" for anything else.
  if (!hasGzipMagic(bytes)) return bytes;
  try {
    const out = gunzipSync(bytes);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const truncated = /unexpected end|incomplete|truncat/i.test(message);
    throw new FitsError({
      code: truncated ? "truncated" : "io",
      file,
      reason: `gzip decompression failed (${message})`,
      cause,
    });
  }
}
