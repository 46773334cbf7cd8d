/**
 * `Predictive(model, { posteriorSamples?, numSamples?, returnSites? })(key, data)` (NumPyro's
 * `Predictive`): prior predictive draws (no posterior samples: the model is run `numSamples`
 * times under `seed`) or posterior predictive draws (draw `i` substitutes the `i`-th value of
 * every site in `posteriorSamples` and samples the rest, e.g. the observations when `data`
 * has no `obs`). Run `i` uses `split(key, n)[i]`. Returns, per site, a tensor of shape
 * `[n, ...siteShape]`: by default every sample site not in `posteriorSamples` (factors
 * excluded) and every deterministic site. Throws a `ModelError` ("bad-argument") when neither
 * count is given, when `numSamples` contradicts the samples' leading dim, or for an unknown
 * name in `returnSites`. With `parallel: true` the draws are made in one vectorised run of
 * the model where it broadcasts over a leading draw dim (see `vectorisedDraws`).
 */
import { foldIn, type PRNGKey, split } from "@sidereal/distributions";
import { type Tensor, tensor } from "@sidereal/tensor";
import { batchedTrace, drawOf, perDrawValues, probeTrace } from "./batchedTrace.js";
import { ModelError } from "./errors.js";
import { seed } from "./handlers/seed.js";
import { substitute } from "./handlers/substitute.js";
import { type Trace, trace } from "./handlers/trace.js";
import type { Model } from "./model.js";

/** Options of {@link Predictive}. */
export interface PredictiveOptions {
  /** Posterior draws by site, each with leading draw dim (e.g. `result.getSamples()`). */
  readonly posteriorSamples?: Readonly<Record<string, Tensor>>;
  /** Number of draws (required without `posteriorSamples`). */
  readonly numSamples?: number;
  /** Sites to return (default: see the module doc). */
  readonly returnSites?: readonly string[];
  /**
   * Run all draws in one vectorised pass where the model allows (NumPyro's `parallel=True`,
   * its `vmap`; default false). See {@link vectorisedDraws}: the draws are from the same
   * distribution as the loop's but not the same numbers; a model that does not broadcast
   * over a leading draw dim falls back to the loop.
   */
  readonly parallel?: boolean;
}

/** The value of return site `s` in a trace; a `ModelError` when the model has no such site. */
function returnSiteValue(tr: Trace, s: string): Tensor {
  const v = tr.get(s)?.value;
  if (v === undefined)
    throw new ModelError(
      "bad-argument",
      s,
      `Predictive: return site "${s}" is not a site of the model`,
    );
  return v;
}

function defaultSites(tr: Trace, posterior: Readonly<Record<string, Tensor>>): string[] {
  const out: string[] = [];
  for (const [name, msg] of tr) {
    if (msg.type === "deterministic") out.push(name);
    else if (msg.type === "sample" && !(name in posterior) && msg.infer.isAuxiliary !== true)
      out.push(name);
  }
  return out;
}

/** Builds a predictive sampler `(key, data) => draws by site` (see the module doc). */
export function Predictive<D, R>(
  model: Model<D, R>,
  options: PredictiveOptions,
): (rngKey: PRNGKey, data: D) => Record<string, Tensor> {
  const posterior = options.posteriorSamples ?? {};
  const names = Object.keys(posterior);
  let n = options.numSamples;
  if (names.length > 0) {
    const lead = posterior[names[0]].shape[0];
    for (const k of names)
      if (posterior[k].shape[0] !== lead)
        throw new ModelError(
          "bad-argument",
          k,
          `Predictive: posterior sample "${k}" has ${posterior[k].shape[0]} draws, "${names[0]}" has ${lead}`,
        );
    if (n !== undefined && n !== lead)
      throw new ModelError(
        "bad-argument",
        "",
        `Predictive: numSamples = ${n} but the posterior samples have ${lead} draws`,
      );
    n = lead;
  }
  if (n === undefined || !Number.isInteger(n) || n < 1)
    throw new ModelError(
      "bad-argument",
      "",
      `Predictive: give posteriorSamples or numSamples (an integer ≥ 1), got ${n}`,
    );
  const count = n;
  const loop = (rngKey: PRNGKey, data: D): Record<string, Tensor> => {
    const keys = split(rngKey, count);
    let sites: string[] | undefined;
    const bufs: Record<string, { data: Float64Array; shape: readonly number[] }> = {};
    for (let i = 0; i < count; i++) {
      const values: Record<string, Tensor> = {};
      for (const k of names) values[k] = drawOf(posterior[k], i);
      const tr = trace(seed(substitute(model, values), keys[i])).getTrace(data);
      if (sites === undefined) {
        sites = options.returnSites ? [...options.returnSites] : defaultSites(tr, posterior);
        for (const s of sites) {
          const v = returnSiteValue(tr, s);
          bufs[s] = { data: new Float64Array(count * v.size), shape: v.shape };
        }
      }
      for (const s of sites) {
        const v = tr.get(s)?.value as Tensor;
        const b = bufs[s];
        if (v.size * count !== b.data.length)
          throw new ModelError(
            "bad-argument",
            s,
            `Predictive: site "${s}" changed shape between draws ([${b.shape.join(", ")}] → [${v.shape.join(", ")}])`,
          );
        b.data.set(v.data, i * v.size);
      }
    }
    const out: Record<string, Tensor> = {};
    for (const s of sites ?? []) out[s] = tensor(bufs[s].data, [count, ...bufs[s].shape]);
    return out;
  };
  if (options.parallel !== true) return loop;
  return (rngKey, data) =>
    vectorisedDraws(model, posterior, count, options.returnSites, rngKey, data) ??
    loop(rngKey, data);
}

/**
 * All `count` draws in one run of the model (`batchedTrace`): every posterior site gets its
 * draws at once and every other site is drawn once with a leading batch dim. Sites are read
 * back as `[count, ...siteShape]` (a site that does not depend on the draws is repeated).
 * Returns undefined — the caller then loops — when the model does not broadcast that way; a
 * `ModelError` about the options themselves (an unknown return site) is thrown as in the loop.
 */
function vectorisedDraws<D, R>(
  model: Model<D, R>,
  posterior: Readonly<Record<string, Tensor>>,
  count: number,
  returnSites: readonly string[] | undefined,
  rngKey: PRNGKey,
  data: D,
): Record<string, Tensor> | undefined {
  const [probeKey, batchKey] = split(foldIn(rngKey, VECTORISED_STREAM));
  const probe = probeTrace(model, posterior, probeKey, data);
  const sites = returnSites ? [...returnSites] : defaultSites(probe, posterior);
  const shapes: Record<string, readonly number[]> = {};
  for (const s of sites) shapes[s] = returnSiteValue(probe, s).shape;
  const tr = batchedTrace(model, posterior, count, probe, batchKey, data);
  if (tr === undefined) return undefined;
  const out: Record<string, Tensor> = {};
  for (const s of sites) {
    const v = tr.get(s)?.value;
    const read = v === undefined ? undefined : perDrawValues(v, count, shapes[s]);
    if (read === undefined) return undefined;
    out[s] = read;
  }
  return out;
}

/** `foldIn` data of the vectorised path's key ("vect"). */
const VECTORISED_STREAM = 0x76656374;
