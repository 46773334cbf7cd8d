/**
 * Training (spec §4.2): Adam on the mean negative log-likelihood, the train rows shuffled per
 * epoch (seeded), a checkpoint per epoch (`out/checkpoints/epoch-NNNN/`: weights, Adam state,
 * history) and resume from the latest; the final model in `out/` (`model.json`,
 * `weights.bin`, `hyperparameters.json`). A batch that runs out of memory is halved.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type * as tf from "@tensorflow/tfjs";
import { Effect, type Scope } from "effect";
import { type Tf, TfBackend, withBatchHalving } from "./backend.js";
import {
  batchStatisticsInEpoch,
  epochLearningRate,
  type SanConfig,
  validateConfig,
} from "./config.js";
import {
  type CubeData,
  fitTransform,
  gatherRows,
  loadCube,
  type Split,
  seededSplit,
  transformPhotometry,
} from "./data.js";
import {
  SanFileError,
  type SanInputError,
  TfComputeError,
  type TfOutOfMemory,
  type TfTransientError,
} from "./errors.js";
import {
  assignVariables,
  namedVariables,
  readTensors,
  type SanHyperParameters,
  saveSan,
  writeAtomic,
  writeTensors,
} from "./model-files.js";
import { RECALIBRATION_FILE } from "./recalibration.js";
import { mulberry32, permutation } from "./rng.js";
import { makeSan, type San, sanForward } from "./san.js";

export interface EpochReport {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly testLoss: number;
  readonly seconds: number;
  readonly stepsPerSecond: number;
  readonly batch: number;
  /** The learning rate this epoch trained at (absent in histories written before decay). */
  readonly learningRate?: number;
}

export interface TrainOptions {
  /** Cube file or folder of cube files (ignored when `data` is given). */
  readonly cube: string;
  readonly out: string;
  readonly config: SanConfig;
  /** Resume from the latest checkpoint in `out` (default true). */
  readonly resume?: boolean;
  /** Pre-loaded data (tests). */
  readonly data?: CubeData;
  /** Stop each epoch after this many steps (tests, benchmarks). */
  readonly maxStepsPerEpoch?: number;
  /** Held-out rows used for the per-epoch test loss (default all). */
  readonly testRows?: number;
  readonly onEpoch?: (report: EpochReport) => void;
}

export interface TrainResult {
  readonly history: readonly EpochReport[];
  readonly hp: SanHyperParameters;
  /** The epoch training resumed from (0 for a fresh start). */
  readonly resumedFrom: number;
}

/** A SAN whose variables are disposed when the scope closes. */
export const scopedSan = (t: Tf, make: () => San): Effect.Effect<San, never, Scope.Scope> =>
  Effect.acquireRelease(Effect.sync(make), (m) => Effect.sync(() => m.dispose()));

/** Prepared float32 inputs and targets with the split. */
export interface Prepared {
  readonly data: CubeData;
  readonly split: Split;
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly F: number;
  readonly D: number;
}

/** §4.1: the split, the transform fitted on the training rows, float32 x and y. */
export function prepare(
  data: CubeData,
  config: SanConfig,
  transform?: SanHyperParameters["transform"],
) {
  const F = data.bands.length;
  const D = data.columns.length;
  const split = seededSplit(data.rows, config.trainFraction, config.seed);
  const stats =
    transform ??
    fitTransform(
      config.photTransform,
      Float64Array.from(gatherRows(data.maggies, F, split.train)),
      F,
    );
  const prepared: Prepared = {
    data,
    split,
    x: transformPhotometry(stats, data.maggies, F),
    y: Float32Array.from(data.y),
    F,
    D,
  };
  return { prepared, stats };
}

const CHECKPOINTS = "checkpoints";
const epochDir = (out: string, epoch: number) =>
  join(out, CHECKPOINTS, `epoch-${String(epoch).padStart(4, "0")}`);

/** The latest complete checkpoint (its `state.json` is written last), or undefined. */
export function latestCheckpoint(out: string): { dir: string; epoch: number } | undefined {
  const root = join(out, CHECKPOINTS);
  if (!existsSync(root)) return undefined;
  const epochs = readdirSync(root)
    .map((d) => /^epoch-(\d+)$/.exec(d))
    .filter((m): m is RegExpExecArray => m !== null && existsSync(join(root, m[0], "state.json")))
    .map((m) => Number(m[1]))
    .sort((a, b) => b - a);
  return epochs.length === 0 ? undefined : { dir: epochDir(out, epochs[0]), epoch: epochs[0] };
}

/** Mean NLL over `rows` (eval mode, chunks of 4096). */
export function evalLoss(
  t: Tf,
  m: San,
  p: Prepared,
  rows: ArrayLike<number>,
  seed: number,
): number {
  let total = 0;
  for (let s = 0; s < rows.length; s += 4096) {
    const idx = Array.prototype.slice.call(rows, s, Math.min(rows.length, s + 4096)) as number[];
    total += t.tidy(() => {
      const x = t.tensor2d(gatherRows(p.x, p.F, idx), [idx.length, p.F]);
      const y = t.tensor2d(gatherRows(p.y, p.D, idx), [idx.length, p.D]);
      const loss = sanForward(t, m, x, y, false, seed + s).loss as tf.Scalar;
      return loss.dataSync()[0] * idx.length;
    });
  }
  return total / rows.length;
}

/** Trains a SAN on a cube; see the module comment for the files written. */
export const trainSan = (
  options: TrainOptions,
): Effect.Effect<
  TrainResult,
  SanFileError | SanInputError | TfOutOfMemory | TfTransientError | TfComputeError,
  TfBackend
> =>
  Effect.scoped(
    Effect.gen(function* () {
      const { tf: t } = yield* TfBackend;
      const config = options.config;
      const bad = validateConfig(config);
      if (bad !== undefined) return yield* bad;
      const data = options.data ?? (yield* loadCube(options.cube));
      const { prepared: p, stats } = prepare(data, config);
      const hp: SanHyperParameters = {
        format: "sidereal-san/1",
        config,
        shape: { condDim: p.F, dataDim: p.D },
        transform: stats,
        bands: data.bands,
        columns: data.columns,
        ranges: [...data.ranges],
        log: data.log,
        data: {
          cube: options.cube,
          rows: data.rows,
          trainFraction: config.trainFraction,
          seed: config.seed,
        },
      };
      const model = yield* scopedSan(t, () => makeSan(t, config, hp.shape));
      const optimizer = yield* Effect.acquireRelease(
        Effect.sync(() => t.train.adam(config.learningRate)),
        (o) => Effect.sync(() => o.dispose()),
      );
      let history: EpochReport[] = [];
      let start = 0;
      const latest = options.resume === false ? undefined : latestCheckpoint(options.out);
      if (latest !== undefined) {
        const w = yield* readTensors(t, latest.dir, "weights");
        yield* assignVariables(model, w.tensors, latest.dir);
        const o = yield* readTensors(t, latest.dir, "optimizer");
        const names = (o.manifest.order as string[] | undefined) ?? Object.keys(o.tensors);
        yield* Effect.tryPromise({
          try: () =>
            optimizer.setWeights(
              names.map((name) => ({ name, tensor: o.tensors[name] as tf.Tensor })),
            ),
          catch: (e) => new SanFileError({ file: latest.dir, reason: String(e) }),
        });
        for (const x of Object.values(o.tensors)) x.dispose();
        const state = JSON.parse(readFileSync(join(latest.dir, "state.json"), "utf8")) as {
          history: EpochReport[];
        };
        history = state.history;
        start = latest.epoch;
      }
      const testIdx =
        options.testRows === undefined ? p.split.test : p.split.test.slice(0, options.testRows);
      let batch = config.batch;
      const xb = new Float32Array(config.batch * p.F);
      const yb = new Float32Array(config.batch * p.D);
      for (let epoch = start; epoch < config.epochs; epoch++) {
        const t0 = performance.now();
        // tfjs's Adam reads its (protected) learningRate field on every step; setting it per
        // epoch from the epoch number keeps a resumed run on the same schedule.
        const lr = epochLearningRate(config, epoch);
        (optimizer as unknown as { learningRate: number }).learningRate = lr;
        const batchStatistics = batchStatisticsInEpoch(config, epoch);
        const order = permutation(p.split.train.length, mulberry32(config.seed + 1000 + epoch));
        let pos = 0;
        let steps = 0;
        let lossSum = 0;
        let lossRows = 0;
        const maxSteps = options.maxStepsPerEpoch ?? Number.POSITIVE_INFINITY;
        while (pos + 2 <= order.length && steps < maxSteps) {
          const step = steps;
          const asked = Math.min(batch, order.length - pos);
          const result = yield* withBatchHalving(
            asked,
            (b) => {
              const idx = Array.from(order.subarray(pos, pos + b), (i) => p.split.train[i]);
              const x = t.tensor2d(gatherRows(p.x, p.F, idx, xb.subarray(0, b * p.F)), [b, p.F]);
              const y = t.tensor2d(gatherRows(p.y, p.D, idx, yb.subarray(0, b * p.D)), [b, p.D]);
              const seed = (config.seed * 7919 + epoch * 1_000_003 + step * 97) >>> 0;
              const loss = optimizer.minimize(
                () => sanForward(t, model, x, y, batchStatistics, seed).loss as tf.Scalar,
                true,
                [...model.trainable],
              );
              return (loss as tf.Scalar).dataSync()[0];
            },
            2,
          );
          if (!Number.isFinite(result.value))
            return yield* new TfComputeError({
              reason: `non-finite training loss ${result.value} at epoch ${epoch + 1}, step ${step + 1}`,
            });
          lossSum += result.value * result.batch;
          lossRows += result.batch;
          // A halved batch (out of memory) is kept for the rest of training.
          if (result.batch < asked) batch = result.batch;
          pos += result.batch;
          steps++;
        }
        const seconds = (performance.now() - t0) / 1000;
        const report: EpochReport = {
          epoch: epoch + 1,
          trainLoss: lossSum / Math.max(1, lossRows),
          testLoss: testIdx.length > 0 ? evalLoss(t, model, p, testIdx, 17 + epoch) : Number.NaN,
          seconds,
          stepsPerSecond: steps / seconds,
          batch,
          learningRate: lr,
        };
        history.push(report);
        options.onEpoch?.(report);
        const dir = epochDir(options.out, epoch + 1);
        yield* writeTensors(t, dir, "weights", namedVariables(model));
        const ow = yield* Effect.promise(() => optimizer.getWeights());
        yield* writeTensors(t, dir, "optimizer", ow, { order: ow.map((w) => w.name) });
        yield* Effect.try({
          try: () =>
            writeAtomic(
              join(dir, "state.json"),
              JSON.stringify({ epoch: epoch + 1, history }, null, 1),
            ),
          catch: (e) => new SanFileError({ file: join(dir, "state.json"), reason: String(e) }),
        });
      }
      // A recalibration fitted to the previous weights no longer applies.
      yield* Effect.try({
        try: () => rmSync(join(options.out, RECALIBRATION_FILE), { force: true }),
        catch: (e) =>
          new SanFileError({ file: join(options.out, RECALIBRATION_FILE), reason: String(e) }),
      });
      yield* saveSan(t, model, options.out, hp);
      return { history, hp, resumedFrom: start };
    }),
  );
