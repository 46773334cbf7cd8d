/**
 * A cheap check of an HDF5 file before HDF5 opens it, so that a truncated or foreign file is
 * a one-line `DataError` rather than the HDF5 library's error stack on stderr: the superblock
 * signature (at 0, 512, 1024, … as the format allows) and the end-of-file address the
 * superblock declares (HDF5 File Format Specification, "Superblock", versions 0–3) against
 * the file's size.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { DataError } from "@sidereal/runtime";
import { Effect } from "effect";

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

function readAt(fd: number, offset: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  const n = readSync(fd, b, 0, length, offset);
  return b.subarray(0, n);
}

const address = (b: Buffer, at: number, size: number): number =>
  size === 8 ? Number(b.readBigUInt64LE(at)) : size === 4 ? b.readUInt32LE(at) : Number.NaN;

/** The problem with `file` as an HDF5 file, or undefined when it looks whole. */
export function hdf5Problem(file: string): string | undefined {
  const size = statSync(file).size;
  const fd = openSync(file, "r");
  try {
    for (let at = 0; at + 8 <= size; at = at === 0 ? 512 : 2 * at) {
      const b = readAt(fd, at, 128);
      if (!SIGNATURE.every((v, i) => b[i] === v)) continue;
      const version = b[8];
      let eofAt: number;
      let offsetSize: number;
      if (version === 0 || version === 1) {
        offsetSize = b[13];
        // 24 fixed bytes (v1: 4 more), then base, free-space and end-of-file addresses
        eofAt = (version === 0 ? 24 : 28) + 2 * offsetSize;
      } else {
        offsetSize = b[9];
        // 12 fixed bytes, then base, extension and end-of-file addresses
        eofAt = 12 + 2 * offsetSize;
      }
      if (b.length < eofAt + offsetSize) return `truncated: ${size} bytes, inside its superblock`;
      const base = address(b, eofAt - 2 * offsetSize, offsetSize);
      const eof = address(b, eofAt, offsetSize) + (Number.isFinite(base) ? base : 0);
      if (!Number.isFinite(eof))
        return `unsupported HDF5 superblock (offsets of ${offsetSize} bytes)`;
      return size < eof
        ? `truncated: ${size} bytes of the ${eof} its superblock declares`
        : undefined;
    }
    return "not an HDF5 file (no superblock signature)";
  } finally {
    closeSync(fd);
  }
}

/** Fails with a DataError naming `file` when it is missing, truncated or not HDF5. */
export const checkHdf5File = (file: string): Effect.Effect<void, DataError> =>
  Effect.suspend(() => {
    let problem: string | undefined;
    try {
      problem = hdf5Problem(file);
    } catch (e) {
      problem = (e as { code?: string }).code === "ENOENT" ? "no such file" : String(e);
    }
    return problem === undefined
      ? Effect.void
      : Effect.fail(new DataError({ file, reason: problem }));
  });
