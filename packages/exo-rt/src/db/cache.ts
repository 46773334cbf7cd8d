/**
 * A compact binary cache of parsed line lists. The key is the SHA-256 of the source
 * files' bytes (so an edited file never reuses a stale cache); the value is a small
 * header plus Float64 columns. Files are written to a temporary name and renamed.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MAGIC = "EXORTC01";

/** The default cache folder: `$SIDEREAL_EXO_RT_CACHE` or `<tmpdir>/sidereal-exo-rt`. */
export function defaultCacheDir(): string {
  return process.env.SIDEREAL_EXO_RT_CACHE ?? join(tmpdir(), "sidereal-exo-rt");
}

/** SHA-256 over a list of byte buffers (length-prefixed, so boundaries matter). */
export function hashBuffers(parts: readonly Uint8Array[]): string {
  const h = createHash("sha256");
  for (const p of parts) {
    h.update(String(p.length));
    h.update(":");
    h.update(p);
  }
  return h.digest("hex");
}

/** Reads named Float64 columns from the cache, or null when absent or unreadable. */
export function readCache(dir: string, key: string): Map<string, Float64Array> | null {
  let buf: Buffer;
  try {
    buf = readFileSync(join(dir, `${key}.bin`));
  } catch {
    return null;
  }
  if (buf.length < 16 || buf.toString("latin1", 0, 8) !== MAGIC) return null;
  const headerLen = buf.readUInt32LE(8);
  const header = JSON.parse(buf.toString("utf8", 12, 12 + headerLen)) as {
    columns: [string, number][];
  };
  let off = 12 + headerLen;
  off = Math.ceil(off / 8) * 8;
  const out = new Map<string, Float64Array>();
  for (const [name, len] of header.columns) {
    if (off + len * 8 > buf.length) return null;
    const col = new Float64Array(len);
    new Uint8Array(col.buffer).set(buf.subarray(off, off + len * 8));
    out.set(name, col);
    off += len * 8;
  }
  return out;
}

/** Writes named Float64 columns (best effort: a failure to cache is not an error). */
export function writeCache(dir: string, key: string, columns: Map<string, Float64Array>): void {
  try {
    mkdirSync(dir, { recursive: true });
    const header = Buffer.from(
      JSON.stringify({ columns: [...columns].map(([k, v]) => [k, v.length]) }),
      "utf8",
    );
    let off = 12 + header.length;
    const pad = Math.ceil(off / 8) * 8 - off;
    off += pad;
    let total = off;
    for (const v of columns.values()) total += v.length * 8;
    const out = Buffer.alloc(total);
    out.write(MAGIC, 0, "latin1");
    out.writeUInt32LE(header.length, 8);
    header.copy(out, 12);
    for (const v of columns.values()) {
      Buffer.from(v.buffer, v.byteOffset, v.byteLength).copy(out, off);
      off += v.byteLength;
    }
    const final = join(dir, `${key}.bin`);
    const tmp = `${final}.${process.pid}.tmp`;
    writeFileSync(tmp, out);
    renameSync(tmp, final);
  } catch {
    // caching is an optimisation; an unwritable folder only costs a re-parse
  }
}
