/**
 * bayes_spec's predictive sampling (spec §3.4) through the PPL's `Predictive`:
 *
 * - `samplePriorPredictive(model, samples = 50)`: `samples` forward draws of every free RV,
 *   deterministic and observed spectrum (key(seed)); groups `prior` and `priorPredictive`
 *   as one chain.
 * - `samplePosteriorPredictive(model, { solution?, thin = 100 })`: for every chain of the
 *   posterior (or of solution k, clouds relabelled), the draws `draw[::thin]` substituted and
 *   the spectra drawn (chain c uses foldIn(key(seed), c)); group `posteriorPredictive`.
 */
import { Predictive } from "@sidereal/autodiff-samplers";
import { foldIn, key } from "@sidereal/distributions";
import { type Tensor, tensor } from "@sidereal/tensor";
import type { BaseHiModel } from "./base-model.js";
import { hiModel } from "./hi-model.js";
import { chainsAndDraws, type VariableGroup } from "./trace.js";

/** Prior and prior-predictive draws (one chain). */
export interface PriorPredictive {
  readonly prior: VariableGroup;
  readonly priorPredictive: VariableGroup;
}

function asChain(t: Tensor, dims: readonly string[]): VariableGroup[string] {
  return { values: t.data.slice(), dims: ["chain", "draw", ...dims], shape: [1, ...t.shape] };
}

/** Forward draws from the prior (see the module doc). */
export function samplePriorPredictive(model: BaseHiModel<object>, samples = 50): PriorPredictive {
  model.validate();
  const data = model.modelData(false);
  const draws = Predictive(hiModel, { numSamples: samples })(key(model.seed), data);
  const dims = new Map(model.sites.map((s) => [s.name, s.dims]));
  const observed = new Set(data.datasets.map((d) => d.key));
  const prior: VariableGroup = {};
  const priorPredictive: VariableGroup = {};
  for (const [name, t] of Object.entries(draws)) {
    const v = asChain(t, dims.get(name) ?? []);
    if (observed.has(name)) priorPredictive[name] = v;
    else prior[name] = v;
  }
  return { prior, priorPredictive };
}

/** Posterior-predictive spectra (see the module doc). */
export function samplePosteriorPredictive(
  model: BaseHiModel<object>,
  options: { readonly solution?: number; readonly thin?: number } = {},
): VariableGroup {
  model.validate();
  const posterior = model.posteriorOf(options.solution);
  const thin = options.thin ?? 100;
  const [nChains, nDraws] = chainsAndDraws(posterior);
  const kept = Array.from({ length: Math.ceil(nDraws / thin) }, (_, i) => i * thin);
  const data = model.modelData(false);
  const free = model.freeRVs;
  const outputs = new Map<string, Float64Array>();
  for (let c = 0; c < nChains; c++) {
    const substituted: Record<string, Tensor> = {};
    for (const name of free) {
      const v = posterior[name];
      const per = v.values.length / (nChains * nDraws);
      const buf = new Float64Array(kept.length * per);
      kept.forEach((d, i) => {
        buf.set(v.values.subarray((c * nDraws + d) * per, (c * nDraws + d + 1) * per), i * per);
      });
      substituted[name] = tensor(buf, [kept.length, ...v.shape.slice(2)]);
    }
    const draws = Predictive(hiModel, {
      posteriorSamples: substituted,
      returnSites: data.datasets.map((d) => d.key),
    })(foldIn(key(model.seed), c), data);
    for (const ds of data.datasets) {
      const s = ds.spectral.length;
      let buf = outputs.get(ds.key);
      if (!buf) {
        buf = new Float64Array(nChains * kept.length * s);
        outputs.set(ds.key, buf);
      }
      buf.set(draws[ds.key].data, c * kept.length * s);
    }
  }
  const out: VariableGroup = {};
  for (const ds of data.datasets)
    out[ds.key] = {
      values: outputs.get(ds.key) as Float64Array,
      dims: ["chain", "draw", `${ds.key}_dim_0`],
      shape: [nChains, kept.length, ds.spectral.length],
    };
  return out;
}
