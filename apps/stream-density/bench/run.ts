/**
 * `npm run bench -w @sidereal/stream-density`: the timings of the stream-density issue,
 * written to `bench/results/stream.json` (repository root) with the machine and date.
 *
 * - GD-1 objective + gradient (72 parameters, 2960 stars, 1201 × 121 grid): eager
 *   tape (`valueAndGrad`) vs compiled, for the column-wise integral the model uses and
 *   for the seed's per-point form (the state before this change);
 * - the full GD-1 L-BFGS-B fit from the seed's initial guess (wall time, nfev, nit);
 * - the 1-D spline objective + gradient (11 knots), eager vs compiled.
 *
 * Times are medians over interleaved rounds (A B C A B C …) so that load from other
 * jobs on the machine affects all variants alike; minima are reported too.
 * Run after `npm run build -w @sidereal/stream-density` (imports the built dist) with
 * Node >= 22.18 (type stripping): `node apps/stream-density/bench/run.ts`.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Tensor, tensor, valueAndGrad } from "@sidereal/tensor";
import {
  compileModel,
  type DensityModel,
  fitMap,
  loadGaussian1d,
  loadGd1,
  SPLINE_KNOTS,
  splineInit,
  splineModel,
  streamInit,
  streamModel,
} from "../dist/index.js";

/** Median and minimum time per call in ms of each function, in interleaved rounds. */
function timeAll(fns: readonly (() => void)[], reps: readonly number[], rounds = 11) {
  fns.forEach((fn, j) => {
    for (let k = 0; k < Math.max(3, reps[j] / 5); k++) fn();
  });
  const times = fns.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++)
    fns.forEach((fn, j) => {
      const t0 = performance.now();
      for (let k = 0; k < reps[j]; k++) fn();
      times[j].push((performance.now() - t0) / reps[j]);
    });
  return times.map((t) => {
    const s = t.sort((a, b) => a - b);
    return { medianMs: s[Math.floor(rounds / 2)], minMs: s[0] };
  });
}

/** The eager value-and-gradient of −ln p at the flat vector x (blocks as tensors). */
function eager(model: DensityModel, x: Float64Array): () => void {
  const vg = valueAndGrad((...b: Tensor[]) => model.lnPosterior(...b));
  const blocks: Tensor[] = [];
  let off = 0;
  for (const b of model.blocks) {
    blocks.push(
      b.size === 1 && b.knots === undefined ? tensor(x[off]) : tensor(x.slice(off, off + b.size)),
    );
    off += b.size;
  }
  return () => {
    vg(...blocks);
  };
}

function gd1() {
  const cat = loadGd1();
  const model = streamModel(cat.phi1, cat.phi2);
  const perPointModel = streamModel(cat.phi1, cat.phi2, { integral: "per-point" });
  let t0 = performance.now();
  const compiled = compileModel(model);
  const compileMs = performance.now() - t0;
  const perPoint = compileModel(perPointModel);
  const x0 = Float64Array.from(streamInit(cat.phi1, cat.phi2));
  const g = new Float64Array(72);
  const [c, e, pc, pe] = timeAll(
    [
      () => compiled.potential(x0, g),
      eager(model, x0),
      () => perPoint.potential(x0, g),
      eager(perPointModel, x0),
    ],
    [20, 3, 10, 2],
  );
  t0 = performance.now();
  const opt = fitMap(compiled, x0, { maxiter: 100_000, maxls: 1000 });
  const wall = (performance.now() - t0) / 1000;
  return {
    stars: cat.phi1.length,
    gridPoints: 1201 * 121,
    parameters: 72,
    compileMs,
    compiled: c,
    eager: e,
    eagerOverCompiled: e.medianMs / c.medianMs,
    perPointIntegral: {
      note: "the seed's per-point logaddexp + double log-Simpson (the form before this change)",
      compiled: pc,
      eager: pe,
      eagerOverCompiled: pe.medianMs / pc.medianMs,
    },
    speedupOverPerPointCompiled: pc.medianMs / c.medianMs,
    lbfgsb: {
      wallSeconds: wall,
      fun: opt.fun,
      nfev: opt.nfev,
      nit: opt.nit,
      message: opt.message,
      msPerEvaluation: (1000 * wall) / opt.nfev,
      seed: { fun: -0.4172804414762403, nfev: 470, nit: 439 },
    },
    targets: { compiledMs: "< 20", lbfgsbSeconds: "< 30", fun: "<= -0.41728" },
  };
}

function spline() {
  const z = loadGaussian1d();
  const model = splineModel(z);
  const compiled = compileModel(model);
  const x = splineInit(z);
  const g = new Float64Array(SPLINE_KNOTS.length);
  const [c, e] = timeAll([() => compiled.potential(x, g), eager(model, x)], [2000, 100]);
  return {
    points: z.length,
    parameters: SPLINE_KNOTS.length,
    compiled: c,
    eager: e,
    eagerOverCompiled: e.medianMs / c.medianMs,
  };
}

const result = {
  package: "@sidereal/stream-density",
  date: new Date().toISOString(),
  machine: {
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform}-${process.arch}`,
    /** 1-minute load average at the start: other jobs share this machine. */
    loadAverage1m: loadavg()[0],
  },
  gd1: gd1(),
  spline: spline(),
};
const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "../../../bench/results");
mkdirSync(outDir, { recursive: true });
const target = join(outDir, "stream.json");
const tmp = `${target}.tmp-${process.pid}`;
writeFileSync(tmp, `${JSON.stringify(result, null, 2)}\n`);
renameSync(tmp, target);
console.log(JSON.stringify(result, null, 2));
