/**
 * `Predictive(model, { posteriorSamples?, numSamples?, returnSites? })(key, data)` (NumPyro's
 * `Predictive`): prior predictive draws (no posterior samples: the model is run `numSamples`
 * times under `seed`) or posterior predictive draws (draw `i` substitutes the `i`-th value of
 * every site in `posteriorSamples` and samples the rest, e.g. the observations when `data`
 * has no `obs`). Run `i` uses `split(key, n)[i]`. Returns, per site, a tensor of shape
 * `[n, ...siteShape]`: by default every sample site not in `posteriorSamples` (factors
 * excluded) and every deterministic site. Throws a `ModelError` ("bad-argument") when neither
 * count is given, when `numSamples` contradicts the samples' leading dim, or for an unknown
 * name in `returnSites`.
 */
import { type PRNGKey, split } from "@sidereal/distributions";
import { sizeOf, type Tensor, tensor } from "@sidereal/tensor";
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
}

function drawOf(t: Tensor, i: number): Tensor {
  const shape = t.shape.slice(1);
  const per = sizeOf(shape);
  return tensor(t.data.slice(i * per, (i + 1) * per), shape);
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
  return (rngKey, data) => {
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
          const v = tr.get(s)?.value;
          if (v === undefined)
            throw new ModelError(
              "bad-argument",
              s,
              `Predictive: return site "${s}" is not a site of the model`,
            );
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
}
