/**
 * NUTS benchmark (`npm run bench -w @sidereal/autodiff-samplers`, or `node bench/nuts.ts`):
 * seed 004's linear mixture model and the M67 cluster model (4,304 parameters) with the
 * seed's settings, single chain and 2 chains in parallel worker threads. Records wall time,
 * gradient evaluations per second and min bulk-ESS per wall second over every reported
 * quantity, and their ratios to the Stan anchors measured on this machine (rstan 2.21, same
 * models and data, 2 chains in parallel; numbers from the NUTS issue). Writes
 * `bench/results/nuts.json` at the repository root.
 *
 * `--mixture-only` skips M67 (about ten minutes of both cores) and keeps the M67 entry of an
 * earlier results file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { initializeModel, type McmcResult, mcmc } from "@sidereal/autodiff-samplers";
import { key } from "@sidereal/distributions";
import { linearOutliers } from "../test/ppl/fixtures/linearOutliers.ts";
import { loadM67Bench } from "./m67.ts";
import { type Line, linearMixtureModel } from "./nuts-models.ts";

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, "../../../bench/results/nuts.json");
const mixtureOnly = process.argv.includes("--mixture-only");

/** Stan anchors (rstan 2.21 on this machine, 2 chains in parallel), from the NUTS issue. */
const STAN = {
  mixture: { usPerGradient: 6.9, wallSeconds: 1.97, minBulkEss: 2121, minEssPerSecond: 1080 },
  m67: {
    msPerGradient: 1.17,
    wallSeconds: 2085,
    minBulkEss: 199,
    minEssPerSecond: 0.095,
    essBulkD: 3620,
  },
};

/** Median seconds per call of `f` over interleaved rounds. */
function secondsPerCall(f: () => void, reps: number, rounds = 7): number {
  for (let k = 0; k < reps; k++) f();
  const t: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let k = 0; k < reps; k++) f();
    t.push((performance.now() - t0) / 1000 / reps);
  }
  return t.sort((a, b) => a - b)[Math.floor(rounds / 2)];
}

interface RunStats {
  readonly chains: number;
  readonly wallSeconds: number;
  readonly minBulkEss: number;
  readonly minBulkEssVariable: string;
  readonly minEssPerSecond: number;
  readonly maxRhat: number;
  readonly meanLeapfrogStepsPerDraw: number;
  readonly divergences: number;
  readonly stepSize: number[];
}

/**
 * Statistics of a run; min bulk ESS and max r̂ over the scalar components of the sites in
 * `only` (every site when omitted).
 */
function runStats(res: McmcResult, wallSeconds: number, only?: readonly string[]): RunStats {
  const table = res.summary(only ? { varNames: only } : {});
  let minEss = Number.POSITIVE_INFINITY;
  let minName = "";
  let maxRhat = 0;
  for (const [name, row] of Object.entries(table)) {
    if (row.ess_bulk < minEss) {
      minEss = row.ess_bulk;
      minName = name;
    }
    if (row.r_hat > maxRhat) maxRhat = row.r_hat;
  }
  const steps = res.sampleStats.n_steps.draws;
  let total = 0;
  for (const s of steps) total += s;
  return {
    chains: res.numChains,
    wallSeconds,
    minBulkEss: minEss,
    minBulkEssVariable: minName,
    minEssPerSecond: minEss / wallSeconds,
    maxRhat,
    meanLeapfrogStepsPerDraw: total / steps.length,
    divergences: res.numDivergences,
    stepSize: res.adapted.map((a) => a.stepSize),
  };
}

async function timed<T>(f: () => T | Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await f();
  return [out, (performance.now() - t0) / 1000];
}

async function mixtureBench() {
  const data: Line = { x: linearOutliers.x, yerr: linearOutliers.yerr, y: linearOutliers.y };
  const init = initializeModel(linearMixtureModel, data, { key: key(0) });
  const q = init.initialPosition;
  const g = new Float64Array(q.length);
  const usPerGradient = secondsPerCall(() => init.potential(q, g), 20000) * 1e6;
  const settings = { numWarmup: 2000, numSamples: 2000, seed: 0 } as const;
  const [single, tSingle] = await timed(() =>
    mcmc(linearMixtureModel, data, { ...settings, numChains: 1 }),
  );
  const [parallel, tParallel] = await timed(() =>
    mcmc(linearMixtureModel, data, { ...settings, numChains: 2, chainMethod: "parallel" }),
  );
  const one = runStats(single, tSingle);
  const two = runStats(parallel, tParallel);
  return {
    model: "seed 004 linear_mixture_model (5 parameters, 15 points)",
    settings: "2000 warmup + 2000 draws per chain",
    usPerGradient,
    gradientsPerSecond: 1e6 / usPerGradient,
    singleChain: one,
    twoParallelChains: two,
    stan: STAN.mixture,
    ratios: {
      gradientSpeedVsStan: STAN.mixture.usPerGradient / usPerGradient,
      minEssPerSecondVsStan: two.minEssPerSecond / STAN.mixture.minEssPerSecond,
      wallTimeStanOverOurs: STAN.mixture.wallSeconds / two.wallSeconds,
    },
  };
}

async function m67Bench() {
  const { clusterModel, data, stars } = await loadM67Bench();
  const init = initializeModel(clusterModel, data, { key: key(0) });
  const q = init.initialPosition;
  const g = new Float64Array(q.length);
  const msPerGradient = secondsPerCall(() => init.potential(q, g), 300) * 1e3;
  const [res, wall] = await timed(() =>
    mcmc(clusterModel, data, {
      numWarmup: 2000,
      numSamples: 4000,
      numChains: 2,
      chainMethod: "parallel",
      seed: 0,
      progress: true,
    }),
  );
  // Stan's anchor: min bulk ESS over the 4,307 quantities of its output (the 4,304
  // parameters and L, D, approx_size), not the per-star deterministics p and plx_true
  const quantities = [...res.latentNames, "L", "D", "approx_size"];
  const all = runStats(res, wall, quantities);
  const dRow = res.summary({ varNames: ["D"] }).D;
  return {
    model: `seed 004 gaia_cluster_model on M67 (${init.flatSize} parameters, ${stars} stars), zero points 0`,
    settings: "2 chains in parallel x (2000 warmup + 4000 draws)",
    quantities:
      "min bulk ESS and max r_hat over the 4,304 parameters and L, D, approx_size (as Stan's anchor)",
    msPerGradient,
    gradientsPerSecond: 1e3 / msPerGradient,
    twoParallelChains: all,
    essBulkD: dRow?.ess_bulk ?? null,
    D: dRow ? { mean: dRow.mean, sd: dRow.sd, r_hat: dRow.r_hat } : null,
    stan: STAN.m67,
    ratios: {
      gradientSpeedVsStan: STAN.m67.msPerGradient / msPerGradient,
      minEssPerSecondVsStan: all.minEssPerSecond / STAN.m67.minEssPerSecond,
      wallTimeStanOverOurs: STAN.m67.wallSeconds / wall,
    },
    targets: {
      minEssPerSecondAtLeast3xStan: all.minEssPerSecond >= 3 * STAN.m67.minEssPerSecond,
      wallUnder8Minutes: wall < 480,
    },
  };
}

const previous = existsSync(resultsFile)
  ? (JSON.parse(readFileSync(resultsFile, "utf8")) as { m67?: unknown })
  : {};
const mixture = await mixtureBench();
console.log(JSON.stringify(mixture, null, 2));
const m67 = mixtureOnly ? (previous.m67 ?? null) : await m67Bench();
if (!mixtureOnly) console.log(JSON.stringify(m67, null, 2));

const out = {
  benchmark: "nuts",
  date: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  mixture,
  m67,
};
mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(`${resultsFile}.tmp`, `${JSON.stringify(out, null, 2)}\n`);
renameSync(`${resultsFile}.tmp`, resultsFile);
console.log(`wrote ${resultsFile}`);
