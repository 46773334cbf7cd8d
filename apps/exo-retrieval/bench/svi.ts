/**
 * `npm run bench` for exo-retrieval: on the seed's model (3500-point grid, 100 layers, 650
 * observed points) it records
 * - SVI steps per second for the MVN and BNAF guides, each step exactly as `exo-retrieval svi`
 *   takes it (`driver.update` of `svi(exoModel, guide, adam(0.01))` on the same data), against
 *   the seed's printed 107.8 it/s (MVN) and 142.2 it/s (BNAF), i.e. 9.3 and 7.0 ms per step
 *   (its machine is not named; its figures include JAX's compile time);
 * - the compiled forward model's value and gradient alone (a Gaussian log-likelihood of the
 *   spectrum, the same compile backend as SVI);
 * - compile time apart (CPU and wall): the forward model's setup, the first `update` (which
 *   traces and compiles the loss), the forward-only compile;
 * - machine, date, Node and the load average before and after.
 * CPU time (user + system of this process) is the figure to read on a shared machine; the
 * per-step figure is the median over blocks of steps (robust to bursts of load from other
 * processes), with the mean and the fastest block beside it. Every timed step is preceded by
 * warm-up steps (V8 optimises the compiled program's loops over its first calls).
 *
 * Adds an `svi` entry to `bench/results/exo.json` (repository root), keeping the forward-model
 * entries that exo-rt's bench writes. Run: `node apps/exo-retrieval/bench/svi.ts [blocks]
 * [stepsPerBlock]` (defaults 8 × 4 steps per guide after 4 warm-up steps).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { adam, svi } from "@sidereal/autodiff-samplers";
import { key, normal } from "@sidereal/distributions";
import {
  exoModel,
  forwardModel,
  makeGuide,
  SEED_MODEL,
  TRUTHS,
  truthSpectrum,
} from "@sidereal/exo-retrieval";
import { compile, mul, scalar, square, sub, sum, type Tensor, tensor } from "@sidereal/tensor";

const blocks = Number(process.argv[2] ?? 8);
const perBlock = Number(process.argv[3] ?? 4);
const WARMUP = 4;

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
/** CPU and wall ms of `f()`. */
function timed<T>(f: () => T): { value: T; cpuMs: number; wallMs: number } {
  const c0 = cpuMs();
  const w0 = performance.now();
  const value = f();
  return { value, cpuMs: cpuMs() - c0, wallMs: performance.now() - w0 };
}
const median = (x: number[]) => {
  const s = [...x].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
};
/** Per-call CPU/wall ms of `step` over `blocks` blocks of `perBlock` calls. */
function perCall(step: () => void) {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const t = timed(() => {
      for (let s = 0; s < perBlock; s++) step();
    });
    cpu.push(t.cpuMs / perBlock);
    wall.push(t.wallMs / perBlock);
  }
  const mean = (x: number[]) => x.reduce((a, v) => a + v, 0) / x.length;
  return {
    calls: blocks * perBlock,
    cpuMsMedian: median(cpu),
    cpuMsMean: mean(cpu),
    cpuMsMin: Math.min(...cpu),
    wallMsMedian: median(wall),
  };
}

const loadBefore = loadavg();
const startedAt = new Date().toISOString();

// ---- the model (its setup is compile-like work: PreMODIT's pre-binning, CIA, operators) ----
const setup = timed(() => forwardModel(SEED_MODEL));
const fm = setup.value;
const mu = truthSpectrum(fm);
const eps = normal(key(0), [mu.length]) as Float64Array;
const spectrum = mu.map((m, i) => m + TRUTHS.sigmain * eps[i]);
const data = { settings: SEED_MODEL, spectrum };

// ---- the forward model's value and gradient alone ----
const obs = tensor(spectrum);
const logLik = (...p: Tensor[]) => {
  const [T0, alpha, mmr, g, RV, vsini] = p;
  return mul(
    sum(square(sub(fm.forward({ T0, alpha, mmr, g, RV, vsini }), obs))),
    -0.5 / TRUTHS.sigmain ** 2,
  );
};
const x0 = [TRUTHS.T0, TRUTHS.alpha, TRUTHS.MMR, 10 ** TRUTHS.logg, TRUTHS.RV, TRUTHS.vsini];
const fwdCompile = timed(() =>
  compile(
    logLik,
    x0.map((v) => scalar(v)),
  ),
);
const compiled = fwdCompile.value;
// a cycle of nearby points (as in an optimiser: no call repeats the previous parameters)
const points = Array.from({ length: 16 }, (_, r) =>
  Float64Array.from(x0, (v, i) => v * (1 + 2e-3 * Math.sin(r + 1.3 * i))),
);
let call = 0;
const grad = new Float64Array(6);
const fwdStep = () => {
  compiled.flat(points[call++ % points.length], grad);
};
for (let w = 0; w < 2 * WARMUP; w++) fwdStep();
const forwardValueAndGradient = perCall(fwdStep);
process.stdout.write(`forward value+grad: ${JSON.stringify(forwardValueAndGradient)}\n`);

// ---- SVI steps ----
const guides: Record<string, unknown> = {};
for (const [name, seedRate] of [
  ["mvn", 107.8],
  ["bnaf", 142.2],
] as const) {
  const driver = svi(exoModel, makeGuide(name), adam(0.01));
  const first = timed(() => {
    const s = driver.init(key(1), data);
    return driver.update(s, data)[0];
  });
  let state = first.value;
  let loss = Number.NaN;
  const step = () => {
    [state, loss] = driver.update(state, data);
  };
  for (let w = 0; w < WARMUP; w++) step();
  const t = perCall(step);
  const stepsPerSecondCpu = 1000 / t.cpuMsMedian;
  guides[name] = {
    ...t,
    warmupSteps: WARMUP,
    compileCpuMs: first.cpuMs,
    compileWallMs: first.wallMs,
    compileStats: driver.compiledLoss(data).compiled.stats,
    lastLoss: loss,
    stepsPerSecondCpu,
    stepsPerSecondWall: 1000 / t.wallMsMedian,
    seedItPerSecond: seedRate,
    seedMsPerStep: 1000 / seedRate,
    slowerThanSeedByCpu: seedRate / stepsPerSecondCpu,
    metCpu: stepsPerSecondCpu >= seedRate,
  };
  process.stdout.write(`${name}: ${JSON.stringify(guides[name])}\n`);
}

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "../../../bench/results");
mkdirSync(outDir, { recursive: true });
const file = join(outDir, "exo.json");
const base = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
base.svi = {
  benchmark: "exo-retrieval SVI steps on the seed's model (issue 19)",
  date: startedAt,
  machine: {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadavg(),
  },
  note: "CPU ms (user + system of this process) per call: median over blocks of calls after warm-up (mean and fastest block beside it); stepsPerSecondCpu = 1000 / cpuMsMedian. One SVI step = exo-retrieval's driver.update (one particle: guide draw, compiled ELBO value and gradient, Adam). Compile apart: model setup (PreMODIT pre-binning etc.), the first update (traces and compiles the loss), the forward-only compile. The machine is shared: wall figures and, less so, CPU figures are inflated by the load given",
  model: { grid: 3500, layers: 100, observed: mu.length },
  compile: {
    modelSetupCpuMs: setup.cpuMs,
    modelSetupWallMs: setup.wallMs,
    forwardCompileCpuMs: fwdCompile.cpuMs,
    forwardCompileWallMs: fwdCompile.wallMs,
  },
  forwardValueAndGradient,
  ...guides,
};
writeFileSync(`${file}.tmp`, `${JSON.stringify(base, null, 2)}\n`);
renameSync(`${file}.tmp`, file);
