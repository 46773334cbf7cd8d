// Diagnostics of a trained SAN: exact PIT of redshift (block 0) from the MoG CDF, vs sampled coverage.

import {
  CoverageAccumulator,
  gatherRows,
  sampleEach,
  TfBackend,
  transformPhotometry,
} from "@sidereal/nn";
import { Effect } from "effect";
import { blockZeroMixture, loadTrainedSan, Phi } from "./common.mjs";

const [modelDir, cube, nRows = "2000", which = "test", S = "500"] = process.argv.slice(2);
const prog = Effect.gen(function* () {
  const { t, model, hp, data, F, D, K, split } = yield* loadTrainedSan(modelDir, cube);
  const rows = (which === "train" ? split.train : split.test).slice(0, Number(nRows));
  const x = transformPhotometry(
    hp.transform,
    Float64Array.from(gatherRows(data.maggies, F, rows)),
    F,
  );
  const B = rows.length;
  const { loc, scale, w } = blockZeroMixture(
    t,
    model,
    K,
    [hp.config.multEps, hp.config.absEps],
    x,
    B,
    F,
  );
  const pit = [];
  let c68 = 0,
    c95 = 0;
  const sd = [];
  const minScaleDom = [];
  for (let i = 0; i < B; i++) {
    const y = data.y[rows[i] * D];
    let u = 0,
      m = 0,
      m2 = 0,
      best = 0;
    for (let k = 0; k < K; k++) {
      const j = i * K + k;
      u += w[j] * Phi((y - loc[j]) / scale[j]);
      m += w[j] * loc[j];
      m2 += w[j] * (scale[j] ** 2 + loc[j] ** 2);
      if (w[j] > w[i * K + best]) best = k;
    }
    pit.push(u);
    sd.push(Math.sqrt(m2 - m * m));
    minScaleDom.push(scale[i * K + best]);
    if (Math.abs(u - 0.5) <= 0.34) c68++;
    if (Math.abs(u - 0.5) <= 0.475) c95++;
  }
  const hist = new Array(10).fill(0);
  for (const u of pit) hist[Math.min(9, Math.floor(u * 10))]++;
  const q = (a, p) => {
    const s = [...a].sort((x, y) => x - y);
    return s[Math.floor(p * (s.length - 1))];
  };
  console.log(
    JSON.stringify({
      which,
      B,
      exact: { c68: c68 / B, c95: c95 / B },
      pitHist: hist.map((h) => h / B),
      mixSd: [0.05, 0.25, 0.5, 0.75, 0.95].map((p) => +q(sd, p).toFixed(4)),
      domScale: [0.05, 0.25, 0.5, 0.75, 0.95].map((p) => +q(minScaleDom, p).toFixed(4)),
      allScaleMin: Math.min(...scale),
    }),
  );
  if (Number(S) > 0) {
    const acc = new CoverageAccumulator(data.columns);
    const per = Math.max(1, Math.floor(10000 / Number(S)));
    for (let g = 0; g < B; g += per) {
      const G = Math.min(per, B - g);
      const s = sampleEach(t, model, x.subarray(g * F, (g + G) * F), Number(S), 1 + g * 104729);
      for (let i = 0; i < G; i++)
        acc.add(
          s.subarray(i * Number(S) * D, (i + 1) * Number(S) * D),
          data.y.subarray(rows[g + i] * D, (rows[g + i] + 1) * D),
        );
    }
    const r = acc.result();
    console.log(
      JSON.stringify(
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, [v.c68.toFixed(3), v.c95.toFixed(3)]]),
        ),
      ),
    );
    const h0 = new Array(10).fill(0);
    for (const u of acc.pit[0]) h0[Math.min(9, Math.floor(u * 10))]++;
    console.log("sampled PIT hist z", h0.map((h) => (h / B).toFixed(3)).join(" "));
  }
  model.dispose();
});
await Effect.runPromise(prog.pipe(Effect.provide(TfBackend.layer({ prefer: ["wasm"] }))));
