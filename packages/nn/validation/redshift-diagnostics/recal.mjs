// Prototype: per-parameter PIT recalibration (Kuleshov et al. 2018) fitted on training rows, tested on held-out rows.

import {
  gatherRows,
  loadCube,
  loadSan,
  quantileSorted,
  sampleEach,
  seededSplit,
  sortedColumn,
  TfBackend,
  transformPhotometry,
} from "@sidereal/nn";
import { Effect } from "effect";

const [modelDir, cube, nFit = "2000", nTest = "2000", S = "500"] = process.argv.slice(2);
const prog = Effect.gen(function* () {
  const { tf: t } = yield* TfBackend;
  const { model, hp } = yield* loadSan(t, modelDir);
  const data = yield* loadCube(cube);
  const F = data.bands.length,
    D = data.columns.length,
    s = Number(S);
  const split = seededSplit(data.rows, hp.data.trainFraction, hp.data.seed);
  const pits = (rows, seed, fn) => {
    const x = transformPhotometry(
      hp.transform,
      Float64Array.from(gatherRows(data.maggies, F, rows)),
      F,
    );
    const per = Math.floor(10000 / s);
    for (let g = 0; g < rows.length; g += per) {
      const G = Math.min(per, rows.length - g);
      const smp = sampleEach(t, model, x.subarray(g * F, (g + G) * F), s, seed + g * 104729);
      for (let i = 0; i < G; i++)
        for (let j = 0; j < D; j++) {
          const col = sortedColumn(smp.subarray(i * s * D, (i + 1) * s * D), D, j);
          fn(j, col, data.y[rows[g + i] * D + j]);
        }
    }
  };
  const fitRows =
    process.env.FIT === "test"
      ? split.test.slice(split.test.length - Number(nFit))
      : split.train.slice(split.train.length - Number(nFit));
  const u = data.columns.map(() => []);
  pits(fitRows, 7, (j, col, y) => {
    let b = 0;
    while (b < col.length && col[b] < y) b++;
    u[j].push(b / col.length);
  });
  const levels = u.map((a) => {
    const so = Float64Array.from(a).sort();
    return [0.025, 0.16, 0.84, 0.975].map((p) => quantileSorted(so, p));
  });
  const hit = data.columns.map(() => [0, 0, 0, 0]);
  const testRows = split.test.slice(0, Number(nTest));
  pits(testRows, 1, (j, col, y) => {
    const L = levels[j];
    if (y >= quantileSorted(col, 0.16) && y <= quantileSorted(col, 0.84)) hit[j][0]++;
    if (y >= quantileSorted(col, 0.025) && y <= quantileSorted(col, 0.975)) hit[j][1]++;
    if (y >= quantileSorted(col, L[1]) && y <= quantileSorted(col, L[2])) hit[j][2]++;
    if (y >= quantileSorted(col, L[0]) && y <= quantileSorted(col, L[3])) hit[j][3]++;
  });
  const n = testRows.length;
  for (const [j, c] of data.columns.entries())
    console.log(
      c.padEnd(20),
      "raw",
      (hit[j][0] / n).toFixed(3),
      (hit[j][1] / n).toFixed(3),
      " recal",
      (hit[j][2] / n).toFixed(3),
      (hit[j][3] / n).toFixed(3),
      " levels",
      levels[j].map((v) => v.toFixed(3)).join(" "),
    );
});
await Effect.runPromise(prog.pipe(Effect.provide(TfBackend.layer({ prefer: ["wasm"] }))));
