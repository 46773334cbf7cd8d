/**
 * Variational-inference benchmark (`node packages/autodiff-samplers/bench/vi.ts`, after
 * `npm run build -w @sidereal/autodiff-samplers`):
 *
 * 1. SVI steps per second, AutoMultivariateNormal (Adam, Trace ELBO, 1 particle) on a
 *    200-parameter hierarchical normal model (198 groups + μ + τ);
 * 2. SVI steps per second, AutoMultivariateNormal on the M67 cluster model of
 *    `@sidereal/parallax` (`clusterModel`, the 4,300 stars of the app's bundled catalogue with
 *    the seed's cuts, zero points 0: 4,304 latent parameters, 4,304 + 4,304·4,305/2 ≈ 9.27 M
 *    guide parameters), with the setup time and the process's peak resident memory; needs
 *    `npm run build -w @sidereal/gaia-distances` for the catalogue loader;
 * 3. SVI steps per second, AutoBNAFNormal (hidden factors [8, 8]) on a 7-parameter
 *    spectral-line model (Gaussian line + quadratic continuum + noise scale, 200 pixels);
 * 4. L-BFGS-B function evaluations per second on the 100-D Rosenbrock function, against
 *    scipy's L-BFGS-B with an analytic NumPy gradient (run with `python3` in the same run).
 *
 * SVI rates are the median over rounds after warm-up steps, and come with the model's
 * potential-gradient rate measured in the same run (the ratio is the cost of one SVI step in
 * potential gradients). The M67 loss starts far from its optimum (NumPyro's `initToUniform`
 * init puts ln r in (−2, 2), i.e. parallaxes of hundreds of mas): the entry measures
 * throughput, not convergence.
 * Writes `bench/results/vi.json` at the repository root with the machine, date and Node version.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  AutoBNAFNormal,
  AutoMultivariateNormal,
  adam,
  defineModel,
  initializeModel,
  lbfgsB,
  svi,
} from "@sidereal/autodiff-samplers";
import { HalfNormal, key, Normal, normal, Uniform } from "@sidereal/distributions";
import { add, div, exp, mul, square, sub } from "@sidereal/tensor";
import { loadM67Bench } from "./m67.ts";

const here = dirname(fileURLToPath(import.meta.url));

const resultsFile = join(here, "../../../bench/results/vi.json");

// ---------------------------------------------------------------- models
const J = 198;
const hier = (() => {
  const theta = normal(key(1), [J]).map((z) => 1 + 2 * z);
  const sigma = Array.from({ length: J }, (_, j) => 0.5 + (j % 7) * 0.25);
  const e = normal(key(2), [J]);
  const y = Array.from({ length: J }, (_, j) => theta[j] + sigma[j] * e[j]);
  return { y, sigma };
})();
const hierarchical = defineModel(
  (m, d: { readonly y: readonly number[]; readonly sigma: readonly number[] }) => {
    const mu = m.sample("mu", Normal(0, 5));
    const tau = m.sample("tau", HalfNormal(5));
    const theta = m.plate("groups", d.y.length, () => m.sample("theta", Normal(mu, tau)));
    m.plate("groups_obs", d.y.length, () => m.sample("y", Normal(theta, d.sigma), { obs: d.y }));
  },
);

const NPIX = 200;
const line = (() => {
  const x = Array.from({ length: NPIX }, (_, i) => -1 + (2 * i) / (NPIX - 1));
  const e = normal(key(3), [NPIX]);
  const y = x.map(
    (xi, i) =>
      1 + 0.1 * xi - 0.05 * xi * xi - 0.6 * Math.exp(-0.5 * ((xi - 0.1) / 0.08) ** 2) + 0.02 * e[i],
  );
  return { x, y };
})();
const spectralLine = defineModel(
  (m, d: { readonly x: readonly number[]; readonly y: readonly number[] }) => {
    const c0 = m.sample("c0", Normal(1, 0.5));
    const c1 = m.sample("c1", Normal(0, 0.5));
    const c2 = m.sample("c2", Normal(0, 0.5));
    const depth = m.sample("depth", Uniform(0, 1));
    const center = m.sample("center", Uniform(-0.5, 0.5));
    const width = m.sample("width", Uniform(0.01, 0.3));
    const noise = m.sample("noise", HalfNormal(0.1));
    const g = exp(mul(-0.5, square(div(sub(d.x, center), width))));
    const mu = sub(add(add(c0, mul(c1, d.x)), mul(c2, square(d.x))), mul(depth, g));
    m.plate("pixels", d.x.length, () => m.sample("y", Normal(mu, noise), { obs: d.y }));
  },
);

// ---------------------------------------------------------------- timing helpers
function sviStepsPerSecond<D>(
  model: Parameters<typeof svi<D, unknown>>[0],
  guide: Parameters<typeof svi<D, unknown>>[1],
  data: D,
  steps: number,
  rounds = 5,
  warmup = Math.ceil(steps / 5),
  potentialReps = 2000,
) {
  const s = svi(model, guide, adam(0.01));
  const t0 = performance.now();
  let state = s.init(key(0), data);
  const setupMs = performance.now() - t0;
  for (let i = 0; i < warmup; i++) state = s.update(state, data)[0];
  const rates: number[] = [];
  let loss = Number.NaN;
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (let i = 0; i < steps; i++) {
      const [next, l] = s.update(state, data);
      state = next;
      loss = l;
    }
    rates.push((1000 * steps) / (performance.now() - t));
  }
  rates.sort((a, b) => a - b);
  // Baseline in the same run: one gradient of the model's potential (what a NUTS leapfrog
  // step costs); the ratio is the SVI step's cost in potential gradients.
  const pot = initializeModel(model, data, { key: key(0) });
  const grad = new Float64Array(pot.flatSize);
  const q = pot.initialPosition;
  for (let i = 0; i < potentialReps / 10; i++) pot.potential(q, grad);
  const t1 = performance.now();
  const reps = potentialReps;
  for (let i = 0; i < reps; i++) pot.potential(q, grad);
  const potentialGradsPerSecond = (1000 * reps) / (performance.now() - t1);
  const stepsPerSecond = rates[Math.floor(rounds / 2)];
  return {
    stepsPerSecond,
    msPerStep: 1000 / stepsPerSecond,
    timedSteps: steps * rounds,
    warmupSteps: warmup,
    potentialGradsPerSecond,
    stepCostInPotentialGrads: potentialGradsPerSecond / stepsPerSecond,
    setupMs,
    numParams: state.phi.length,
    lossMode: s.compiledLoss(data).mode,
    lastLoss: loss,
  };
}

/** Peak resident memory of this process so far (the kernel's high-water mark). */
const peakRssMiB = () => process.resourceUsage().maxRSS / 1024;

/** AutoMultivariateNormal on the M67 cluster model (see the module doc). */
async function m67Bench() {
  const { clusterModel, data, stars } = await loadM67Bench();
  const peakBefore = peakRssMiB();
  // ~0.3 s a step: 2 warm-up steps, then 3 rounds of 10 (the median round is reported)
  const r = sviStepsPerSecond(
    clusterModel,
    AutoMultivariateNormal(clusterModel),
    data,
    10,
    3,
    2,
    300,
  );
  const latentParameters = initializeModel(clusterModel, data, { key: key(0) }).flatSize;
  return {
    model: `seed 004 gaia_cluster_model on M67 (${latentParameters} latent parameters, ${stars} stars), zero points 0`,
    latentParameters,
    ...r,
    peakRssMiB: peakRssMiB(),
    peakRssBeforeMiB: peakBefore,
  };
}

const N = 100;
function rosenbrock(x: Float64Array): [number, Float64Array] {
  let f = 0;
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    f += 100 * a * a + b * b;
    g[i] += -400 * x[i] * a - 2 * b;
    g[i + 1] += 200 * a;
  }
  return [f, g];
}
const x0 = Float64Array.from({ length: N }, (_, i) => (i % 2 === 0 ? -1.2 : 1));

function lbfgsbRate(rounds = 7) {
  lbfgsB(rosenbrock, x0, { maxiter: 10_000 }); // warm-up
  const rates: number[] = [];
  let res = lbfgsB(rosenbrock, x0, { maxiter: 10_000 });
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    res = lbfgsB(rosenbrock, x0, { maxiter: 10_000 });
    rates.push((1000 * res.nfev) / (performance.now() - t));
  }
  rates.sort((a, b) => a - b);
  return {
    fevPerSecond: rates[Math.floor(rounds / 2)],
    nfev: res.nfev,
    nit: res.nit,
    fun: res.fun,
  };
}

const SCIPY = `
import json, time, numpy as np, scipy
from scipy.optimize import minimize
def f(x):
    a = x[1:] - x[:-1]**2
    b = 1 - x[:-1]
    g = np.zeros_like(x)
    g[:-1] = -400*x[:-1]*a - 2*b
    g[1:] += 200*a
    return float(np.sum(100*a*a + b*b)), g
x0 = np.array([-1.2 if i % 2 == 0 else 1.0 for i in range(100)])
minimize(f, x0, jac=True, method="L-BFGS-B", options={"maxiter": 10000})
rates = []
for _ in range(7):
    t = time.perf_counter()
    r = minimize(f, x0, jac=True, method="L-BFGS-B", options={"maxiter": 10000})
    rates.append(r.nfev / (time.perf_counter() - t))
rates.sort()
print(json.dumps({"fevPerSecond": rates[3], "nfev": int(r.nfev), "nit": int(r.nit), "fun": float(r.fun), "scipy": scipy.__version__, "numpy": np.__version__}))
`;

function scipyRate(): Record<string, number | string> | { error: string } {
  try {
    return JSON.parse(execFileSync("python3", ["-c", SCIPY], { encoding: "utf8" }));
  } catch (e) {
    return { error: String(e) };
  }
}

// ---------------------------------------------------------------- run
const mvn = sviStepsPerSecond(hierarchical, AutoMultivariateNormal(hierarchical), hier, 200);
console.log(
  `AutoMultivariateNormal, ${J + 2}-parameter hierarchical model: ${mvn.stepsPerSecond.toFixed(0)} steps/s (${mvn.numParams} guide params, ${mvn.lossMode})`,
);
const m67 = await m67Bench();
console.log(
  `AutoMultivariateNormal, M67 (${m67.latentParameters} latent parameters): ${m67.stepsPerSecond.toFixed(2)} steps/s, ${m67.msPerStep.toFixed(0)} ms/step (${m67.numParams} guide params, setup ${(m67.setupMs / 1000).toFixed(1)} s, peak RSS ${m67.peakRssMiB.toFixed(0)} MiB)`,
);
const bnaf = sviStepsPerSecond(spectralLine, AutoBNAFNormal(spectralLine), line, 200);
console.log(
  `AutoBNAFNormal, 7-parameter spectral-line model: ${bnaf.stepsPerSecond.toFixed(0)} steps/s (${bnaf.numParams} guide params, ${bnaf.lossMode})`,
);
const ours = lbfgsbRate();
const scipy = scipyRate();
const scipyFev = "fevPerSecond" in scipy ? Number(scipy.fevPerSecond) : Number.NaN;
console.log(
  `L-BFGS-B, 100-D Rosenbrock: ${ours.fevPerSecond.toFixed(0)} fev/s (nfev ${ours.nfev}); scipy ${scipyFev.toFixed(0)} fev/s; ratio ${(ours.fevPerSecond / scipyFev).toFixed(2)}`,
);

const result = {
  machine: {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  },
  date: new Date().toISOString(),
  node: process.version,
  svi: {
    autoMultivariateNormal: { model: `hierarchical normal, ${J + 2} latent parameters`, ...mvn },
    autoMultivariateNormalM67: m67,
    autoBnafNormal: { model: "spectral line, 7 latent parameters, 200 pixels", ...bnaf },
  },
  lbfgsb: {
    problem: "Rosenbrock, 100-D, x0 = (-1.2, 1, ...), analytic gradient",
    sidereal: ours,
    scipy,
    ratioFevPerSecond: ours.fevPerSecond / scipyFev,
  },
};
mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(`${resultsFile}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
renameSync(`${resultsFile}.tmp`, resultsFile);
console.log(`wrote ${resultsFile}`);
