/**
 * NUTS probe on the seed-000 model (not part of `npm run bench`; run by hand, ~10 min on a
 * busy machine): the seed's ADVI init (advi+adapt_diag, tolerances 0.005, lr 0.001,
 * velocity_norm start), then ONE chain of HI_PROBE_TUNE warm-up + HI_PROBE_DRAWS draws with
 * target_accept 0.9 (HI_PROBE_DENSE=1: dense mass matrix); prints leapfrog steps per iteration, CPU per iteration and what 8 × 2000
 * iterations would cost. Writes bench/results/hi-physics-nuts-probe.json at the repo root.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  EmissionAbsorptionModel,
  SEED_ADVI,
  SEED_FIT_PRIORS,
  simulateSeed,
} from "@sidereal/hi-physics";

const tune = Number(process.env.HI_PROBE_TUNE ?? 300);
const draws = Number(process.env.HI_PROBE_DRAWS ?? 300);
const denseMass = process.env.HI_PROBE_DENSE === "1";
const sim = simulateSeed({ noise: true, seed: 1234 });
const model = new EmissionAbsorptionModel(
  { emission: sim.emission, absorption: sim.absorption },
  { nClouds: 3, seed: 1234 },
)
  .addPriors(SEED_FIT_PRIORS)
  .addLikelihood();
const c0 = process.cpuUsage();
const t0 = performance.now();
let firstProgressCpu: number | null = null;
const trace = await model.sample({
  chains: 1,
  tune,
  draws,
  targetAccept: 0.9,
  denseMass,
  initKwargs: {
    relTolerance: SEED_ADVI.relTolerance,
    absTolerance: SEED_ADVI.absTolerance,
    learningRate: SEED_ADVI.learningRate,
    start: { velocity_norm: [...SEED_ADVI.startVelocityNorm] },
  },
  onProgress: () => {
    if (firstProgressCpu === null) {
      const c = process.cpuUsage(c0);
      firstProgressCpu = (c.user + c.system) / 1e6;
    }
  },
});
const c = process.cpuUsage(c0);
const cpuTotal = (c.user + c.system) / 1e6;
const steps = trace.sampleStats.n_steps.data;
const depth = trace.sampleStats.tree_depth.data;
const div = trace.sampleStats.diverging.data;
const mean = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a + b, 0) / x.length;
const nutsCpu = cpuTotal - (firstProgressCpu ?? 0);
const v = trace.posterior.velocity.values;
const result = {
  benchmark: "hi-physics-nuts-probe",
  date: new Date().toISOString(),
  note: "One chain on a shared 2-core machine; CPU seconds are the work, wall includes waiting.",
  settings: {
    tune,
    draws,
    targetAccept: 0.9,
    denseMass,
    init: "advi+adapt_diag (seed ADVI settings)",
  },
  wallSeconds: (performance.now() - t0) / 1000,
  cpuSecondsTotal: cpuTotal,
  cpuSecondsAdviInitApprox: firstProgressCpu,
  cpuSecondsNutsApprox: nutsCpu,
  meanLeapfrogStepsPerDraw: mean(steps),
  meanTreeDepthOfDraws: mean(depth),
  divergences: Array.from(div).reduce((a, b) => a + b, 0),
  cpuMsPerIteration: (1000 * nutsCpu) / (tune + draws),
  projected8x2000CpuSeconds: (8 * 2000 * nutsCpu) / (tune + draws),
  projected8x2000WallSecondsOn2Cores: (8 * 2000 * nutsCpu) / (tune + draws) / 2,
  velocityMeans: [0, 1, 2].map((k) => mean(Array.from({ length: draws }, (_, d) => v[d * 3 + k]))),
};
console.log(JSON.stringify(result, null, 2));
const out = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../../bench/results/hi-physics-nuts-probe.json",
);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(`${out}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
renameSync(`${out}.tmp`, out);
