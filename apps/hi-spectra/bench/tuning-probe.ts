/**
 * Tree depth under PyMC's and Stan's tuning on the seed-000 model (2 chains × (1000 + 200),
 * advi+adapt_diag, target_accept 0.9), sequential in this thread. Writes
 * bench/results/hi-tuning-probe.json. Gradients per iteration do not depend on machine load.
 *
 * CPU time is split at the progress callbacks (chains run one after the other): the ADVI init,
 * then each chain's warm-up and sampling phases. CPU per gradient is the sampling CPU over
 * Σ leapfrog steps of the draws. The projection of the seed's NUTS (8 chains × (1000 + 1000))
 * on 2 cores is 8 × (warm-up CPU per chain + 1000 × L × CPU per gradient) / 2 with L the larger
 * of the chains' mean leapfrog steps (a chain stuck on short trees would make it look cheaper),
 * the ADVI initialisation not included (it runs once, before the chains).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
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
const resultFile = new URL("../../../bench/results/hi-tuning-probe.json", import.meta.url);
// the last run (before this one), kept so the file shows what a change did
const previous = existsSync(resultFile)
  ? (({ previous: _, ...rest }) => rest)(JSON.parse(readFileSync(resultFile, "utf8")))
  : null;
const out: Record<string, unknown> = {
  benchmark: "hi-tuning-probe",
  date: new Date().toISOString(),
  load: { loadAverageAtStart: loadavg() },
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
  const cpuNow = () => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
  // CPU seconds at the first callback of each (chain, phase), and at the end
  const marks: { chain: number; phase: string; cpu: number }[] = [];
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
    onProgress: (chain, p) => {
      const last = marks[marks.length - 1];
      if (!last || last.chain !== chain || last.phase !== p.phase)
        marks.push({ chain, phase: p.phase, cpu: cpuNow() });
    },
  });
  const cpu = process.cpuUsage(c0);
  const end = cpuNow();
  const depth = trace.sampleStats.tree_depth ?? trace.sampleStats.treedepth;
  const steps = trace.sampleStats.n_steps ?? trace.sampleStats.n_leapfrog;
  const step = trace.sampleStats.step_size;
  const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0) / a.length;
  const perChain = (a: ArrayLike<number> | undefined) =>
    a ? [0, 1].map((c) => mean(Array.from(a).slice(c * draws, (c + 1) * draws))) : null;
  const phaseCpu = marks.map((m, k) => ({
    chain: m.chain,
    phase: m.phase,
    cpuSeconds: (k + 1 < marks.length ? marks[k + 1].cpu : end) - m.cpu,
  }));
  const sumPhase = (phase: string) =>
    phaseCpu.filter((p) => p.phase === phase).reduce((a, p) => a + p.cpuSeconds, 0);
  const warmupPerChain = sumPhase("warmup") / 2;
  const leapfrog = perChain(steps?.data);
  const div = trace.sampleStats.diverging;
  const sumOf = (a: number[]) => a.reduce((x, y) => x + Number(y), 0);
  const totalLeapfrog = leapfrog ? leapfrog.reduce((a, b) => a + b, 0) * draws : Number.NaN;
  out[adaptation] = {
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    adviInitCpuSeconds: marks.length > 0 ? marks[0].cpu : null,
    phaseCpuSeconds: phaseCpu,
    cpuUsPerGradientWhileSampling: (sumPhase("sampling") / totalLeapfrog) * 1e6,
    projectedSeedNutsSecondsOn2Cores:
      (8 *
        (warmupPerChain +
          1000 *
            Math.max(...(leapfrog ?? [Number.NaN])) *
            (sumPhase("sampling") / totalLeapfrog))) /
      2,
    statNames: Object.keys(trace.sampleStats),
    meanTreeDepth: perChain(depth?.data),
    divergences: div
      ? [0, 1].map((c) => sumOf(Array.from(div.data).slice(c * draws, (c + 1) * draws)))
      : null,
    meanLeapfrog: leapfrog,
    stepSize: perChain(step?.data),
  };
  console.log(adaptation, JSON.stringify(out[adaptation]));
}
out.load = { ...(out.load as object), loadAverageAtEnd: loadavg() };
out.previous = previous;
writeFileSync(resultFile, `${JSON.stringify(out, null, 2)}\n`);
