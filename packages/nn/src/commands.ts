/**
 * The three operations an app wires as commands (`photometry-cube train | posterior |
 * calibrate`), as Effects needing only `TfBackend`. Each writes its outputs under `out`
 * through temporary names, and reports progress through an optional callback.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Effect } from "effect";
import { TfBackend } from "./backend.js";
import { type Coverage, CoverageAccumulator, calibrationSvg } from "./calibration.js";
import { type CatalogueColumns, defaultCatalogueColumns, readCatalogue } from "./catalogue.js";
import { SAN_PRESETS, type SanConfig } from "./config.js";
import { gatherRows, loadCube, seededSplit, transformPhotometry } from "./data.js";
import { errorMessage, SanFileError, SanInputError } from "./errors.js";
import { loadSan, writeAtomic } from "./model-files.js";
import {
  fitRecalibration,
  RECALIBRATION_FILE,
  type Recalibration,
  recalibrationRows,
} from "./recalibration.js";
import { denormalise, estimates, sampleEach, samplePosterior } from "./sample.js";
import { type EpochReport, trainSan } from "./train.js";

export interface TrainCommand {
  readonly cube: string;
  readonly out: string;
  readonly preset?: keyof typeof SAN_PRESETS;
  readonly epochs?: number;
  readonly batch?: number;
  /** Module shape, e.g. [512, 512]. */
  readonly shape?: readonly number[];
  readonly components?: number;
  readonly learningRate?: number;
  readonly learningRateDecay?: number;
  /** Last epochs trained with frozen (eval-mode) batch norm. */
  readonly frozenBatchNormEpochs?: number;
  readonly trainFraction?: number;
  readonly seed?: number;
  readonly resume?: boolean;
  readonly onEpoch?: (r: EpochReport) => void;
}

/** The configuration a train command asks for: the preset (default `small`) with overrides. */
export const commandConfig = (c: TrainCommand): SanConfig => {
  const base = SAN_PRESETS[c.preset ?? "small"];
  return {
    ...base,
    ...(c.epochs === undefined ? {} : { epochs: c.epochs }),
    ...(c.batch === undefined ? {} : { batch: c.batch }),
    ...(c.shape === undefined ? {} : { moduleShape: [...c.shape] }),
    ...(c.components === undefined ? {} : { mixtureComponents: c.components }),
    ...(c.learningRate === undefined ? {} : { learningRate: c.learningRate }),
    ...(c.learningRateDecay === undefined ? {} : { learningRateDecay: c.learningRateDecay }),
    ...(c.frozenBatchNormEpochs === undefined
      ? {}
      : { frozenBatchNormEpochs: c.frozenBatchNormEpochs }),
    ...(c.trainFraction === undefined ? {} : { trainFraction: c.trainFraction }),
    ...(c.seed === undefined ? {} : { seed: c.seed }),
  };
};

/** `train --cube FILE --out DIR [--epochs --batch --shape 512,512]`. */
export const train = (c: TrainCommand) =>
  trainSan({
    cube: c.cube,
    out: c.out,
    config: commandConfig(c),
    ...(c.resume === undefined ? {} : { resume: c.resume }),
    ...(c.onEpoch === undefined ? {} : { onEpoch: c.onEpoch }),
  });

const fileError = (file: string) => (e: unknown) =>
  new SanFileError({ file, reason: errorMessage(e) });

export interface PosteriorCommand {
  readonly model: string;
  readonly catalogue: string;
  readonly out: string;
  /** Samples per galaxy (default 10,000, spec §4.2). */
  readonly samples?: number;
  /** Draw each copy's maggies from N(maggies, σ) (default true). */
  readonly useErrors?: boolean;
  readonly columns?: CatalogueColumns;
  readonly seed?: number;
  readonly onProgress?: (done: number, total: number, samplesPerSecond: number) => void;
}

export interface PosteriorSummary {
  readonly rows: number;
  readonly estimated: number;
  readonly missingBands: number;
  readonly redshiftOutOfRange: number;
  readonly samplesPerSecond: number;
  readonly file: string;
}

/**
 * `posterior --model DIR --catalogue FILE.csv --out DIR`: `DIR/estimates.csv`, one line per
 * catalogue row in order: id, status (`ok`, `missing_bands`), the missing bands, the redshift
 * flag, then `{param}_median` × 9 and `{param}_mode` × 9 (physical units; empty when skipped).
 */
export const posterior = (c: PosteriorCommand) =>
  Effect.scoped(
    Effect.gen(function* () {
      const { tf: t } = yield* TfBackend;
      const loaded = yield* Effect.acquireRelease(loadSan(t, c.model), ({ model }) =>
        Effect.sync(() => model.dispose()),
      );
      const { model, hp } = loaded;
      const cat = yield* readCatalogue(c.catalogue, c.columns ?? defaultCatalogueColumns(hp.bands));
      const n = c.samples ?? 10_000;
      const D = hp.columns.length;
      const header = [
        "id",
        "status",
        "missing_bands",
        "redshift_out_of_range",
        ...hp.columns.map((p) => `${p}_median`),
        ...hp.columns.map((p) => `${p}_mode`),
      ];
      const lines = [header.join(",")];
      const t0 = performance.now();
      let estimated = 0;
      for (const row of cat.rows) {
        const flags = [
          row.id,
          row.missingBands.length > 0 ? "missing_bands" : "ok",
          row.missingBands.join(";"),
          String(row.redshiftOutOfRange),
        ];
        if (row.missingBands.length > 0) {
          lines.push([...flags, ...new Array<string>(2 * D).fill("")].join(","));
          continue;
        }
        const samples = samplePosterior(
          t,
          model,
          hp.transform,
          row.maggies,
          n,
          (c.seed ?? 0) + row.index * 7919,
          c.useErrors === false ? undefined : row.maggieErrors,
        );
        const est = estimates(samples, D);
        const med = denormalise(hp, est.median);
        const mode = denormalise(hp, est.mode);
        lines.push([...flags, ...Array.from(med, String), ...Array.from(mode, String)].join(","));
        estimated++;
        c.onProgress?.(
          row.index + 1,
          cat.rows.length,
          (estimated * n) / ((performance.now() - t0) / 1000),
        );
      }
      const file = join(c.out, "estimates.csv");
      yield* Effect.try({
        try: () => {
          mkdirSync(c.out, { recursive: true });
          writeAtomic(file, `${lines.join("\n")}\n`);
        },
        catch: fileError(file),
      });
      const summary: PosteriorSummary = {
        rows: cat.rows.length,
        estimated,
        missingBands: cat.rows.filter((r) => r.missingBands.length > 0).length,
        redshiftOutOfRange: cat.rows.filter((r) => r.redshiftOutOfRange).length,
        samplesPerSecond: (estimated * n) / Math.max(1e-9, (performance.now() - t0) / 1000),
        file,
      };
      return summary;
    }),
  );

export interface CalibrateCommand {
  readonly model: string;
  readonly cube: string;
  readonly out: string;
  /** Held-out rows used (default all of the split's test rows not used by a recalibration). */
  readonly rows?: number;
  /** Posterior samples per row (default 1000). */
  readonly samples?: number;
  readonly seed?: number;
  /** Use the model's `recalibration.json` when it has one (default true). */
  readonly recalibrated?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

/** A model folder's recalibration, or undefined when it has none. */
export const readRecalibration = (
  model: string,
): Effect.Effect<Recalibration | undefined, SanFileError> => {
  const file = join(model, RECALIBRATION_FILE);
  return Effect.try({
    try: () => {
      if (!existsSync(file)) return undefined;
      const r = JSON.parse(readFileSync(file, "utf8")) as Recalibration;
      if (r.format !== "sidereal-san-recalibration/1")
        throw new Error(`format ${String(r.format)} is not sidereal-san-recalibration/1`);
      return r;
    },
    catch: fileError(file),
  });
};

/**
 * Posterior samples of held-out rows fed to `acc` (S per row, ~10,000 rows per pass), with
 * the model's own split; `select` picks the rows from the split's test rows.
 */
const accumulateHeldOut = (
  c: {
    readonly model: string;
    readonly cube: string;
    readonly samples?: number;
    readonly seed?: number;
    readonly onProgress?: (done: number, total: number) => void;
  },
  select: (test: Uint32Array) => Uint32Array,
  accumulator: (columns: readonly string[]) => CoverageAccumulator,
) =>
  Effect.scoped(
    Effect.gen(function* () {
      const { tf: t } = yield* TfBackend;
      const { model, hp } = yield* Effect.acquireRelease(loadSan(t, c.model), ({ model }) =>
        Effect.sync(() => model.dispose()),
      );
      const data = yield* loadCube(c.cube);
      if (data.rows !== hp.data.rows)
        return yield* new SanInputError({
          field: "cube",
          value: `${data.rows} rows`,
          reason: `the model was trained on a ${hp.data.rows}-row cube; its held-out rows are not identifiable in this one`,
        });
      const F = data.bands.length;
      const D = data.columns.length;
      const split = seededSplit(data.rows, hp.data.trainFraction, hp.data.seed);
      const test = select(split.test);
      const x = transformPhotometry(
        hp.transform,
        Float64Array.from(gatherRows(data.maggies, F, test)),
        F,
      );
      const acc = accumulator(data.columns);
      const S = c.samples ?? 1000;
      const perPass = Math.max(1, Math.floor(10_000 / S));
      for (let g = 0; g < test.length; g += perPass) {
        const G = Math.min(perPass, test.length - g);
        const samples = sampleEach(
          t,
          model,
          x.subarray(g * F, (g + G) * F),
          S,
          (c.seed ?? 1) + g * 104729,
        );
        for (let i = 0; i < G; i++) {
          const r = test[g + i];
          acc.add(
            samples.subarray(i * S * D, (i + 1) * S * D),
            data.y.subarray(r * D, (r + 1) * D),
          );
        }
        c.onProgress?.(g + G, test.length);
      }
      return { accumulator: acc, rows: test.length, samples: S, cubeRows: data.rows };
    }),
  );

/**
 * Coverage on the held-out rows of the model's own split (the computation of `calibrate`,
 * without writing): per parameter `{ c68, c95, n }`, and the PIT values for a calibration plot.
 * With a `recalibration.json` in the model folder (and `recalibrated` not false) the rows it
 * was fitted on are left out and the intervals use its levels; `c68Raw`/`c95Raw` then give
 * the nominal intervals' coverage on the same rows.
 */
export const calibrationCoverage = (c: Omit<CalibrateCommand, "out">) =>
  Effect.gen(function* () {
    const rec = c.recalibrated === false ? undefined : yield* readRecalibration(c.model);
    const r = yield* accumulateHeldOut(
      c,
      (test) => {
        const evaluate = rec === undefined ? test : recalibrationRows(test, rec.rows).evaluate;
        return c.rows === undefined ? evaluate : evaluate.slice(0, c.rows);
      },
      (columns) => new CoverageAccumulator(columns, rec),
    );
    const coverage: Record<string, Coverage> = r.accumulator.result();
    return { ...r, coverage, recalibration: rec };
  });

export interface RecalibrateCommand {
  readonly model: string;
  readonly cube: string;
  /** The last N held-out rows fit the recalibration (default 2000, at most half of them). */
  readonly rows?: number;
  /** Posterior samples per row (default 500). */
  readonly samples?: number;
  /** PRNG seed (default 2: other draws than `calibrate`'s default). */
  readonly seed?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * `recalibrate --model DIR --cube FILE`: fits the per-parameter recalibration (see
 * `recalibration.ts`) on the last `rows` held-out rows of the model's split and writes
 * `DIR/recalibration.json`; `calibrate` then evaluates only the other held-out rows.
 */
export const recalibrate = (c: RecalibrateCommand) =>
  Effect.gen(function* () {
    const samples = c.samples ?? 500;
    const seed = c.seed ?? 2;
    let fitRows = 0;
    const r = yield* accumulateHeldOut(
      { ...c, samples, seed },
      (test) => {
        const n = Math.min(c.rows ?? 2000, Math.floor(test.length / 2));
        fitRows = n;
        return recalibrationRows(test, n).fit;
      },
      (columns) => new CoverageAccumulator(columns),
    );
    const rec = fitRecalibration(r.accumulator.columns, r.accumulator.rawPit, {
      rows: fitRows,
      samples,
      seed,
    });
    const file = join(c.model, RECALIBRATION_FILE);
    yield* Effect.try({
      try: () => writeAtomic(file, `${JSON.stringify(rec, null, 1)}\n`),
      catch: fileError(file),
    });
    return { recalibration: rec, file, fitCoverage: r.accumulator.result(), cubeRows: r.cubeRows };
  });

/**
 * `calibrate --model DIR --cube FILE --out DIR`: on the held-out rows of the model's own split,
 * `DIR/coverage.json` = `{ param: { c68, c95, n } }` and `DIR/calibration.svg`.
 */
export const calibrate = (c: CalibrateCommand) =>
  Effect.gen(function* () {
    const r = yield* calibrationCoverage(c);
    yield* Effect.try({
      try: () => {
        mkdirSync(c.out, { recursive: true });
        writeAtomic(join(c.out, "coverage.json"), `${JSON.stringify(r.coverage, null, 1)}\n`);
        writeAtomic(join(c.out, "calibration.svg"), calibrationSvg(r.accumulator));
      },
      catch: fileError(c.out),
    });
    return {
      coverage: r.coverage,
      rows: r.rows,
      samples: r.samples,
      cubeRows: r.cubeRows,
      recalibrated: r.recalibration !== undefined,
    };
  });
