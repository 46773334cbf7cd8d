/**
 * A training cube for the SAN from `@sidereal/photometry`: i.i.d. uniform rows of agnfinder's
 * 9-D hypercube through the galaxy + AGN forward model, written in blocks (bounded memory,
 * temporary name renamed on close). Used by the `validate` script and the tests.
 */
import { key } from "@sidereal/distributions";
import {
  agnfinderForwardModel,
  type CubeFileError,
  cubeLayout,
  defaultFreeParams,
  openCubeWriter,
  readCubeInfo,
  readCubeRows,
  simulateRows,
  uniformRows,
} from "@sidereal/photometry";
import { Effect } from "effect";

export interface MakeCubeOptions {
  readonly rows: number;
  readonly seed?: number;
  readonly blockRows?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Simulates `rows` hypercube rows into the cube file `path`. */
export const makeCube = (
  path: string,
  options: MakeCubeOptions,
): Effect.Effect<void, CubeFileError> =>
  Effect.gen(function* () {
    const model = yield* agnfinderForwardModel().pipe(Effect.orDie);
    const fp = defaultFreeParams();
    const layout = cubeLayout(fp, model.bands, model.photWave, "Euclid");
    const k = key(options.seed ?? 0);
    const block = options.blockRows ?? 5000;
    const writer = yield* openCubeWriter(path, layout, options.rows);
    for (let start = 0; start < options.rows; start += block) {
      const n = Math.min(block, options.rows - start);
      const unit = uniformRows(k, start, n, fp.columns.length);
      const rows = yield* Effect.try({
        try: () => simulateRows(model, fp, unit),
        catch: (e) => e,
      }).pipe(Effect.orDie);
      yield* writer.write(start, rows).pipe(Effect.tapError(() => writer.abort()));
      options.onProgress?.(start + n, options.rows);
    }
    yield* writer.close();
  });

/** The first `n` rows' maggies of a cube (e.g. to build a test catalogue). */
export const readCubeRowsForCatalogue = (
  path: string,
  n: number,
): Effect.Effect<number[][], CubeFileError> =>
  Effect.gen(function* () {
    const info = yield* readCubeInfo(path);
    const rows = yield* readCubeRows(path, 0, n);
    const F = info.layout.bands.length;
    return Array.from({ length: n }, (_, i) =>
      Array.from(rows.simulatedY.subarray(i * F, (i + 1) * F)),
    );
  });
