/**
 * Reduced M67 warmup study (`node bench/m67-warmup.ts <chain> [numWarmup] [numSamples] [--demo]`,
 * after building this package and `@sidereal/gaia-distances`): one chain of seed 004's M67
 * cluster model with the seed's NUTS settings.
 *
 * - default: zero points 0 (as the Stan anchor), key `foldIn(key(chain), 1 | 2)`, JS gradient;
 * - `--demo`: what `npm run demo` runs for chain `chain` — the L21 zero points, the chain key
 *   `split(key(7), 2)[chain]` split into (init, sampling) keys as `runChain` does, and the
 *   WebAssembly gradient backend (`wasm: true` in the app's m67 defaults).
 *
 * Prints one JSON line: the step size after each metric window and at the end of warmup, the
 * tree-depth histogram of the terminal buffer and of the
 * sampling draws, mean gradients per iteration, the adapted metric's range, wall and CPU
 * seconds per phase. Run one process per chain.
 *
 * `--term=N`: Stan's schedule with a terminal buffer of N iterations (default 50).
 *
 * `--scan`: afterwards, from the last draw and with the adapted metric, 30 NUTS transitions at
 * each of several multiples of the adapted step size (mean acceptance statistic and tree-depth
 * histogram per step size): where the acceptance target 0.8 lies and where the tree depth
 * steps from 9 to 8.
 */
import {
  buildSchedule,
  initializeModel,
  initState,
  nuts,
  sampleChain,
} from "@sidereal/autodiff-samplers";
import { foldIn, key, split } from "@sidereal/distributions";
import { loadWasmBackend } from "@sidereal/tensor";
import { loadM67Bench } from "./m67.ts";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const demo = process.argv.includes("--demo");
const scan = process.argv.includes("--scan");
/** `--term=N`: a terminal buffer of N iterations instead of Stan's 50 (an experiment). */
const termArg = process.argv.find((a) => a.startsWith("--term="));
const termBuffer = termArg === undefined ? undefined : Number(termArg.slice("--term=".length));
const chain = Number(args[0] ?? 0);
const numWarmup = Number(args[1] ?? (demo ? 2000 : 1000));
const numSamples = Number(args[2] ?? 100);
/** The app's m67 defaults (apps/gaia-distances/src/config.ts): seed 7, 2 chains. */
const DEMO_SEED = 7;
const DEMO_CHAINS = 2;

function histogram(depths: Int32Array, from: number, to: number): Record<number, number> {
  const h: Record<number, number> = {};
  for (let i = from; i < to; i++) h[depths[i]] = (h[depths[i]] ?? 0) + 1;
  return h;
}

function sd(xs: ArrayLike<number>, from = 0, to = xs.length): number {
  const m = mean(xs, from, to);
  let s = 0;
  for (let i = from; i < to; i++) s += (xs[i] - m) ** 2;
  return Math.sqrt(s / Math.max(1, to - from - 1));
}

function mean(xs: ArrayLike<number>, from = 0, to = xs.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i];
  return s / Math.max(1, to - from);
}

function rangeOf(m: ArrayLike<number>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (let i = 0; i < m.length; i++) {
    lo = Math.min(lo, m[i]);
    hi = Math.max(hi, m[i]);
  }
  return [lo, hi];
}

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

if (demo) await loadWasmBackend();
const bench = await loadM67Bench(demo ? { zeroPoints: "L21" } : {});
const { clusterModel, data } = bench;
const [initKey, sampleKey] = demo
  ? split(split(key(DEMO_SEED), DEMO_CHAINS)[chain])
  : [foldIn(key(chain), 1), foldIn(key(chain), 2)];
const init = initializeModel(clusterModel, data, { key: initKey });
// Phase boundaries from the progress callback (called after the last warmup iteration).
const t0 = performance.now();
const c0 = cpuSeconds();
let warmupEnd = { wall: 0, cpu: 0 };
const res = sampleChain(init.potential, init.initialPosition, {
  numWarmup,
  numSamples,
  key: sampleKey,
  ...(termBuffer === undefined ? {} : { schedule: { termBuffer } }),
  progressInterval: 1,
  onProgress: (p) => {
    if (p.phase === "warmup" && p.iteration === numWarmup)
      warmupEnd = { wall: performance.now(), cpu: cpuSeconds() };
  },
});
const wallSeconds = (performance.now() - t0) / 1000;
const cpuTotal = cpuSeconds() - c0;
const ws = res.warmupStats;
if (ws === undefined) throw new Error("numWarmup must be > 0");
const schedule = buildSchedule(numWarmup, termBuffer === undefined ? {} : { termBuffer });
const term = schedule.windows.at(-1)?.end ?? 0;
const samplingWall = (performance.now() - warmupEnd.wall) / 1000;
const samplingCpu = cpuSeconds() - warmupEnd.cpu;
/** Fixed-step-size NUTS from the last draw with the adapted metric (see `--scan`). */
function stepSizeScan() {
  const d = res.dim;
  const start = initState(res.draws.slice((numSamples - 1) * d, numSamples * d), init.potential);
  const kernel = nuts.buildKernel({ potential: init.potential });
  const info = kernel.newInfo();
  const scanKey = foldIn(sampleKey, 99);
  return [0.9, 1, 1.1, 1.2, 1.3, 1.4].map((factor) => {
    const state = {
      ...start,
      position: start.position.slice(),
      potentialGrad: start.potentialGrad.slice(),
    };
    const params = {
      stepSize: factor * res.adapted.stepSize,
      inverseMassMatrix: res.adapted.inverseMassMatrix,
    };
    const n = 30;
    const accept = new Float64Array(n);
    const depth = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      kernel.stepInto(foldIn(scanKey, i), state, params, state, info);
      accept[i] = info.acceptanceRate;
      depth[i] = info.treeDepth;
    }
    return {
      stepSize: params.stepSize,
      meanAccept: mean(accept),
      treeDepth: histogram(depth, 0, n),
    };
  });
}

let samplingGradients = 0;
for (const n of res.stats.numSteps) samplingGradients += n;
console.log(
  JSON.stringify({
    chain,
    mode: demo
      ? "demo: L21 zero points, key split(split(key(7),2)[chain]), wasm gradient"
      : "zero points 0, key foldIn(key(chain),1|2), JS gradient",
    numWarmup,
    numSamples,
    termBuffer: schedule.termBuffer,
    dim: res.dim,
    wallSeconds,
    cpuSeconds: cpuTotal,
    warmupWallSeconds: (warmupEnd.wall - t0) / 1000,
    samplingWallSeconds: samplingWall,
    samplingCpuSeconds: samplingCpu,
    samplingDrawsPerCpuSecond: numSamples / samplingCpu,
    samplingCpuMsPerGradient: (1000 * samplingCpu) / samplingGradients,
    stepSizeAtWindowEnds: schedule.windows.map((w) => ws.stepSize[w.end]),
    adaptedStepSize: res.adapted.stepSize,
    terminalBufferTreeDepth: histogram(ws.treeDepth, term, numWarmup),
    terminalBufferMeanAccept: mean(ws.acceptanceRate, term, numWarmup),
    samplingTreeDepth: histogram(res.stats.treeDepth, 0, numSamples),
    samplingMeanGradients: mean(res.stats.numSteps),
    samplingMeanAccept: mean(res.stats.acceptanceRate),
    samplingAcceptSd: sd(res.stats.acceptanceRate),
    terminalBufferAcceptSd: sd(ws.acceptanceRate, term, numWarmup),
    warmupMeanGradients: mean(ws.numSteps),
    inverseMetricRange: rangeOf(res.adapted.inverseMassMatrix),
    divergences: {
      warmup: mean(ws.diverging) * numWarmup,
      sampling: mean(res.stats.diverging) * numSamples,
    },
    ...(scan ? { stepSizeScan: stepSizeScan() } : {}),
  }),
);
