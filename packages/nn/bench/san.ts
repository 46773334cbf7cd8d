/**
 * SAN throughput per tfjs backend that loads here (wasm and cpu in the same run; tfjs-node /
 * tfjs-node-gpu when installed): training steps/s and posterior samples/s for the small default
 * and agnfinder's [512, 512] K = 10 configuration, against the spec's "about 10 ms for 10,000
 * samples on GPU". Writes bench/results/san.json (repository root; its other entries are kept). Synthetic inputs: throughput does not depend
 * on the values.
 *
 *   node bench/san.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import {
  AGNFINDER_SAN,
  type BackendName,
  makeSan,
  type SanConfig,
  SMALL_SAN,
  sampleRow,
  sanForward,
  TfBackend,
} from "@sidereal/nn";
import type * as tf from "@tensorflow/tfjs";
import { Effect } from "effect";

const F = 8;
const D = 9;

const measure = (config: SanConfig, trainSteps: number, samples: number) =>
  Effect.gen(function* () {
    const { tf: t } = yield* TfBackend;
    const m = makeSan(t, config, { condDim: F, dataDim: D });
    const opt = t.train.adam(config.learningRate);
    try {
      const B = config.batch;
      const x = t.randomUniform([B, F], 0.1, 0.2, "float32", 1) as tf.Tensor2D;
      const y = t.randomUniform([B, D], 0, 1, "float32", 2) as tf.Tensor2D;
      const step = (s: number) =>
        t.tidy(
          () =>
            (
              opt.minimize(() => sanForward(t, m, x, y, true, s).loss as tf.Scalar, true, [
                ...m.trainable,
              ]) as tf.Scalar
            ).dataSync()[0],
        );
      step(0); // warm-up
      let t0 = performance.now();
      for (let s = 1; s <= trainSteps; s++) step(s);
      const stepSeconds = (performance.now() - t0) / 1000 / trainSteps;
      const row = Float32Array.from({ length: F }, (_, i) => 0.12 + 0.005 * i);
      sampleRow(t, m, row, Math.min(samples, 1000), 1); // warm-up
      t0 = performance.now();
      sampleRow(t, m, row, samples, 2);
      const sampleSeconds = (performance.now() - t0) / 1000;
      x.dispose();
      y.dispose();
      return {
        batch: B,
        moduleShape: config.moduleShape,
        components: config.mixtureComponents,
        trainStepsPerSecond: 1 / stepSeconds,
        trainRowsPerSecond: B / stepSeconds,
        samples,
        samplesPerSecond: samples / sampleSeconds,
        msPer10000Samples: (1e4 * sampleSeconds * 1000) / samples,
      };
    } finally {
      opt.dispose();
      m.dispose();
    }
  });

const results: Record<string, unknown>[] = [];
for (const prefer of ["tensorflow-gpu", "tensorflow", "wasm", "cpu"] as BackendName[]) {
  const run = Effect.gen(function* () {
    const b = yield* TfBackend;
    if (b.info.name !== prefer) return;
    console.log(`${prefer}: ${b.info.device}`);
    const small = yield* measure(SMALL_SAN, 5, 10_000);
    console.log("  small", small);
    // agnfinder's network is ~40× the work per row: fewer steps and samples, scaled to 10,000.
    const agnfinder = yield* measure(
      AGNFINDER_SAN,
      prefer === "cpu" ? 1 : 2,
      prefer === "cpu" ? 500 : 2000,
    );
    console.log("  agnfinder", agnfinder);
    results.push({ backend: prefer, device: b.info.device, small, agnfinder });
  }).pipe(
    Effect.provide(TfBackend.layer({ prefer: [prefer] })),
    Effect.catchTag("TfBackendError", (e) =>
      Effect.sync(() => {
        console.log(`${prefer}: skipped (${e.tried[0]?.reason})`);
        results.push({ backend: prefer, skipped: e.tried[0]?.reason });
      }),
    ),
  );
  await Effect.runPromise(run);
}

const out = {
  date: new Date().toISOString(),
  machine: `${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}`,
  note: "measured on a 2-core machine shared by 8 concurrent jobs: absolute numbers are pessimistic; wasm and cpu ran in the same process one after the other",
  reference:
    "spec §4.2: about 10 ms for 10,000 samples on GPU (agnfinder's [512, 512] K = 10 SAN, PyTorch + CUDA)",
  results,
};
const dir = join(import.meta.dirname, "../../../bench/results");
mkdirSync(dir, { recursive: true });
// keep what other runs recorded in the file (calibration, SAN vs NUTS): this bench only times
const file = join(dir, "san.json");
const previous = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as object) : {};
writeFileSync(file, `${JSON.stringify({ ...previous, ...out }, null, 1)}\n`);
console.log(`wrote ${join(dir, "san.json")}`);
