/**
 * Combine + shuffle of partial cube files into one, in bounded memory (spec §2.5, §2.7).
 * agnfinder concatenates everything in RAM (2–3× the cube); here rows stream through disk:
 *
 * 1. every row of every partial (read in blocks, partials in the given order) is sent to one
 *    of B temporary bucket files, the bucket drawn uniformly at random;
 * 2. each bucket in turn is read, permuted uniformly, and written as the next block of the
 *    output.
 *
 * A uniformly random bucket assignment followed by a uniform permutation within each bucket
 * is a uniformly random permutation of all rows. Memory: one bucket (≈ `bucketRows` rows) plus
 * small per-bucket write buffers and one I/O block, whatever the cube's size. Draws come from `key(seed)`
 * (Threefry), so the output is a function of the partials, their order, the seed and
 * `bucketRows`. Without shuffling, rows are copied in order.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { foldIn, key, permutation, uniform } from "@sidereal/distributions";
import { Effect } from "effect";
import { CubeFileError } from "../errors.js";
import {
  type CubeInfo,
  type CubeRows,
  openCubeWriter,
  readCubeInfo,
  readCubeRows,
} from "./cube-file.js";

export interface CombineOptions {
  /** Shuffle the rows (agnfinder's `shuffle`, default true). */
  readonly shuffle?: boolean;
  /** Seed of the shuffle (default 0). */
  readonly seed?: number;
  /** Rows per bucket (default 2^16: ≈ 13 MB of DES rows in memory; raised so that there are
   * at most 512 buckets). Files are read and written in blocks of at most 16,384 rows. */
  readonly bucketRows?: number;
}

const MAX_BUCKETS = 512;
const FLUSH_ROWS = 256;
const IO_ROWS = 16_384;

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** Combines `partials` into `out` (atomically); returns the number of rows written. */
export function combineCubes(
  partials: readonly string[],
  out: string,
  options: CombineOptions = {},
): Effect.Effect<number, CubeFileError> {
  return Effect.gen(function* () {
    if (partials.length === 0)
      return yield* new CubeFileError({ file: out, reason: "no partial files to combine" });
    const infos: CubeInfo[] = [];
    for (const p of partials) infos.push(yield* readCubeInfo(p));
    const layout = infos[0].layout;
    for (const [i, info] of infos.entries())
      if (!same(info.layout.columns, layout.columns) || !same(info.layout.bands, layout.bands))
        return yield* new CubeFileError({
          file: partials[i],
          reason: `columns or bands differ from ${partials[0]} (${info.layout.columns.join(",")} | ${info.layout.bands.join(",")})`,
        });
    const D = layout.columns.length;
    const F = layout.bands.length;
    const W = 2 * D + F;
    const M = infos.reduce((s, i) => s + i.rows, 0);
    const shuffle = options.shuffle ?? true;
    let bucketRows = Math.max(1, Math.floor(options.bucketRows ?? 2 ** 16));
    if (Math.ceil(M / bucketRows) > MAX_BUCKETS) bucketRows = Math.ceil(M / MAX_BUCKETS);
    const B = shuffle ? Math.max(1, Math.ceil(M / bucketRows)) : 1;
    const blockRows = Math.min(IO_ROWS, bucketRows);
    const writer = yield* openCubeWriter(out, layout, M);
    const body = Effect.gen(function* () {
      if (!shuffle) {
        let offset = 0;
        for (const [p, info] of infos.entries())
          for (let s = 0; s < info.rows; s += blockRows) {
            const block = yield* readCubeRows(partials[p], s, Math.min(blockRows, info.rows - s));
            yield* writer.write(offset, block);
            offset += block.theta.length / D;
          }
        return;
      }
      const root = key(options.seed ?? 0);
      const assignKey = foldIn(root, 0);
      const permuteKey = foldIn(root, 1);
      const tmp = mkdtempSync(join(dirname(out), ".combine-"));
      try {
        // Pass 1: scatter rows into bucket files.
        const fds = Array.from({ length: B }, (_, b) =>
          openSync(join(tmp, `bucket-${b}.f64`), "w"),
        );
        const counts = new Float64Array(B);
        const buffers = Array.from({ length: B }, () => new Float64Array(FLUSH_ROWS * W));
        const fill = new Int32Array(B);
        const flush = (b: number) => {
          if (fill[b] === 0) return;
          const bytes = new Uint8Array(buffers[b].buffer, 0, fill[b] * W * 8);
          writeSync(fds[b], bytes);
          fill[b] = 0;
        };
        try {
          for (const [p, info] of infos.entries())
            for (let s = 0, blk = 0; s < info.rows; s += blockRows, blk++) {
              const n = Math.min(blockRows, info.rows - s);
              const block = yield* readCubeRows(partials[p], s, n);
              const u = uniform(foldIn(foldIn(assignKey, p), blk), [n]);
              for (let r = 0; r < n; r++) {
                const b = Math.min(Math.floor(u[r] * B), B - 1);
                const buf = buffers[b];
                const o = fill[b] * W;
                buf.set(block.theta.subarray(r * D, (r + 1) * D), o);
                buf.set(block.normalisedTheta.subarray(r * D, (r + 1) * D), o + D);
                buf.set(block.simulatedY.subarray(r * F, (r + 1) * F), o + 2 * D);
                fill[b]++;
                counts[b]++;
                if (fill[b] === FLUSH_ROWS) flush(b);
              }
            }
          for (let b = 0; b < B; b++) flush(b);
        } finally {
          for (const fd of fds) closeSync(fd);
        }
        // Pass 2: permute each bucket and append it to the output.
        let offset = 0;
        for (let b = 0; b < B; b++) {
          const file = join(tmp, `bucket-${b}.f64`);
          const raw = readFileSync(file);
          rmSync(file);
          // A Buffer's offset need not be 8-byte aligned: copy only in that case.
          const rows =
            raw.byteOffset % 8 === 0
              ? new Float64Array(raw.buffer, raw.byteOffset, raw.byteLength / 8)
              : new Float64Array(new Uint8Array(raw).buffer);
          const n = counts[b];
          const perm = permutation(foldIn(permuteKey, b), n);
          for (let s = 0; s < n; s += blockRows) {
            const m = Math.min(blockRows, n - s);
            const block: CubeRows = {
              theta: new Float64Array(m * D),
              normalisedTheta: new Float64Array(m * D),
              simulatedY: new Float64Array(m * F),
            };
            for (let r = 0; r < m; r++) {
              const src = perm[s + r] * W;
              block.theta.set(rows.subarray(src, src + D), r * D);
              block.normalisedTheta.set(rows.subarray(src + D, src + 2 * D), r * D);
              block.simulatedY.set(rows.subarray(src + 2 * D, src + W), r * F);
            }
            yield* writer.write(offset, block);
            offset += m;
          }
        }
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    });
    yield* body.pipe(Effect.tapError(() => writer.abort()));
    yield* writer.close();
    return M;
  });
}
