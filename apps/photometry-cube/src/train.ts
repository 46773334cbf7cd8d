import { resolve } from "node:path";
import { recalibrate, SAN_PRESETS, train } from "@sidereal/nn";
import {
  appCommand,
  ConfigError,
  checkOutputLocation,
  Flags,
  NonEmptyString,
  PositiveInt,
  Progress,
  reasonOf,
  Seed,
} from "@sidereal/runtime";
import { Effect, Schema } from "effect";
import { BackendField, backendFlag, withBackend } from "./backend-flag.js";
import { mapNnFailures } from "./nn-errors.js";
import { existingCube } from "./san-inputs.js";

const TrainConfig = Schema.Struct({
  cube: NonEmptyString,
  out: NonEmptyString,
  preset: Schema.Literals(["small", "agnfinder"]),
  epochs: Schema.optionalKey(PositiveInt),
  batch: Schema.optionalKey(PositiveInt),
  shape: Schema.optionalKey(NonEmptyString),
  mixtures: Schema.optionalKey(PositiveInt),
  lr: Schema.optionalKey(Schema.Finite),
  lrDecay: Schema.optionalKey(Schema.Finite),
  freezeBnEpochs: Schema.optionalKey(Schema.Int),
  trainFraction: Schema.optionalKey(Schema.Finite),
  seed: Schema.optionalKey(Seed),
  recalibrateRows: Schema.Int,
  backend: BackendField,
});
type TrainConfig = typeof TrainConfig.Type;

/** `--shape 512,512` → [512, 512]; anything but positive integers is a ConfigError. */
export const parseShape = (text: string): Effect.Effect<number[], ConfigError> => {
  const widths = text.split(",").map((s) => Number(s.trim()));
  return widths.every((w) => Number.isInteger(w) && w > 0)
    ? Effect.succeed(widths)
    : Effect.fail(
        new ConfigError({
          field: "--shape",
          reason: `${JSON.stringify(text)} is not a comma-separated list of positive integers`,
        }),
      );
};

export const runTrain = (c: TrainConfig) =>
  Effect.gen(function* () {
    const cube = yield* existingCube(c.cube);
    const out = resolve(c.out);
    yield* Effect.try({
      try: () => checkOutputLocation(out, "--out"),
      catch: (e) =>
        e instanceof ConfigError ? e : new ConfigError({ field: "--out", reason: reasonOf(e) }),
    });
    const shape = c.shape === undefined ? undefined : yield* parseShape(c.shape);
    if (c.recalibrateRows < 0)
      return yield* new ConfigError({
        field: "--recalibrate-rows",
        reason: `${c.recalibrateRows} is negative (0 skips the recalibration)`,
      });
    const progress = yield* Progress;
    const epochs = c.epochs ?? SAN_PRESETS[c.preset].epochs;
    const t0 = performance.now();
    const result = yield* mapNnFailures(
      withBackend(
        c.backend,
        train({
          cube,
          out,
          preset: c.preset,
          ...(c.epochs === undefined ? {} : { epochs: c.epochs }),
          ...(c.batch === undefined ? {} : { batch: c.batch }),
          ...(shape === undefined ? {} : { shape }),
          ...(c.mixtures === undefined ? {} : { components: c.mixtures }),
          ...(c.lr === undefined ? {} : { learningRate: c.lr }),
          ...(c.lrDecay === undefined ? {} : { learningRateDecay: c.lrDecay }),
          ...(c.freezeBnEpochs === undefined ? {} : { frozenBatchNormEpochs: c.freezeBnEpochs }),
          ...(c.trainFraction === undefined ? {} : { trainFraction: c.trainFraction }),
          ...(c.seed === undefined ? {} : { seed: c.seed }),
          onEpoch: (r) => {
            progress.message(
              `epoch ${r.epoch}/${epochs}: train loss ${r.trainLoss.toFixed(4)}, held-out loss ${r.testLoss.toFixed(4)}, ${(r.stepsPerSecond * r.batch).toFixed(0)} samples/s, lr ${r.learningRate?.toExponential(2) ?? "?"}, ${r.seconds.toFixed(1)} s`,
            );
          },
        }),
      ),
      cube,
      out,
    );
    const seconds = (performance.now() - t0) / 1000;
    progress.message(
      `${out}: model after ${result.history.length} epochs${result.resumedFrom > 0 ? ` (resumed from epoch ${result.resumedFrom})` : ""}, ${seconds.toFixed(1)} s this run`,
    );
    if (c.recalibrateRows > 0) {
      // The interval recalibration of the nn README ("Calibration"), on the last held-out rows.
      const t1 = performance.now();
      const r = yield* mapNnFailures(
        withBackend(
          c.backend,
          recalibrate({
            model: out,
            cube,
            rows: c.recalibrateRows,
            onProgress: (done, total) => progress.update("recalibrate", done, total),
          }),
        ),
        cube,
        out,
      );
      progress.message(
        `${r.file}: recalibration fitted on the last ${r.recalibration.rows} held-out rows (${r.recalibration.samples} samples each), ${((performance.now() - t1) / 1000).toFixed(1)} s`,
      );
    }
  });

export const trainCommand = appCommand({
  name: "train",
  description:
    "train the SAN (spec §4.2) on a cube: a checkpoint per epoch in --out, resumed from the latest when run again into the same folder",
  config: TrainConfig,
  defaults: { preset: "small", recalibrateRows: 2000 },
  flags: {
    cube: Flags.string("cube", "the training cube (.hdf5, or a folder of them)"),
    out: Flags.string("out", "model folder (checkpoints, then the model)"),
    preset: Flags.choice(
      "preset",
      ["small", "agnfinder"] as const,
      "small ([64,64], K 10, batch 512, lr 2e-3 × 0.9 per epoch, 36 epochs; default) or agnfinder ([512,512], K 10, batch 1024, lr 1e-4, 20 epochs)",
    ),
    epochs: Flags.int("epochs", "epochs (default: the preset's)"),
    batch: Flags.int("batch", "batch size (default: the preset's)"),
    shape: Flags.string("shape", "hidden widths of each block, e.g. 512,512"),
    mixtures: Flags.int("mixtures", "mixture components K per parameter"),
    lr: Flags.number("lr", "Adam learning rate"),
    lrDecay: Flags.number("lr-decay", "per-epoch learning-rate factor in (0, 1] (default 1)"),
    freezeBnEpochs: Flags.int(
      "freeze-bn-epochs",
      "train the last N epochs with batch norm frozen at its running statistics (default 0)",
    ),
    trainFraction: Flags.number("train-fraction", "train fraction of the seeded split (0.8)"),
    seed: Flags.int("seed", "seed of the split, the initial weights and the shuffles (0)"),
    recalibrateRows: Flags.int(
      "recalibrate-rows",
      "after training, fit recalibration.json (interval levels per parameter) on the last N held-out rows, at most half of them (default 2000; 0 skips it)",
    ),
    backend: backendFlag,
  },
  pathFields: ["cube", "out"],
  run: runTrain,
});
