// Refit block 0's MoG head (lik Linear) on frozen eval-mode features of the training rows; exact PIT on test rows.

import {
  gatherRows,
  mogLogProb,
  mogParams,
  mulberry32,
  permutation,
  TfBackend,
  transformPhotometry,
} from "@sidereal/nn";
import { Effect } from "effect";
import { loadTrainedSan, Phi } from "./common.mjs";

const [modelDir, cube, epochs = "20", lr = "1e-3", bsz = "512"] = process.argv.slice(2);
const prog = Effect.gen(function* () {
  const { t, model, hp, data, F, D, K, split } = yield* loadTrainedSan(modelDir, cube);
  const feats = (rows) =>
    t.tidy(() => {
      const x = transformPhotometry(
        hp.transform,
        Float64Array.from(gatherRows(data.maggies, F, rows)),
        F,
      );
      let h = t.tensor2d(x, [rows.length, F]);
      for (const l of model.blocks[0].body) {
        h = t.add(t.matMul(h, l.dense.kernel), l.dense.bias);
        if (l.runMean) h = t.div(t.sub(h, l.runMean), t.sqrt(t.add(l.runVar, 1e-5)));
        h = t.relu(h);
      }
      return h;
    });
  const ycol = (rows) =>
    t.tensor2d(
      Float32Array.from(rows, (r) => data.y[r * D]),
      [rows.length, 1],
    );
  const htr = feats(split.train),
    ytr = ycol(split.train);
  const test = split.test;
  const hte = feats(test),
    yte = ycol(test);
  const lik = model.blocks[0].lik;
  const nll = (h, y) =>
    t.tidy(
      () =>
        t
          .neg(
            t.mean(
              mogLogProb(
                t,
                mogParams(t, t.add(t.matMul(h, lik.kernel), lik.bias), K, 1e-4, 1e-4),
                y,
              ),
            ),
          )
          .dataSync()[0],
    );
  const cov = () => {
    const [loc, scale, w] = t.tidy(() => {
      const p = mogParams(t, t.add(t.matMul(hte, lik.kernel), lik.bias), K, 1e-4, 1e-4);
      return [p.loc.dataSync(), p.scale.dataSync(), t.softmax(p.logits).dataSync()];
    });
    let c68 = 0,
      c95 = 0;
    const y = yte.dataSync();
    const B = test.length;
    for (let i = 0; i < B; i++) {
      let u = 0;
      for (let k = 0; k < K; k++) {
        const q = i * K + k;
        u += w[q] * Phi((y[i] - loc[q]) / scale[q]);
      }
      if (Math.abs(u - 0.5) <= 0.34) c68++;
      if (Math.abs(u - 0.5) <= 0.475) c95++;
    }
    return [+(c68 / B).toFixed(4), +(c95 / B).toFixed(4)];
  };
  console.log("before", nll(htr, ytr).toFixed(4), nll(hte, yte).toFixed(4), cov());
  const opt = t.train.adam(Number(lr));
  const N = split.train.length,
    bs = Number(bsz);
  for (let e = 0; e < Number(epochs); e++) {
    const order = permutation(N, mulberry32(99 + e));
    for (let s = 0; s + bs <= N; s += bs) {
      const idx = t.tensor1d(Int32Array.from(order.subarray(s, s + bs)), "int32");
      opt.minimize(
        () => {
          const h = t.gather(htr, idx),
            y = t.gather(ytr, idx);
          return t.neg(
            t.mean(
              mogLogProb(
                t,
                mogParams(t, t.add(t.matMul(h, lik.kernel), lik.bias), K, 1e-4, 1e-4),
                y,
              ),
            ),
          );
        },
        false,
        [lik.kernel, lik.bias],
      );
      idx.dispose();
    }
    if ((e + 1) % 5 === 0)
      console.log("ep", e + 1, nll(htr, ytr).toFixed(4), nll(hte, yte).toFixed(4), cov());
  }
});
await Effect.runPromise(prog.pipe(Effect.provide(TfBackend.layer({ prefer: ["wasm"] }))));
