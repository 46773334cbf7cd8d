/**
 * Reduced M67 warmup study (`node bench/m67-warmup.ts <chain> [numWarmup] [numSamples]`, after
 * building this package and `@sidereal/gaia-distances`): one chain of seed 004's M67 cluster
 * model (zero points 0, as the Stan anchor) with the seed's NUTS settings, key `foldIn(key(0),
 * chain)`. Prints one JSON line: the step size after each metric window and at the end of
 * warmup, the tree-depth histogram of the terminal buffer and of the sampling draws, mean
 * gradients per iteration, the adapted metric's range, and wall time. Run one process per
 * chain (e.g. two in parallel for two chains).
 */
import { buildSchedule, initializeModel, sampleChain } from "@sidereal/autodiff-samplers";
import { foldIn, key } from "@sidereal/distributions";
import { loadM67Bench } from "./m67.ts";

const chain = Number(process.argv[2] ?? 0);
const numWarmup = Number(process.argv[3] ?? 1000);
const numSamples = Number(process.argv[4] ?? 100);

function histogram(depths: Int32Array, from: number, to: number): Record<number, number> {
  const h: Record<number, number> = {};
  for (let i = from; i < to; i++) h[depths[i]] = (h[depths[i]] ?? 0) + 1;
  return h;
}

function mean(xs: ArrayLike<number>, from = 0, to = xs.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i];
  return s / Math.max(1, to - from);
}

const { clusterModel, data } = await loadM67Bench();
const [initKey, sampleKey] = [foldIn(key(chain), 1), foldIn(key(chain), 2)];
const init = initializeModel(clusterModel, data, { key: initKey });
const t0 = performance.now();
const res = sampleChain(init.potential, init.initialPosition, {
  numWarmup,
  numSamples,
  key: sampleKey,
});
const wallSeconds = (performance.now() - t0) / 1000;
const ws = res.warmupStats;
if (ws === undefined) throw new Error("numWarmup must be > 0");
const schedule = buildSchedule(numWarmup);
const term = schedule.windows.at(-1)?.end ?? 0;
const metric = res.adapted.inverseMassMatrix;
let lo = Number.POSITIVE_INFINITY;
let hi = 0;
for (const v of metric) {
  lo = Math.min(lo, v);
  hi = Math.max(hi, v);
}
console.log(
  JSON.stringify({
    chain,
    numWarmup,
    numSamples,
    dim: res.dim,
    wallSeconds,
    stepSizeAtWindowEnds: schedule.windows.map((w) => ws.stepSize[w.end]),
    adaptedStepSize: res.adapted.stepSize,
    terminalBufferTreeDepth: histogram(ws.treeDepth, term, numWarmup),
    terminalBufferMeanAccept: mean(ws.acceptanceRate, term, numWarmup),
    samplingTreeDepth: histogram(res.stats.treeDepth, 0, numSamples),
    samplingMeanGradients: mean(res.stats.numSteps),
    samplingMeanAccept: mean(res.stats.acceptanceRate),
    warmupMeanGradients: mean(ws.numSteps),
    inverseMetricRange: [lo, hi],
    divergences: {
      warmup: mean(ws.diverging) * numWarmup,
      sampling: mean(res.stats.diverging) * numSamples,
    },
  }),
);
