/**
 * Tree depth under PyMC's and Stan's tuning on the seed-000 model (2 chains × (1000 + 200),
 * advi+adapt_diag, target_accept 0.9), sequential in this thread. Writes
 * bench/results/hi-tuning-probe.json. Gradients per iteration do not depend on machine load.
 */
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import {
  EmissionAbsorptionModel,
  SEED_ADVI,
  SEED_FIT_PRIORS,
  simulateSeed,
} from "@sidereal/hi-physics";

const sim = simulateSeed({ noise: true, seed: 1234 });
const data = { emission: sim.emission, absorption: sim.absorption };
const tune = Number(process.env.PROBE_TUNE ?? 1000);
const draws = Number(process.env.PROBE_DRAWS ?? 200);
const out: Record<string, unknown> = {
  benchmark: "hi-tuning-probe",
  date: new Date().toISOString(),
  machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? "?", node: process.version },
  settings: { chains: 2, tune, draws, targetAccept: 0.9, init: "advi+adapt_diag" },
};
for (const adaptation of ["pymc", "stan"] as const) {
  const model = new EmissionAbsorptionModel(data, {
    nClouds: 3,
    baselineDegree: 0,
    bgTemp: 3.77,
    seed: 1234,
  })
    .addPriors(SEED_FIT_PRIORS)
    .addLikelihood();
  const c0 = process.cpuUsage();
  const trace = await model.sample({
    chains: 2,
    tune,
    draws,
    targetAccept: 0.9,
    adaptation,
    nInit: SEED_ADVI.n,
    initKwargs: {
      relTolerance: SEED_ADVI.relTolerance,
      absTolerance: SEED_ADVI.absTolerance,
      learningRate: SEED_ADVI.learningRate,
      start: { velocity_norm: [...SEED_ADVI.startVelocityNorm] },
    },
  });
  const cpu = process.cpuUsage(c0);
  const depth = trace.sampleStats.tree_depth ?? trace.sampleStats.treedepth;
  const steps = trace.sampleStats.n_steps ?? trace.sampleStats.n_leapfrog;
  const step = trace.sampleStats.step_size;
  const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0) / a.length;
  const perChain = (a: ArrayLike<number> | undefined) =>
    a ? [0, 1].map((c) => mean(Array.from(a).slice(c * draws, (c + 1) * draws))) : null;
  out[adaptation] = {
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    statNames: Object.keys(trace.sampleStats),
    meanTreeDepth: perChain(depth?.data),
    meanLeapfrog: perChain(steps?.data),
    stepSize: perChain(step?.data),
  };
  console.log(adaptation, JSON.stringify(out[adaptation]));
}
writeFileSync(
  new URL("../../../bench/results/hi-tuning-probe.json", import.meta.url),
  `${JSON.stringify(out, null, 2)}\n`,
);
