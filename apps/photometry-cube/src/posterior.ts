import { resolve } from "node:path";
import {
  type CatalogueColumns,
  defaultCatalogueColumns,
  denormalise,
  histogramMode,
  type IntervalLevels,
  intervalLevels,
  NOMINAL_LEVELS,
  quantileSorted,
  readRecalibration,
  samplePosterior,
  sortedColumn,
} from "@sidereal/nn";
import { THETA_COLUMNS } from "@sidereal/photometry";
import {
  appCommand,
  Flags,
  NonEmptyString,
  PositiveInt,
  Progress,
  Seed,
  withOutputDir,
  writeText,
} from "@sidereal/runtime";
import { Effect, Schema } from "effect";
import { BackendField, backendFlag } from "./backend-flag.js";
import { readCatalogueFile } from "./catalogue-file.js";
import { estimatesCsv, type GalaxyEstimate, writeEstimatesHdf5 } from "./estimates-file.js";
import { mapNnFailures } from "./nn-errors.js";
import { trainedModelDir, withSan } from "./san-inputs.js";

const PosteriorConfig = Schema.Struct({
  model: NonEmptyString,
  catalogue: NonEmptyString,
  out: NonEmptyString,
  samples: PositiveInt,
  seed: Seed,
  redshiftColumn: NonEmptyString,
  idColumn: Schema.optionalKey(NonEmptyString),
  noErrors: Schema.Boolean,
  nominal: Schema.Boolean,
  backend: BackendField,
});
type PosteriorConfig = typeof PosteriorConfig.Type;

/**
 * Median, mode and the central 68 % interval (`q16`, `q84`) per dimension of (n, D) normalised
 * samples, denormalised. The interval ends are the 16 % and 84 % sample quantiles, or, with a
 * model's recalibration, the quantiles at its recalibrated levels (`levels[j]`, nn's
 * `intervalLevels`), which held-out simulations showed to cover 68 %.
 */
export function summarise(
  samples: ArrayLike<number>,
  D: number,
  toPhysical: (unit: Float64Array) => Float64Array,
  levels: readonly IntervalLevels[] = [],
) {
  const median = new Float64Array(D);
  const mode = new Float64Array(D);
  const q16 = new Float64Array(D);
  const q84 = new Float64Array(D);
  for (let j = 0; j < D; j++) {
    const col = sortedColumn(samples, D, j);
    median[j] = quantileSorted(col, 0.5);
    mode[j] = histogramMode(col);
    const level = levels[j] ?? NOMINAL_LEVELS;
    q16[j] = quantileSorted(col, level.lo68);
    q84[j] = quantileSorted(col, level.hi68);
  }
  return {
    median: toPhysical(median),
    mode: toPhysical(mode),
    q16: toPhysical(q16),
    q84: toPhysical(q84),
  };
}

export const runPosterior = (c: PosteriorConfig) =>
  Effect.gen(function* () {
    const model = yield* trainedModelDir(c.model);
    const catalogueFile = resolve(c.catalogue);
    const progress = yield* Progress;
    yield* withOutputDir(c.out, (dir) =>
      mapNnFailures(
        withSan(c.backend, model, (t, san, hp) =>
          Effect.gen(function* () {
            const columns: CatalogueColumns = {
              ...defaultCatalogueColumns(hp.bands, c.redshiftColumn),
              ...(c.idColumn === undefined ? {} : { id: c.idColumn }),
            };
            const cat = yield* readCatalogueFile(catalogueFile, columns);
            const D = hp.columns.length;
            const recalibration = c.nominal ? undefined : yield* readRecalibration(model);
            const levels = hp.columns.map((col) => intervalLevels(recalibration, col));
            if (recalibration !== undefined)
              progress.message(
                `68 % intervals at the recalibrated levels of ${model}/recalibration.json (fitted on ${recalibration.rows} held-out noise-free simulations; --nominal for the 16/84 % quantiles)`,
              );
            const rows: GalaxyEstimate[] = [];
            const t0 = performance.now();
            let estimated = 0;
            for (const row of cat.rows) {
              const base = {
                id: row.id,
                missingBands: row.missingBands,
                redshiftOutOfRange: row.redshiftOutOfRange,
              };
              if (row.missingBands.length > 0) {
                rows.push(base);
                continue;
              }
              const samples = samplePosterior(
                t,
                san,
                hp.transform,
                row.maggies,
                c.samples,
                (c.seed + row.index * 7919) >>> 0,
                c.noErrors ? undefined : row.maggieErrors,
              );
              rows.push({ ...base, ...summarise(samples, D, (u) => denormalise(hp, u), levels) });
              estimated++;
              const rate = (estimated * c.samples) / ((performance.now() - t0) / 1000);
              progress.update(
                "posterior",
                row.index + 1,
                cat.rows.length,
                `${rate.toFixed(0)} samples/s`,
              );
            }
            const seconds = (performance.now() - t0) / 1000;
            const params = [...THETA_COLUMNS];
            yield* writeText(dir.file("estimates.csv"), estimatesCsv(params, rows));
            yield* writeEstimatesHdf5(dir.file("estimates.hdf5"), params, rows);
            const missing = rows.filter((r) => r.missingBands.length > 0);
            const zFlag = rows.filter((r) => r.redshiftOutOfRange);
            const list = (rs: GalaxyEstimate[]) =>
              rs
                .slice(0, 5)
                .map((r) => r.id)
                .join(", ") + (rs.length > 5 ? ", …" : "");
            if (missing.length > 0)
              progress.message(
                `${missing.length} rows not estimated (missing bands; see the status column): ${list(missing)}`,
              );
            if (zFlag.length > 0)
              progress.message(
                `${zFlag.length} rows with a redshift outside (0.01, 4), estimated and flagged: ${list(zFlag)}`,
              );
            progress.message(
              `${dir.path}: ${cat.rows.length} rows, ${estimated} estimated with ${c.samples} samples each, ${((estimated * c.samples) / Math.max(seconds, 1e-9)).toFixed(0)} samples/s`,
            );
          }),
        ),
        catalogueFile,
        dir.staging,
      ),
    );
  });

export const posteriorCommand = appCommand({
  name: "posterior",
  description:
    "posterior medians, modes and central 68 % intervals (recalibrated when the model has recalibration.json) of the 9 parameters for every galaxy of a CSV or FITS catalogue (spec §1.7 columns), with a trained SAN",
  config: PosteriorConfig,
  defaults: {
    samples: 10_000,
    seed: 0,
    redshiftColumn: "redshift",
    noErrors: false,
    nominal: false,
  },
  flags: {
    model: Flags.string("model", "model folder written by `train`"),
    catalogue: Flags.string("catalogue", "catalogue (.csv, or .fits with a binary table)"),
    out: Flags.string("out", "output folder (estimates.csv, estimates.hdf5)"),
    samples: Flags.int("samples", "posterior samples per galaxy (default 10000)"),
    seed: Flags.int("seed", "PRNG seed (default 0)"),
    redshiftColumn: Flags.string("redshift-column", "redshift column (default redshift)"),
    idColumn: Flags.string("id-column", "identifier column (default: the row number)"),
    noErrors: Flags.boolean("no-errors", "ignore the magnitude errors (no perturbed copies)"),
    nominal: Flags.boolean(
      "nominal",
      "ignore the model's recalibration.json: q16/q84 are the 16 % and 84 % sample quantiles",
    ),
    backend: backendFlag,
  },
  pathFields: ["model", "catalogue", "out"],
  run: runPosterior,
});
