import { Effect, Layer } from "effect";
import { loadCube, SMALL_SAN, TfBackend, trainSan, transformPhotometry, fitTransform } from "../dist/index.js";
const backend = process.argv[2] ?? "wasm";
const data = await Effect.runPromise(loadCube("/tmp/san/cube100k.hdf5"));
for (const kind of ["normalise-phot", "standardised-ln"] as const) {
  const x = transformPhotometry(fitTransform(kind, data.maggies, data.bands.length), data.maggies, data.bands.length);
  let mn = Infinity, mx = -Infinity, nan = 0;
  for (const v of x) { if (!Number.isFinite(v)) nan++; else { mn = Math.min(mn, v); mx = Math.max(mx, v); } }
  const s = Float64Array.from(x).sort();
  console.log(kind, { mn, mx, nan, q001: s[Math.floor(s.length * 0.001)], q999: s[Math.floor(s.length * 0.999)] });
}
const prog = trainSan({ cube: "", out: "/tmp/san/smoke", data, config: { ...SMALL_SAN, epochs: 1, batch: Number(process.argv[3] ?? 256) }, resume: false, maxStepsPerEpoch: 8, testRows: 2000, onEpoch: (r) => console.log(r) });
const r = await Effect.runPromise(prog.pipe(Effect.provide(TfBackend.layer({ prefer: [backend as "wasm"] }))));
console.log(r.hp.shape);
