/**
 * Likelihood bookkeeping (bayes_spec, spec §3.3): the noise-free model spectra at given
 * parameter values, and the pointwise Gaussian log-likelihood
 * ℓ = −½ ln(2πσ²) − (y − μ)²/(2σ²) of every channel for every posterior draw.
 */
import { seed, substitute, type Trace, trace } from "@sidereal/autodiff-samplers";
import { key, type NormalDistribution } from "@sidereal/distributions";
import { compile, concat, mul, ones, sum, type Tensor, tensor, zeros } from "@sidereal/tensor";
import { hiModel } from "./hi-model.js";
import type { HiModelData } from "./model-data.js";
import { chainsAndDraws, drawValues, type VariableGroup } from "./trace.js";

/**
 * The mean of every observed spectrum (the likelihood's μ) with the named sites set to
 * `values` (free RVs and/or deterministics, as PyMC's `eval(givens)`).
 */
export function likelihoodMeans(
  data: HiModelData,
  values: Readonly<Record<string, Tensor | Float64Array | number | readonly number[]>>,
): Record<string, Float64Array> {
  // Sites not in `values` are drawn (from a fixed key); they do not affect μ when every free
  // RV the spectra depend on is given.
  const tr = trace(seed(substitute(hiModel, values), key(0))).getTrace({
    ...data,
    likelihood: true,
  });
  const out: Record<string, Float64Array> = {};
  for (const ds of data.datasets) {
    const msg = tr.get(ds.key);
    if (msg?.fn) out[ds.key] = (msg.fn as NormalDistribution).loc.toArray();
  }
  return out;
}

/** The mean of observed site `name` in a trace (the model's likelihood is Normal). */
function observedLoc(tr: Trace, name: string): Tensor {
  const fn = tr.get(name)?.fn;
  if (!fn) throw new Error(`the model has no observed site "${name}"`);
  return (fn as NormalDistribution).loc;
}

/** Σ over a spectrum of the Gaussian log-likelihood of `y` given `mu` and `noise`, per channel into `out`. */
export function gaussianLogLikelihood(
  y: Float64Array,
  mu: Float64Array,
  noise: Float64Array,
  out: Float64Array,
  offset = 0,
): void {
  for (let i = 0; i < y.length; i++) {
    const z = (y[i] - mu[i]) / noise[i];
    out[offset + i] = -0.5 * Math.log(2 * Math.PI * noise[i] * noise[i]) - 0.5 * z * z;
  }
}

/**
 * The likelihood means as one compiled program of the free-RV values (`compile` from
 * @sidereal/tensor, traced once for these shapes), for the log-likelihood of thousands of draws.
 * The JIT compiles scalar functions, so the program is L(w, θ) = Σ w·μ(θ) and μ is read off its
 * gradient in w (exactly μ: ∂L/∂w = μ).
 */
export function compiledLikelihoodMeans(
  data: HiModelData,
  freeRVs: readonly string[],
  shapes: readonly (readonly number[])[],
): (values: readonly Float64Array[]) => Record<string, Float64Array> {
  const observed = data.datasets;
  const total = observed.reduce((n, ds) => n + ds.spectral.length, 0);
  const program = compile(
    (w: Tensor, ...latent: Tensor[]) => {
      const values: Record<string, Tensor> = {};
      freeRVs.forEach((name, k) => {
        values[name] = latent[k];
      });
      const tr = trace(seed(substitute(hiModel, values), key(0))).getTrace({
        ...data,
        likelihood: true,
      });
      return sum(mul(w, concat(observed.map((ds) => observedLoc(tr, ds.key)))));
    },
    [zeros([total]), ...shapes.map((shape) => zeros(shape))],
  );
  const w = ones([total]);
  const mu = new Float64Array(total);
  const gradOut = [
    mu,
    ...shapes.map((shape) => new Float64Array(shape.reduce((a, b) => a * b, 1))),
  ];
  return (values) => {
    program.valueAndGrad([w, ...values.map((v, k) => tensor(v, shapes[k]))], gradOut);
    const out: Record<string, Float64Array> = {};
    let offset = 0;
    for (const ds of observed) {
      out[ds.key] = mu.subarray(offset, offset + ds.spectral.length);
      offset += ds.spectral.length;
    }
    return out;
  };
}

/** Pointwise log-likelihood of every draw of `posterior` (names of `freeRVs` substituted). */
export function pointwiseLogLikelihood(
  data: HiModelData,
  posterior: VariableGroup,
  freeRVs: readonly string[],
): VariableGroup {
  const [nChains, nDraws] = chainsAndDraws(posterior);
  const out: VariableGroup = {};
  const observed = data.datasets.filter((ds) => ds.brightness !== null);
  const buffers = observed.map((ds) => new Float64Array(nChains * nDraws * ds.spectral.length));
  const means = compiledLikelihoodMeans(
    data,
    freeRVs,
    freeRVs.map((name) => posterior[name].shape.slice(2)),
  );
  for (let c = 0; c < nChains; c++)
    for (let d = 0; d < nDraws; d++) {
      const all = drawValues(posterior, c, d);
      const mu = means(freeRVs.map((name) => all[name].values));
      observed.forEach((ds, k) => {
        const s = ds.spectral.length;
        gaussianLogLikelihood(
          ds.brightness as Float64Array,
          mu[ds.key],
          ds.noise,
          buffers[k],
          (c * nDraws + d) * s,
        );
      });
    }
  observed.forEach((ds, k) => {
    out[ds.key] = {
      values: buffers[k],
      dims: ["chain", "draw", `${ds.key}_dim_0`],
      shape: [nChains, nDraws, ds.spectral.length],
    };
  });
  return out;
}
