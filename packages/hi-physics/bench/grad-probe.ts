/**
 * CPU cost of one value + gradient of the seed's fit model (cell [16] priors, 3 clouds, 200 +
 * 100 channels; the compiled potential NUTS calls), with the fused spectrum kernels (`hiModel`)
 * and with the tensor graph they replace (`hiModelUnfused`), in one process so both see the
 * same load. 7 blocks of REPS calls each (default 20,000) after 2,000 warm-up calls; prints the
 * min and median µs per call of process CPU time (`process.cpuUsage`), and value-only costs.
 * WASM=1 loads tensor's WebAssembly backend first. Run after `npm run build` (imports dist/).
 * Not part of `npm run bench`.
 */
import { initializeModel, initToMedian } from "@sidereal/autodiff-samplers";
import { key } from "@sidereal/distributions";
import { EmissionAbsorptionModel, SEED_FIT_PRIORS, simulateSeed } from "@sidereal/hi-physics";
import { loadWasmBackend } from "@sidereal/tensor";
import { hiModel, hiModelUnfused } from "../dist/hi-model.js";

if (process.env.WASM === "1") await loadWasmBackend();
const reps = Number(process.env.REPS ?? 20000);
const sim = simulateSeed({ noise: true, seed: 1234 });
const data = new EmissionAbsorptionModel(
  { emission: sim.emission, absorption: sim.absorption },
  { nClouds: 3, seed: 1234 },
)
  .addPriors(SEED_FIT_PRIORS)
  .addLikelihood()
  .modelData(true);

/** Median and min CPU µs per call of `f` over 7 (or `blocks`) blocks of `reps` calls. */
function cpuPerCall(f: (i: number) => void, blocks = 7): { min: number; median: number } {
  for (let i = 0; i < 2000; i++) f(i);
  const res: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < reps; i++) f(i);
    const c = process.cpuUsage(c0);
    res.push((c.user + c.system) / reps);
  }
  res.sort((a, b) => a - b);
  return { min: res[0], median: res[Math.floor(blocks / 2)] };
}

for (const [name, model] of [
  ["fused", hiModel],
  ["graph", hiModelUnfused],
] as const) {
  const pot = initializeModel(model, data, { key: key(0), initStrategy: initToMedian() });
  const q = pot.initialPosition.slice();
  const g = new Float64Array(pot.flatSize);
  const step = (i: number) => {
    q[i % q.length] += 1e-12; // a new point every call (no cache can answer)
  };
  const vg = cpuPerCall((i) => {
    step(i);
    pot.potential(q, g);
  });
  const v = cpuPerCall((i) => {
    step(i);
    pot.compiled.flatValue(q);
  }, 5);
  console.log(
    `${name}: value+gradient ${vg.median.toFixed(1)} µs CPU (min ${vg.min.toFixed(1)}), value ${v.median.toFixed(1)} µs; compiled steps ${pot.compiled.stats.steps}, fused loops ${pot.compiled.stats.fusedLoops}`,
  );
}
