import { calibrationCoverage, pitCoverage } from "@sidereal/nn";
import { plotLines } from "@sidereal/plots";
import {
  appCommand,
  Flags,
  NonEmptyString,
  PositiveInt,
  Progress,
  Seed,
  withOutputDir,
  writeJson,
  writeText,
} from "@sidereal/runtime";
import { Effect, Schema } from "effect";
import { BackendField, backendFlag, withBackend } from "./backend-flag.js";
import { mapNnFailures } from "./nn-errors.js";
import { existingCube, trainedModelDir } from "./san-inputs.js";

const CalibrateConfig = Schema.Struct({
  model: NonEmptyString,
  cube: NonEmptyString,
  out: NonEmptyString,
  rows: Schema.optionalKey(PositiveInt),
  samples: PositiveInt,
  seed: Seed,
  nominal: Schema.Boolean,
  backend: BackendField,
});
type CalibrateConfig = typeof CalibrateConfig.Type;

/** Nominal levels of the calibration curve. */
export const LEVELS = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);

/** Ten distinguishable line colours (matplotlib's tab10): nine parameters need more than the palette's eight. */
const COLOURS = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#17becf",
  "#bcbd22",
  "#7f7f7f",
];

/** The calibration plot (see the module doc) through @sidereal/plots. */
export const calibrationPlot = (
  columns: readonly string[],
  pit: readonly (readonly number[])[],
  n: number,
): string =>
  plotLines(
    [
      { x: [0, 1], y: [0, 1], color: "#888888", dash: "4 3", label: "nominal" },
      ...columns.map((c, j) => ({
        x: [0, ...LEVELS, 1],
        y: [0, ...pitCoverage(pit[j] ?? [], LEVELS), 1],
        label: c,
        color: COLOURS[j % COLOURS.length],
      })),
    ],
    {
      title: `Coverage of central intervals, ${n} held-out rows`,
      xLabel: "nominal level",
      yLabel: "empirical coverage",
      width: 640,
      height: 520,
    },
  );

export const runCalibrate = (c: CalibrateConfig) =>
  Effect.gen(function* () {
    const model = yield* trainedModelDir(c.model);
    const cube = yield* existingCube(c.cube);
    const progress = yield* Progress;
    yield* withOutputDir(c.out, (dir) =>
      Effect.gen(function* () {
        const t0 = performance.now();
        const r = yield* mapNnFailures(
          withBackend(
            c.backend,
            calibrationCoverage({
              model,
              cube,
              samples: c.samples,
              seed: c.seed,
              recalibrated: !c.nominal,
              ...(c.rows === undefined ? {} : { rows: c.rows }),
              onProgress: (done, total) => progress.update("calibrate", done, total),
            }),
          ),
          cube,
        );
        const seconds = (performance.now() - t0) / 1000;
        yield* writeJson(dir.file("coverage.json"), r.coverage);
        const columns = Object.keys(r.coverage);
        yield* writeText(
          dir.file("calibration.svg"),
          calibrationPlot(columns, r.accumulator.pit, r.rows),
        );
        for (const [p, v] of Object.entries(r.coverage))
          progress.message(
            `${p}: c68 ${v.c68.toFixed(3)}, c95 ${v.c95.toFixed(3)} (n ${v.n})${
              v.c68Raw === undefined || v.c95Raw === undefined
                ? ""
                : `; nominal intervals c68 ${v.c68Raw.toFixed(3)}, c95 ${v.c95Raw.toFixed(3)}`
            }`,
          );
        if (r.recalibration !== undefined)
          progress.message(
            `recalibrated (recalibration.json, fitted on the last ${r.recalibration.rows} held-out rows, left out here)`,
          );
        progress.message(
          `${dir.path}: ${r.rows} held-out rows of a ${r.cubeRows}-row cube, ${r.samples} samples each, ${seconds.toFixed(1)} s`,
        );
      }),
    );
  });

export const calibrateCommand = appCommand({
  name: "calibrate",
  description:
    "coverage of the central 68 % and 95 % posterior intervals per parameter on the held-out rows of the model's own split (coverage.json, calibration.svg)",
  config: CalibrateConfig,
  defaults: { samples: 1000, seed: 1, nominal: false },
  flags: {
    model: Flags.string("model", "model folder written by `train`"),
    cube: Flags.string("cube", "the cube the model was trained on"),
    out: Flags.string("out", "output folder (coverage.json, calibration.svg)"),
    rows: Flags.int("rows", "use the first N held-out rows (default all)"),
    samples: Flags.int("samples", "posterior samples per row (default 1000)"),
    seed: Flags.int("seed", "PRNG seed (default 1)"),
    nominal: Flags.boolean(
      "nominal",
      "ignore the model's recalibration.json: nominal intervals on all held-out rows",
    ),
    backend: backendFlag,
  },
  pathFields: ["model", "cube", "out"],
  run: runCalibrate,
});
