import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "@effect/vitest";
import { Effect } from "effect";
import {
  batchStatisticsInEpoch,
  blockInputDim,
  fileName,
  loadSan,
  makeSan,
  mogLogProb,
  mogSample,
  mogScale,
  sampleRow,
  sanForward,
  squareplus,
  TfBackend,
  trainSan,
  transformPhotometry,
} from "../src/index.js";
import { syntheticCube, TINY } from "./fixtures.js";

const backend = TfBackend.layer({ prefer: ["wasm", "cpu"] });
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "nn-test-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("SAN building blocks", () => {
  it.effect("squareplus and the stabilised MoG scale", () =>
    Effect.gen(function* () {
      const { tf } = yield* TfBackend;
      const x = tf.tensor1d([-3, 0, 2, -1e4]);
      const sp = squareplus(tf, x).arraySync() as number[];
      // (x + √(x² + 4))/2: exact values for −3, 0, 2.
      expect(sp[0]).toBeCloseTo((-3 + Math.sqrt(13)) / 2, 5);
      expect(sp[1]).toBeCloseTo(1, 6);
      expect(sp[2]).toBeCloseTo((2 + Math.sqrt(8)) / 2, 5);
      // The naive float32 formula rounds squareplus(−1e4) to 0; the exact value is 2/(√(1e8 + 4) + 1e4) ≈ 1e-4.
      expect(sp[3]).toBeCloseTo(2 / (Math.sqrt(1e8 + 4) + 1e4), 9);
      const s = mogScale(tf, x, 1e-4, 1e-4).arraySync() as number[];
      for (const v of s) expect(v).toBeGreaterThanOrEqual(1e-4);
      expect(s[1]).toBeCloseTo(1 * (1 + 1e-4) + 1e-4, 6);
    }).pipe(Effect.provide(backend)),
  );

  it.effect("MoG log density equals the hand-computed mixture", () =>
    Effect.gen(function* () {
      const { tf } = yield* TfBackend;
      const p = {
        loc: tf.tensor2d([[-2, 3]]),
        scale: tf.tensor2d([[0.5, 1]]),
        logits: tf.tensor2d([[Math.log(0.3), Math.log(0.7)]]),
      };
      const y = 0.4;
      const npdf = (v: number, m: number, s: number) =>
        Math.exp(-0.5 * ((v - m) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
      const expected = Math.log(0.3 * npdf(y, -2, 0.5) + 0.7 * npdf(y, 3, 1));
      const got = mogLogProb(tf, p, tf.tensor2d([[y]])).dataSync()[0];
      expect(got).toBeCloseTo(expected, 4); // float32
    }).pipe(Effect.provide(backend)),
  );

  it.effect("samples of a known 1-D mixture have its mean, variance and mass below 0", () =>
    Effect.gen(function* () {
      const { tf } = yield* TfBackend;
      const n = 20000;
      const p = {
        loc: tf.tile(tf.tensor2d([[-2, 3]]), [n, 1]) as import("@tensorflow/tfjs").Tensor2D,
        scale: tf.tile(tf.tensor2d([[0.5, 1]]), [n, 1]) as import("@tensorflow/tfjs").Tensor2D,
        logits: tf.tile(tf.tensor2d([[Math.log(0.3), Math.log(0.7)]]), [
          n,
          1,
        ]) as import("@tensorflow/tfjs").Tensor2D,
      };
      const s = Array.from(mogSample(tf, p, 123).dataSync());
      const mean = s.reduce((a, b) => a + b, 0) / n;
      const variance = s.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
      // Exact: mean 0.3(−2) + 0.7(3) = 1.5; variance Σw(σ² + μ²) − 1.5² = 6.025;
      // P(y < 0) = 0.3Φ(4) + 0.7Φ(−3) = 0.300936. Tolerances ≈ 4 standard errors for n = 20000.
      expect(Math.abs(mean - 1.5)).toBeLessThan(4 * Math.sqrt(6.025 / n));
      expect(Math.abs(variance - 6.025)).toBeLessThan(0.25);
      const below = s.filter((v) => v < 0).length / n;
      expect(Math.abs(below - 0.300936)).toBeLessThan(4 * Math.sqrt(0.21 / n));
    }).pipe(Effect.provide(backend)),
  );

  it.effect("forward pass shapes; block inputs are [x, s, ŷ_<d]", () =>
    Effect.gen(function* () {
      const { tf } = yield* TfBackend;
      const shape = { condDim: 4, dataDim: 3 };
      const m = makeSan(tf, TINY, shape);
      try {
        expect(blockInputDim(shape, TINY, 0)).toBe(4);
        expect(blockInputDim(shape, TINY, 2)).toBe(4 + TINY.sequenceFeatures + 2);
        expect(m.blocks[2]?.body[0]?.dense.kernel.shape).toEqual([4 + 4 + 2, 16]);
        expect(m.blocks[0]?.lik.kernel.shape).toEqual([16, 3 * TINY.mixtureComponents]);
        const out = tf.tidy(() => {
          const x = tf.randomNormal(
            [10, 4],
            0,
            1,
            "float32",
            1,
          ) as import("@tensorflow/tfjs").Tensor2D;
          const y = tf.randomUniform(
            [10, 3],
            0,
            1,
            "float32",
            2,
          ) as import("@tensorflow/tfjs").Tensor2D;
          const r = sanForward(tf, m, x, y, true, 3);
          return { loss: r.loss?.dataSync()[0], shape: r.samples.shape };
        });
        expect(out.shape).toEqual([10, 3]);
        expect(Number.isFinite(out.loss)).toBe(true);
      } finally {
        m.dispose();
      }
    }).pipe(Effect.provide(backend)),
  );
});

describe("training, checkpoints, save/load", () => {
  it.effect(
    "loss decreases; checkpoints per epoch; resume from the latest; save/load round trip",
    () =>
      Effect.gen(function* () {
        const { tf } = yield* TfBackend;
        const data = syntheticCube(2000);
        const out = tempDir();
        const config = { ...TINY, epochs: 3 };
        const r = yield* trainSan({ cube: "synthetic", out, config, data, maxStepsPerEpoch: 10 });
        expect(r.history.length).toBe(3);
        for (const h of r.history)
          expect(Number.isFinite(h.trainLoss) && Number.isFinite(h.testLoss)).toBe(true);
        expect(r.history[2]!.testLoss).toBeLessThan(r.history[0]!.testLoss);
        expect(readdirSync(join(out, "checkpoints")).sort()).toEqual([
          "epoch-0001",
          "epoch-0002",
          "epoch-0003",
        ]);
        for (const f of ["model.json", "weights.bin", "hyperparameters.json"])
          expect(existsSync(join(out, f))).toBe(true);

        // Resume: the first 3 epochs are read back, only the 4th runs.
        const resumed = yield* trainSan({
          cube: "synthetic",
          out,
          config: { ...config, epochs: 4 },
          data,
          maxStepsPerEpoch: 10,
        });
        expect(resumed.resumedFrom).toBe(3);
        expect(resumed.history.length).toBe(4);
        expect(resumed.history.slice(0, 3)).toEqual(r.history);

        // Round trip: loaded weights equal the saved ones and sample identically (same seed).
        const { model, hp } = yield* loadSan(tf, out);
        const again = yield* loadSan(tf, out);
        try {
          expect(hp.config.epochs).toBe(4);
          const x = transformPhotometry(hp.transform, data.maggies.subarray(0, 4), 4);
          const a = sampleRow(tf, model, x, 500, 9);
          const b = sampleRow(tf, again.model, x, 500, 9);
          expect(Array.from(a)).toEqual(Array.from(b));
          expect(a.length).toBe(500 * 3);
          // seed 0 too (tfjs reads a falsy seed as "unseeded"; the SAN offsets its seeds)
          const z0 = sampleRow(tf, model, x, 200, 0);
          const z1 = sampleRow(tf, again.model, x, 200, 0);
          expect(Array.from(z0)).toEqual(Array.from(z1));
        } finally {
          model.dispose();
          again.model.dispose();
        }
      }).pipe(Effect.provide(backend)),
    60_000,
  );

  it.effect(
    "frozen batch norm: the last epochs keep the running statistics and still train the weights",
    () =>
      Effect.gen(function* () {
        const { tf } = yield* TfBackend;
        const data = syntheticCube(1000);
        const out = tempDir();
        const config = { ...TINY, epochs: 2, frozenBatchNormEpochs: 1 };
        expect([0, 1].map((e) => batchStatisticsInEpoch(config, e))).toEqual([true, false]);
        expect(batchStatisticsInEpoch({ ...config, batchNorm: false }, 0)).toBe(false);
        yield* trainSan({ cube: "synthetic", out, config: { ...config, epochs: 1 }, data });
        const snapshot = (o: string) =>
          Effect.gen(function* () {
            const { model } = yield* loadSan(tf, o);
            const v = Object.fromEntries(
              [...model.variables].map(([k, x]) => [fileName(k), Array.from(x.dataSync())]),
            );
            model.dispose();
            return v;
          });
        // the epoch-1 model, saved in `out` by the first run
        const a = yield* snapshot(out);
        // epoch 2 resumes with frozen batch norm
        yield* trainSan({ cube: "synthetic", out, config, data });
        const b = yield* snapshot(out);
        const names = Object.keys(a);
        const stats = names.filter((n) => /bn_(mean|var)$/.test(n));
        const weights = names.filter((n) => /kernel$/.test(n));
        expect(stats.length).toBeGreaterThan(0);
        // running statistics bit-for-bit unchanged; every kernel moved
        for (const n of stats) expect(b[n]).toEqual(a[n]);
        for (const n of weights) expect(b[n]).not.toEqual(a[n]);
        // control: the same epoch with batch statistics does move the running statistics
        yield* trainSan({
          cube: "synthetic",
          out,
          config: { ...config, epochs: 3, frozenBatchNormEpochs: 0 },
          data,
        });
        const c = yield* snapshot(out);
        expect(stats.some((n) => JSON.stringify(c[n]) !== JSON.stringify(b[n]))).toBe(true);
      }).pipe(Effect.provide(backend)),
    60_000,
  );

  it.effect("a negative frozenBatchNormEpochs is a SanInputError naming the field", () =>
    Effect.gen(function* () {
      const err = yield* Effect.flip(
        trainSan({
          cube: "x",
          out: tempDir(),
          config: { ...TINY, frozenBatchNormEpochs: -1 },
          data: syntheticCube(10),
        }),
      );
      expect(err._tag === "SanInputError" && err.field).toBe("frozenBatchNormEpochs");
    }).pipe(Effect.provide(backend)),
  );

  it.effect("a bad configuration is a SanInputError naming the field", () =>
    Effect.gen(function* () {
      const err = yield* Effect.flip(
        trainSan({
          cube: "x",
          out: tempDir(),
          config: { ...TINY, trainFraction: 1.5 },
          data: syntheticCube(10),
        }),
      );
      expect(err._tag).toBe("SanInputError");
      expect(err._tag === "SanInputError" && err.field).toBe("trainFraction");
    }).pipe(Effect.provide(backend)),
  );
});
