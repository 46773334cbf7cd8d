// Trains block 0 alone (redshift only) with config overrides; exact PIT coverage on 2000 held-out rows.

import {
  AGNFINDER_SAN,
  gatherRows,
  loadCube,
  SMALL_SAN,
  seededSplit,
  TfBackend,
  trainSan,
  transformPhotometry,
} from "@sidereal/nn";
import { Effect } from "effect";
import { blockZeroMixture, Phi } from "./common.mjs";

const [cube, out, overrides = "{}", col = "0"] = process.argv.slice(2);
const j = Number(col);
const o = JSON.parse(overrides);
const config = { ...(o.preset === "agnfinder" ? AGNFINDER_SAN : SMALL_SAN), ...o };
delete config.preset;
const prog = Effect.gen(function* () {
  const { tf: t } = yield* TfBackend;
  const full = yield* loadCube(cube);
  const D0 = full.columns.length;
  const y = new Float64Array(full.rows);
  for (let r = 0; r < full.rows; r++) y[r] = full.y[r * D0 + j];
  const data = {
    ...full,
    y,
    columns: [full.columns[j]],
    ranges: full.ranges.slice(2 * j, 2 * j + 2),
    log: [full.log[j]],
  };
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const res = yield* trainSan({
    cube,
    out,
    config,
    data,
    resume: false,
    onEpoch: (r) => {
      if (r.epoch % 6 === 0 || r.epoch === config.epochs)
        console.log(
          `ep ${r.epoch} train ${r.trainLoss.toFixed(4)} test ${r.testLoss.toFixed(4)} ${r.seconds.toFixed(1)}s`,
        );
    },
  });
  const cpu = process.cpuUsage(c0);
  const wall = (performance.now() - w0) / 1000;
  // rebuild the model from out
  const { loadSan } = yield* Effect.promise(() => import("@sidereal/nn"));
  const { model, hp } = yield* loadSan(t, out);
  const F = data.bands.length,
    K = config.mixtureComponents;
  const split = seededSplit(data.rows, config.trainFraction, config.seed);
  const rows = split.test.slice(0, 2000);
  const x = transformPhotometry(
    hp.transform,
    Float64Array.from(gatherRows(data.maggies, F, rows)),
    F,
  );
  const B = rows.length;
  const { loc, scale, w } = blockZeroMixture(t, model, K, [config.multEps, config.absEps], x, B, F);
  let c68 = 0,
    c95 = 0,
    nll = 0;
  const hist = new Array(10).fill(0);
  const dom = [];
  for (let i = 0; i < B; i++) {
    const yy = y[rows[i]];
    let u = 0,
      p = 0,
      best = 0;
    for (let k = 0; k < K; k++) {
      const q = i * K + k;
      u += w[q] * Phi((yy - loc[q]) / scale[q]);
      p +=
        (w[q] * Math.exp(-0.5 * ((yy - loc[q]) / scale[q]) ** 2)) /
        (scale[q] * Math.sqrt(2 * Math.PI));
      if (w[q] > w[i * K + best]) best = k;
    }
    nll -= Math.log(p);
    dom.push(scale[i * K + best]);
    hist[Math.min(9, Math.floor(u * 10))]++;
    if (Math.abs(u - 0.5) <= 0.34) c68++;
    if (Math.abs(u - 0.5) <= 0.475) c95++;
  }
  dom.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      col: data.columns[0],
      overrides: o,
      wall: +wall.toFixed(1),
      cpu: +((cpu.user + cpu.system) / 1e6).toFixed(1),
      c68: c68 / B,
      c95: c95 / B,
      nll2000: +(nll / B).toFixed(4),
      lastTest: res.history.at(-1).testLoss,
      pit: hist.map((h) => h / B),
      domScale: [0.05, 0.5, 0.95].map((p) => +dom[Math.floor(p * (B - 1))].toFixed(4)),
      minScale: Math.min(...scale),
    }),
  );
  model.dispose();
});
await Effect.runPromise(prog.pipe(Effect.provide(TfBackend.layer({ prefer: ["wasm"] }))));
