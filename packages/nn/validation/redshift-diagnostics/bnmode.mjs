// Exact PIT coverage of block 0 with batch statistics (batches of B rows) vs running statistics.

import { gatherRows, TfBackend, transformPhotometry } from "@sidereal/nn";
import { Effect } from "effect";
import { blockZeroMixture, loadTrainedSan, Phi } from "./common.mjs";

const [modelDir, cube, bs = "512", col = "0"] = process.argv.slice(2);
const prog = Effect.gen(function* () {
  const { t, model, hp, data, F, D, K, split } = yield* loadTrainedSan(modelDir, cube);
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
      const { loc, scale, w } = blockZeroMixture(
        t,
        model,
        K,
        [1e-4, 1e-4],
        x.subarray(s * F, (s + B) * F),
        B,
        F,
        batchStats,
      );
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
