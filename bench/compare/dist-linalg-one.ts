/**
 * One measurement of the distributions/linear-algebra before/after comparison
 * (`bench/compare/dist-linalg.sh` copies this file into each tree's
 * `packages/autodiff-samplers/bench/` and runs it there, A B A B …, one process per
 * measurement). `node dist-linalg-one.ts <bench>` prints one JSON line with the wall and CPU
 * (user + system) milliseconds of the timed part and a checksum that must agree between trees.
 * Benches: gmm (5 full-covariance components, 10^5 × 4, 100 EM iterations, tol 0),
 * svi-mvn / svi-normal (AutoMultivariateNormal / AutoNormal, 200-parameter hierarchical
 * normal, 1500 (AutoNormal 4000) Adam steps), nuts (seed 004 linear mixture, one chain 1000 + 1000),
 * laplace-inverse (SVI Laplace's H⁻¹ from a 200×200 Cholesky factor, 100 calls),
 * gmm-invert (gmm-solver's invertLower at d = 4, 500000 calls), nuts-grad (40000 potential
 * gradients of the linear mixture at its initial point), model-run (4000 evaluations of that model
 * at concrete values, `constrain`, as mcmc does per draw), nuts-setup (20 mcmc calls of 5 + 5).
 */
import {
  AutoMultivariateNormal,
  AutoNormal,
  adam,
  defineModel,
  initializeModel,
  mcmc,
  svi,
} from "@sidereal/autodiff-samplers";
import { HalfNormal, key, Normal, normal } from "@sidereal/distributions";
import { fitGaussianMixture } from "@sidereal/gmm-solver";
import { invertLower } from "../../gmm-solver/dist/linalg.js";
// Internal modules, by path: the same files exist in both trees.
import { choleskyLower, inverseFromCholesky } from "../dist/svi/denseMatrix.js";
import { linearOutliers } from "../test/ppl/fixtures/linearOutliers.ts";
import { linearMixtureModel } from "./nuts-models.ts";

const bench = process.argv[2];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

function timed(f: () => number): void {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const checksum = f();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  console.log(JSON.stringify({ bench, wallMs, cpuMs: (c.user + c.system) / 1000, checksum }));
}

const J = 198;
const hierarchical = defineModel(
  (m, d: { readonly y: readonly number[]; readonly sigma: readonly number[] }) => {
    const mu = m.sample("mu", Normal(0, 5));
    const tau = m.sample("tau", HalfNormal(5));
    const theta = m.plate("groups", d.y.length, () => m.sample("theta", Normal(mu, tau)));
    m.plate("groups_obs", d.y.length, () => m.sample("y", Normal(theta, d.sigma), { obs: d.y }));
  },
);
function hierData() {
  const theta = normal(key(1), [J]).map((z) => 1 + 2 * z);
  const sigma = Array.from({ length: J }, (_, j) => 0.5 + (j % 7) * 0.25);
  const e = normal(key(2), [J]);
  const y = Array.from({ length: J }, (_, j) => theta[j] + sigma[j] * e[j]);
  return { y, sigma };
}

function sviBench(guideOf: typeof AutoNormal, steps: number): void {
  const data = hierData();
  const s = svi(hierarchical, guideOf(hierarchical), adam(0.01));
  let state = s.init(key(0), data);
  for (let i = 0; i < 60; i++) state = s.update(state, data)[0];
  timed(() => {
    let loss = 0;
    for (let i = 0; i < steps; i++) {
      const [next, l] = s.update(state, data);
      state = next;
      loss = l;
    }
    return loss;
  });
}

function spdFactor(n: number): Float64Array {
  const u = mulberry32(7);
  const b = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) b[i] = u() - 0.5;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = i === j ? n : 0;
      for (let k = 0; k < n; k++) s += b[i * n + k] * b[j * n + k];
      a[i * n + j] = s;
    }
  const l = choleskyLower(a, n);
  if (l === undefined) throw new Error("not SPD");
  return l;
}

if (bench === "gmm") {
  const N = 100_000;
  const D = 4;
  const u = mulberry32(12345);
  const gauss = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const X = new Float64Array(N * D);
  for (let n = 0; n < N; n++) {
    const k = n % 5;
    for (let j = 0; j < D; j++)
      X[n * D + j] = 3 * k * (j === k % D ? 1 : 0.3) + (0.5 + 0.2 * j) * gauss();
  }
  fitGaussianMixture(X.subarray(0, 10_000 * D), { nComponents: 5, nFeatures: D, maxIter: 5 });
  timed(
    () =>
      fitGaussianMixture(X, { nComponents: 5, nFeatures: D, maxIter: 100, tol: 0, seed: 0 })
        .lowerBound,
  );
} else if (bench === "svi-mvn") {
  sviBench(AutoMultivariateNormal, 1500);
} else if (bench === "svi-normal") {
  sviBench(AutoNormal, 4000);
} else if (bench === "nuts") {
  const data = { x: linearOutliers.x, yerr: linearOutliers.yerr, y: linearOutliers.y };
  mcmc(linearMixtureModel, data, { numWarmup: 200, numSamples: 200, seed: 1, numChains: 1 });
  timed(() => {
    const r = mcmc(linearMixtureModel, data, {
      numWarmup: 1000,
      numSamples: 1000,
      seed: 0,
      numChains: 1,
    });
    const s = r.sampleStats.n_steps.draws;
    let t = 0;
    for (const v of s) t += v;
    return t;
  });
} else if (bench === "nuts-setup") {
  // fixed cost of one mcmc call (model setup, compile, result): 20 calls of 5 + 5 draws
  const data = { x: linearOutliers.x, yerr: linearOutliers.yerr, y: linearOutliers.y };
  mcmc(linearMixtureModel, data, { numWarmup: 5, numSamples: 5, seed: 1, numChains: 1 });
  timed(() => {
    let t = 0;
    for (let i = 0; i < 20; i++)
      t += mcmc(linearMixtureModel, data, {
        numWarmup: 5,
        numSamples: 5,
        seed: i,
        numChains: 1,
      }).numDivergences;
    return t;
  });
} else if (bench === "model-run") {
  // one model evaluation with concrete values (what mcmc does per draw: `constrain`), 4000 runs
  const data = { x: linearOutliers.x, yerr: linearOutliers.yerr, y: linearOutliers.y };
  const pot = initializeModel(linearMixtureModel, data, { key: key(0) });
  const q = pot.initialPosition;
  for (let i = 0; i < 500; i++) pot.constrain(q);
  timed(() => {
    let s = 0;
    for (let i = 0; i < 4000; i++) s += pot.constrain(q).Q.item();
    return s;
  });
} else if (bench === "nuts-grad") {
  const data = { x: linearOutliers.x, yerr: linearOutliers.yerr, y: linearOutliers.y };
  const pot = initializeModel(linearMixtureModel, data, { key: key(0) });
  const q = pot.initialPosition;
  const g = new Float64Array(q.length);
  for (let i = 0; i < 5000; i++) pot.potential(q, g);
  timed(() => {
    let s = 0;
    for (let i = 0; i < 40_000; i++) s += pot.potential(q, g);
    return s;
  });
} else if (bench === "laplace-inverse") {
  const n = 200;
  const l = spdFactor(n);
  for (let i = 0; i < 5; i++) inverseFromCholesky(l, n);
  timed(() => {
    let s = 0;
    for (let i = 0; i < 100; i++) s += inverseFromCholesky(l, n)[n * n - 1];
    return s;
  });
} else if (bench === "gmm-invert") {
  const l = spdFactor(4);
  for (let i = 0; i < 20000; i++) invertLower(l, 4);
  timed(() => {
    let s = 0;
    for (let i = 0; i < 500_000; i++) s += invertLower(l, 4)[15];
    return s;
  });
} else {
  throw new Error(`unknown bench ${bench}`);
}
