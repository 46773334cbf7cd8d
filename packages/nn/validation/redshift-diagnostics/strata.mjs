// Exact PIT coverage of redshift (block 0) split by fifths of the predicted 68 % width, of the true z and of the median.
import { gatherRows, TfBackend, transformPhotometry } from "@sidereal/nn";
import { Effect } from "effect";
import { blockZeroMixture, loadTrainedSan, Phi } from "./common.mjs";

const [modelDir, cube] = process.argv.slice(2);
const prog = Effect.gen(function* () {
  const { t, model, hp, data, F, D, K, split } = yield* loadTrainedSan(modelDir, cube);
  const rows = split.test;
  const B = rows.length;
  const x = transformPhotometry(
    hp.transform,
    Float64Array.from(gatherRows(data.maggies, F, rows)),
    F,
  );
  const { loc, scale, w } = blockZeroMixture(t, model, K, [1e-4, 1e-4], x, B, F);
  const recs = [];
  for (let i = 0; i < B; i++) {
    const yy = data.y[rows[i] * D];
    const cdf = (v) => {
      let u = 0;
      for (let k = 0; k < K; k++) {
        const q = i * K + k;
        u += w[q] * Phi((v - loc[q]) / scale[q]);
      }
      return u;
    };
    const qf = (p) => {
      let a = -2,
        b = 3;
      for (let it = 0; it < 50; it++) {
        const m = (a + b) / 2;
        if (cdf(m) < p) a = m;
        else b = m;
      }
      return (a + b) / 2;
    };
    const u = cdf(yy);
    const w68 = qf(0.84) - qf(0.16);
    recs.push({ u, w68, z: yy, med: qf(0.5) });
  }
  const report = (key, label) => {
    const s = [...recs].sort((a, b) => a[key] - b[key]);
    const n = 5;
    const out = [];
    for (let k = 0; k < n; k++) {
      const part = s.slice(Math.floor((k * s.length) / n), Math.floor(((k + 1) * s.length) / n));
      const c68 = part.filter((r) => Math.abs(r.u - 0.5) <= 0.34).length / part.length;
      const c95 = part.filter((r) => Math.abs(r.u - 0.5) <= 0.475).length / part.length;
      out.push(
        `${part[0][key].toFixed(3)}..${part.at(-1)[key].toFixed(3)}: c68 ${c68.toFixed(3)} c95 ${c95.toFixed(3)} meanU ${(part.reduce((a, r) => a + r.u, 0) / part.length).toFixed(3)}`,
      );
    }
    console.log(`${label}\n  ${out.join("\n  ")}`);
  };
  console.log("n", B, "c68", recs.filter((r) => Math.abs(r.u - 0.5) <= 0.34).length / B);
  report("w68", "by model 68% width");
  report("z", "by true z");
  report("med", "by model median");
  model.dispose();
});
await Effect.runPromise(prog.pipe(Effect.provide(TfBackend.layer({ prefer: ["wasm"] }))));
