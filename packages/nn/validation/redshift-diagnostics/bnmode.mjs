// Exact PIT coverage of block 0 with batch statistics (batches of B rows) vs running statistics.

import {
  gatherRows,
  loadCube,
  loadSan,
  mogParams,
  seededSplit,
  TfBackend,
  transformPhotometry,
} from "@sidereal/nn";
import { Effect } from "effect";

const [modelDir, cube, bs = "512", col = "0"] = process.argv.slice(2);
const erf = (x) => {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    1 -
    t *
      Math.exp(
        -x * x -
          1.26551223 +
          t *
            (1.00002368 +
              t *
                (0.37409196 +
                  t *
                    (0.09678418 +
                      t *
                        (-0.18628806 +
                          t *
                            (0.27886807 +
                              t *
                                (-1.13520398 +
                                  t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
      );
  return x >= 0 ? y : -y;
};
const Phi = (z) => 0.5 * (1 + erf(z / Math.SQRT2));
const prog = Effect.gen(function* () {
  const { tf: t } = yield* TfBackend;
  const { model, hp } = yield* loadSan(t, modelDir);
  const data = yield* loadCube(cube);
  const F = data.bands.length,
    D = data.columns.length,
    K = hp.config.mixtureComponents;
  const split = seededSplit(data.rows, hp.data.trainFraction, hp.data.seed);
  const rows = split.test.slice(0, 4096);
  const x = transformPhotometry(
    hp.transform,
    Float64Array.from(gatherRows(data.maggies, F, rows)),
    F,
  );
  const run = (batchStats, bsz) => {
    let c68 = 0,
      c95 = 0,
      n = 0;
    for (let s = 0; s < rows.length; s += bsz) {
      const B = Math.min(bsz, rows.length - s);
      const [loc, scale, w] = t.tidy(() => {
        let h = t.tensor2d(x.subarray(s * F, (s + B) * F), [B, F]);
        for (const l of model.blocks[0].body) {
          h = t.add(t.matMul(h, l.dense.kernel), l.dense.bias);
          if (l.runMean) {
            const m = batchStats ? t.moments(h, 0) : { mean: l.runMean, variance: l.runVar };
            h = t.div(t.sub(h, m.mean), t.sqrt(t.add(m.variance, 1e-5)));
          }
          h = t.relu(h);
        }
        const p = mogParams(
          t,
          t.add(t.matMul(h, model.blocks[0].lik.kernel), model.blocks[0].lik.bias),
          K,
          1e-4,
          1e-4,
        );
        return [p.loc.dataSync(), p.scale.dataSync(), t.softmax(p.logits).dataSync()];
      });
      for (let i = 0; i < B; i++) {
        const yy = data.y[rows[s + i] * D + Number(col)];
        let u = 0;
        for (let k = 0; k < K; k++) {
          const q = i * K + k;
          u += w[q] * Phi((yy - loc[q]) / scale[q]);
        }
        if (Math.abs(u - 0.5) <= 0.34) c68++;
        if (Math.abs(u - 0.5) <= 0.475) c95++;
        n++;
      }
    }
    return { batchStats, bsz, c68: c68 / n, c95: c95 / n };
  };
  console.log(JSON.stringify(run(false, 4096)));
  console.log(JSON.stringify(run(true, Number(bs))));
  console.log(JSON.stringify(run(true, 4096)));
  // also the running stats vs full-data batch stats
  model.dispose();
});
await Effect.runPromise(prog.pipe(Effect.provide(TfBackend.layer({ prefer: ["wasm"] }))));
