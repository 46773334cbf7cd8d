/**
 * `photometry-cube recalibrate --model DIR --cube FILE`: fits the per-parameter recalibration
 * of the SAN's intervals (@sidereal/nn `recalibrate`) on the last held-out rows of the model's
 * split and writes `DIR/recalibration.json`; `calibrate` then uses it on the other held-out
 * rows (nn README, "Calibration").
 */
import { recalibrate, recalibratedLevel } from "@sidereal/nn";
import { appCommand, Flags, NonEmptyString, PositiveInt, Progress, Seed } from "@sidereal/runtime";
import { Effect, Schema } from "effect";
import { BackendField, backendFlag, withBackend } from "./backend-flag.js";
import { mapNnFailures } from "./nn-errors.js";
import { existingCube, trainedModelDir } from "./san-inputs.js";

const RecalibrateConfig = Schema.Struct({
  model: NonEmptyString,
  cube: NonEmptyString,
  rows: PositiveInt,
  samples: PositiveInt,
  seed: Seed,
  backend: BackendField,
});
type RecalibrateConfig = typeof RecalibrateConfig.Type;

export const runRecalibrate = (c: RecalibrateConfig) =>
  Effect.gen(function* () {
    const model = yield* trainedModelDir(c.model);
    const cube = yield* existingCube(c.cube);
    const progress = yield* Progress;
    const t0 = performance.now();
    const r = yield* mapNnFailures(
      withBackend(
        c.backend,
        recalibrate({
          model,
          cube,
          rows: c.rows,
          samples: c.samples,
          seed: c.seed,
          onProgress: (done, total) => progress.update("recalibrate", done, total),
        }),
      ),
      cube,
    );
    for (const [p, table] of Object.entries(r.recalibration.pitQuantiles)) {
      const lv = (q: number) => recalibratedLevel(table, q).toFixed(3);
      progress.message(
        `${p}: 68 % interval at levels ${lv(0.16)}–${lv(0.84)}, 95 % at ${lv(0.025)}–${lv(0.975)}`,
      );
    }
    progress.message(
      `${r.file}: fitted on the last ${r.recalibration.rows} held-out rows of a ${r.cubeRows}-row cube, ${r.recalibration.samples} samples each, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  });

export const recalibrateCommand = appCommand({
  name: "recalibrate",
  description:
    "fit per-parameter interval levels (recalibration.json in the model folder) on the last held-out rows of the model's split; calibrate then uses them on the other held-out rows",
  config: RecalibrateConfig,
  defaults: { rows: 2000, samples: 500, seed: 2 },
  flags: {
    model: Flags.string("model", "model folder written by `train` (recalibration.json goes here)"),
    cube: Flags.string("cube", "the cube the model was trained on"),
    rows: Flags.int("rows", "fit on the last N held-out rows (default 2000, at most half)"),
    samples: Flags.int("samples", "posterior samples per row (default 500)"),
    seed: Flags.int("seed", "PRNG seed (default 2)"),
    backend: backendFlag,
  },
  pathFields: ["model", "cube"],
  run: runRecalibrate,
});
