/**
 * Is the seed model's tree depth ~10 a property of its posterior? (Not part of `npm run bench`.)
 * Finds the posterior mode of the seed fit model (cell [16] priors, simulated data of seed
 * 1234) in the unconstrained space NUTS works in, starting from the seed's printed posterior
 * means (cell [32]) and taking damped Newton steps with a central-difference Hessian of the
 * compiled gradient. A diagonal metric equal to the marginal variances (what diagonal
 * adaptation converges to) whitens the scales but not the correlations: the whitened Hessian
 * D^{1/2} H D^{1/2} (D = the marginal variances) has eigenvalues μ_k. The
 * leapfrog integrator is stable only for ε < 2/√μ_max, and one half-period of the widest
 * direction takes π/√μ_min, so a U-turn needs about (π/2)·√(μ_max/μ_min) steps at the largest
 * stable ε, more at the ε that gives acceptance 0.9. Prints μ_max, μ_min, that step count,
 * the stability bound on ε and the stiffest directions. The Hessian is taken where the Newton
 * steps stop (the flat, prior-dominated directions are not convex, so they do not reach an
 * exact mode); D is the seed's printed marginal sds (below), not H⁻¹'s diagonal, for the same
 * reason. Writes bench/results/hi-geometry.json.
 */
import { writeFileSync } from "node:fs";
import { initializeModel, initToMedian } from "@sidereal/autodiff-samplers";
import { key } from "@sidereal/distributions";
import {
  EmissionAbsorptionModel,
  hiModel,
  SEED_FIT_PRIORS,
  simulateSeed,
} from "@sidereal/hi-physics";
import { inverse, symmetricEigen } from "@sidereal/tensor/kernels";

const sim = simulateSeed({ noise: true, seed: 1234 });
const model = new EmissionAbsorptionModel(
  { emission: sim.emission, absorption: sim.absorption },
  { nClouds: 3, seed: 1234 },
)
  .addPriors(SEED_FIT_PRIORS)
  .addLikelihood();
const pot = initializeModel(hiModel, model.modelData(true), {
  key: key(0),
  initStrategy: initToMedian(),
});
const d = pot.flatSize;
// cell [32]: the seed's posterior means (solution 0)
let q = pot.unconstrain({
  baseline_emission_norm: [-0.175],
  baseline_absorption_norm: [0.208],
  fwhm2_norm: [2.218, 0.026, 0.17],
  log10_nHI_norm: [0.243, -0.044, 0.054],
  velocity_norm: [0.751, 0.375, 0.625],
  log10_n_alpha_norm: [0.323, -0.022, 0.037],
  TB_fwhm_norm: [0.756, 0.086, 0.155],
  tkin_factor_norm: [0.651, 0.257, 0.558],
  filling_factor: [0.8, 0.43, 0.765],
});
const g = new Float64Array(d);
function hessian(at: Float64Array): Float64Array {
  const h = new Float64Array(d * d);
  const gp = new Float64Array(d);
  const gm = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const step = 1e-5 * Math.max(1, Math.abs(at[j]));
    const p = at.slice();
    p[j] += step;
    pot.potential(p, gp);
    p[j] -= 2 * step;
    pot.potential(p, gm);
    for (let i = 0; i < d; i++) h[i * d + j] = (gp[i] - gm[i]) / (2 * step);
  }
  for (let i = 0; i < d; i++)
    for (let j = 0; j < i; j++) h[i * d + j] = h[j * d + i] = 0.5 * (h[i * d + j] + h[j * d + i]);
  return h;
}
let u = pot.potential(q, g);
console.log(`start: U = ${u.toFixed(3)}, |grad| = ${Math.hypot(...g).toExponential(2)}`);
for (let it = 0; it < 30; it++) {
  const h = hessian(q);
  const hinv = new Float64Array(d * d);
  if (!inverse(h, 0, d, hinv, 0)) throw new Error("singular Hessian");
  const dir = Float64Array.from({ length: d }, (_, i) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += hinv[i * d + j] * g[j];
    return -s;
  });
  let t = 1;
  let next = q;
  let un = u;
  const gn = new Float64Array(d);
  for (; t > 1e-6; t /= 2) {
    next = q.map((x, i) => x + t * dir[i]);
    un = pot.potential(next, gn);
    if (Number.isFinite(un) && un <= u) break;
  }
  if (!(un <= u)) break;
  q = next;
  u = un;
  g.set(gn);
  if (Math.hypot(...g) < 1e-6) break;
}
console.log(`end point: U = ${u.toFixed(3)}, |grad| = ${Math.hypot(...g).toExponential(2)}`);
const h = hessian(q);
// D: the seed's printed posterior sds (cell [32]) taken to the unconstrained space (delta
// method: log for the positive, logit for the unit-interval sites); velocity, fwhm2 and TB_fwhm
// from their deterministics, whose sds carry more digits.
const logitSd = (m: number, s: number) => s / (m * (1 - m));
const seedSd: Record<string, number[]> = {
  baseline_emission_norm: [0.089],
  baseline_absorption_norm: [0.142],
  fwhm2_norm: [4.423 / 443.591, 0.013 / 5.277, 0.97 / 33.906],
  log10_nHI_norm: [0.918, 0.989, 0.976],
  velocity_norm: [
    0.062 / 40 / (0.751 * 0.249),
    0.001 / 40 / (0.375 * 0.625),
    0.027 / 40 / (0.625 * 0.375),
  ],
  log10_n_alpha_norm: [0.992, 0.991, 0.957],
  TB_fwhm_norm: [0.99 / 151.12, 1.377 / 17.151, 0.649 / 30.93],
  tkin_factor_norm: [logitSd(0.651, 0.139), logitSd(0.257, 0.189), logitSd(0.558, 0.129)],
  filling_factor: [logitSd(0.8, 0.133), logitSd(0.43, 0.235), logitSd(0.765, 0.152)],
};
const names = pot.latent.flatMap((s) =>
  Array.from({ length: s.size }, (_, i) => (s.size > 1 ? `${s.name}[${i}]` : s.name)),
);
const sd = Float64Array.from(pot.latent.flatMap((s) => seedSd[s.name]));
const hw = Float64Array.from({ length: d * d }, (_, k) => h[k] * sd[Math.floor(k / d)] * sd[k % d]);
const mu = new Float64Array(d);
const vec = new Float64Array(d * d);
symmetricEigen(hw, d, mu, vec);
const direction = (col: number) =>
  names
    .map((n, i) => ({ n, c: vec[i * d + col] }))
    .filter((e) => Math.abs(e.c) > 0.15)
    .sort((a, b) => Math.abs(b.c) - Math.abs(a.c))
    .map((e) => `${e.n} ${e.c.toFixed(2)}`)
    .join(", ");
const result = {
  benchmark: "hi-geometry",
  date: new Date().toISOString(),
  point: { potential: u, gradientNorm: Math.hypot(...g) },
  whitenedHessianEigenvalues: Array.from(mu, (x) => Number(x.toPrecision(3))),
  muMax: mu[d - 1],
  stiffestWhitenedSd: 1 / Math.sqrt(mu[d - 1]),
  stableStepSizeBound: 2 / Math.sqrt(mu[d - 1]),
  leapfrogStepsForWhitenedUnitHalfPeriod: (Math.PI / 2) * Math.sqrt(mu[d - 1]),
  stiffestDirections: [1, 2, 3, 4].map((k) => `${mu[d - k].toExponential(2)}: ${direction(d - k)}`),
};
console.log(JSON.stringify(result, null, 2));
writeFileSync(
  new URL("../../../bench/results/hi-geometry.json", import.meta.url),
  `${JSON.stringify(result, null, 2)}\n`,
);
