/**
 * Cost of the seed-000 model (EmissionAbsorptionModel, 3 clouds, 200 + 100 channels, 23 free
 * parameters): one compiled log-density gradient (the `compile`d potential the samplers call),
 * one ADVI iteration (5 Monte-Carlo draws), and what 8 chains × 2000 NUTS iterations would cost
 * at 2^k leapfrog steps per iteration. Wall and CPU time are both reported: on a shared machine
 * wall time includes waiting for a core. Writes bench/results/hi-physics.json at the repo root.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fitAdvi, initializeModel, initToMedian } from "@sidereal/autodiff-samplers";
import { key } from "@sidereal/distributions";
import {
  EmissionAbsorptionModel,
  hiModel,
  SEED_ADVI,
  SEED_FIT_PRIORS,
  simulateSeed,
} from "@sidereal/hi-physics";

const sim = simulateSeed({ noise: true });
const model = new EmissionAbsorptionModel(
  { emission: sim.emission, absorption: sim.absorption },
  { nClouds: 3, seed: 1234 },
)
  .addPriors(SEED_FIT_PRIORS)
  .addLikelihood();
const data = model.modelData(true);

function timed<T>(f: () => T): { value: T; wallMs: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

const compiled = timed(() =>
  initializeModel(hiModel, data, { key: key(0), initStrategy: initToMedian() }),
);
const pot = compiled.value;
const q = pot.initialPosition.slice();
const g = new Float64Array(pot.flatSize);
for (let i = 0; i < 500; i++) pot.potential(q, g);
const blocks: { wall: number; cpu: number }[] = [];
const perBlock = 2000;
for (let b = 0; b < 5; b++) {
  const r = timed(() => {
    for (let i = 0; i < perBlock; i++) {
      q[i % q.length] += 1e-12;
      pot.potential(q, g);
    }
  });
  blocks.push({ wall: (r.wallMs * 1000) / perBlock, cpu: (r.cpuMs * 1000) / perBlock });
}
const median = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)];
const gradWallUs = median(blocks.map((b) => b.wall));
const gradCpuUs = median(blocks.map((b) => b.cpu));

// ADVI: steady-state cost per iteration = (time of 1500 − time of 500 iterations) / 1000, so that
// compilation and JIT warm-up cancel.
const adviRun = (n: number) =>
  timed(() =>
    fitAdvi(hiModel, data, {
      n,
      draws: 0,
      learningRate: SEED_ADVI.learningRate,
      relTolerance: 1e-12,
      absTolerance: 1e-12,
      start: { velocity_norm: [...SEED_ADVI.startVelocityNorm] },
      seed: 1234,
    }),
  );
const short = adviRun(500);
const long = adviRun(1500);
const adviIters = 1000;
const adviWallMs = (long.wallMs - short.wallMs) / adviIters;
const adviCpuMs = (long.cpuMs - short.cpuMs) / adviIters;

const nutsProjection = [4, 5, 6, 7].map((depth) => {
  const gradients = 8 * 2000 * 2 ** depth;
  return {
    treeDepth: depth,
    leapfrogStepsPerIteration: 2 ** depth,
    coreSecondsAtCpuCost: (gradients * gradCpuUs) / 1e6,
    wallSecondsOn2CoresAtCpuCost: (gradients * gradCpuUs) / 1e6 / 2,
  };
});

const result = {
  benchmark: "hi-physics",
  date: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model ?? "?",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  note: "Shared machine: wall time includes waiting for a core; CPU time is the cost of the work itself.",
  model:
    "seed 000 EmissionAbsorptionModel, 3 clouds, 200 emission + 100 absorption channels, 23 free parameters",
  compileMs: { wall: compiled.wallMs, cpu: compiled.cpuMs },
  gradientUs: { wall: gradWallUs, cpu: gradCpuUs, blocks },
  adviIterationMs: {
    wall: adviWallMs,
    cpu: adviCpuMs,
    objNMc: 5,
    method: "(t(1500) − t(500)) / 1000",
  },
  adviToSeedConvergenceSeconds: { iterations: 69_400, cpu: (69_400 * adviCpuMs) / 1000 },
  nutsProjection,
};
console.log(JSON.stringify(result, null, 2));
const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const out = join(root, "bench/results/hi-physics.json");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(`${out}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
renameSync(`${out}.tmp`, out);
