/**
 * `npm run bench` for @sidereal/exo-rt: the seed's full forward model (3500-point grid,
 * 100 layers, PreMODIT with dit grid resolution 1.0 + CIA + rotation + IP + sampling)
 * inside a Gaussian log-likelihood, value and value+gradient, eager vs compiled, with a
 * per-stage breakdown. Writes `bench/results/exo.json` (repository root).
 *
 * Run with Node >= 22.18 (type stripping): `node packages/exo-rt/bench/forward.ts`.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gravityJupiter, seedEmissionModel } from "@sidereal/exo-rt";
import {
  compile,
  mul,
  scalar,
  square,
  sub,
  sum,
  type Tensor,
  valueAndGrad,
} from "@sidereal/tensor";

const model = seedEmissionModel({ nlayer: 100 });
const { setup } = model;
const truth = [1200, 0.1, 0.01, gravityJupiter(1, 10), 40, 10];
const obs = model.forward({ T0: 1200, alpha: 0.1, mmr: 0.01, g: truth[3], RV: 40, vsini: 10 });
const sigma = 500;
const logLik = (...p: Tensor[]) => {
  const [T0, alpha, mmr, g, RV, vsini] = p;
  return mul(
    sum(square(sub(model.forward({ T0, alpha, mmr, g, RV, vsini }), obs))),
    -0.5 / (sigma * sigma),
  );
};
const x = [1150, 0.11, 0.011, gravityJupiter(1, 8), 38, 9];
const args = x.map((v) => scalar(v));

/** Wall-clock ms per call; the process CPU ms per call (user + system) goes to `cpu`. */
const cpu: Record<string, number> = {};
function time(reps: number, f: () => unknown, label?: string): number {
  f();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) f();
  const wall = (performance.now() - t0) / reps;
  const c = process.cpuUsage(c0);
  if (label !== undefined) cpu[label] = (c.user + c.system) / 1000 / reps;
  return wall;
}

const eagerValue = time(2, () => logLik(...args).item(), "eagerValue");
const eagerValueGrad = time(2, () => valueAndGrad(logLik)(...args), "eagerValueAndGradient");
const t0 = performance.now();
const compiled = compile(logLik, args);
const compileMs = performance.now() - t0;
const q = new Float64Array(x);
const g = new Float64Array(6);
const compiledValue = time(3, () => compiled.flatValue(q), "compiledValue");
const compiledValueGrad = time(3, () => compiled.flat(q, g), "compiledValueAndGradient");

// where the time goes (eager stages; the same kernels run inside the compiled program)
const tarr = model.temperature(1150, 0.11);
const tvals = Float64Array.from(tarr.toArray());
const nu = setup.nuGrid;
const xsBuf = new Float64Array(tvals.length * nu.length);
const stages = {
  premoditXsmatrix: time(
    2,
    () => setup.opa.xsmatrix(tvals, setup.art.pressure, xsBuf),
    "premoditXsmatrix",
  ),
  premoditVjp: time(
    2,
    () =>
      setup.opa.vjpTemperature(tvals, setup.art.pressure, xsBuf, new Float64Array(tvals.length)),
    "premoditVjp",
  ),
  opticalDepthAll: time(2, () => model.opticalDepth(tarr, 0.011, x[3])),
  radiativeTransfer: 0,
  rotation: 0,
  instrumentProfile: 0,
  sampling: 0,
};
const dtau = model.opticalDepth(tarr, 0.011, x[3]);
stages.radiativeTransfer = time(2, () => setup.art.run(dtau, tarr), "radiativeTransfer");
const flux = setup.art.run(dtau, tarr);
stages.rotation = time(3, () => setup.sopRot.rigidRotation(flux, 9, 0, 0));
const frot = setup.sopRot.rigidRotation(flux, 9, 0, 0);
stages.instrumentProfile = time(3, () => setup.sopInst.ipgauss(frot, setup.betaInst));
const finst = setup.sopInst.ipgauss(frot, setup.betaInst);
stages.sampling = time(3, () => setup.sopInst.sampling(finst, 38, setup.nuObs));

const result = {
  benchmark: "exo-rt seed forward model (issue 18)",
  date: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage1m: loadavg()[0],
    note: "shared machine: wall times taken under contention from other processes; cpuMsPerCall is this process's CPU time (user + system), closer to the uncontended cost",
  },
  model: {
    grid: nu.length,
    layers: setup.art.nlayer,
    observed: setup.nuObs.length,
    premodit: {
      dE: setup.opa.dE,
      Tref: setup.opa.Tref,
      Twt: setup.opa.Twt,
      broadeningPairs: setup.opa.nBroadening,
      fftLength: 2 * nu.length,
    },
    cia: setup.cdb?.file.split("/").pop() ?? null,
  },
  msPerEvaluation: {
    eagerValue,
    eagerValueAndGradient: eagerValueGrad,
    compiledValue,
    compiledValueAndGradient: compiledValueGrad,
    compileOnce: compileMs,
  },
  msPerStageEager: stages,
  cpuMsPerCall: cpu,
  target: { valueAndGradientMs: 8, met: compiledValueGrad <= 8 },
  compileStats: compiled.stats,
};
const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "../../../bench/results");
mkdirSync(outDir, { recursive: true });
const file = join(outDir, "exo.json");
const tmp = `${file}.tmp`;
writeFileSync(tmp, `${JSON.stringify(result, null, 2)}\n`);
renameSync(tmp, file);
process.stdout.write(
  `${JSON.stringify(result.msPerEvaluation)}\n${JSON.stringify(stages)}\n${JSON.stringify(cpu)}\n`,
);
